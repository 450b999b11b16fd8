package io.walscope.testbed;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.demo.server.PgCluster;

/** A running test server: its superuser, profiles for it, fresh databases and roles per test. */
public final class TestServer implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final String major;
    private final PgCluster cluster;

    TestServer(String major, PgCluster cluster) {
        this.major = major;
        this.cluster = cluster;
    }

    public String major() {
        return major;
    }

    public PgCluster cluster() {
        return cluster;
    }

    public int port() {
        return cluster.port();
    }

    /** A profile of the superuser for {@code database}. */
    public ConnectionProfile profile(String database) {
        return new ConnectionProfile().setName("test-" + major).setHost("127.0.0.1").setPort(cluster.port())
                .setDatabase(database).setUser(cluster.superuser()).setSslMode(SslMode.DISABLE)
                .setSchemas(List.of("public"));
    }

    public Secrets superuserSecrets() {
        return Secrets.of(cluster.password(), null);
    }

    /** A superuser connection to {@code database}. */
    public Connection connect(String database) {
        try {
            return new PgConnector().connect(profile(database), superuserSecrets());
        } catch (WalscopeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Creates a fresh, empty database with a unique name built from {@code hint}, and returns its name. */
    public String createDatabase(String hint) {
        String name = (hint.replaceAll("[^a-z0-9_]", "_") + "_" + SEQ.incrementAndGet()).toLowerCase();
        sql("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** Runs statements as superuser in {@code database} (autocommit). */
    public void sql(String database, String... statements) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on PostgreSQL " + major + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            cluster.stop();
        } catch (IOException e) {
            // the watchdog stops it
        }
        PgTestBed.forget(cluster);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major + " on port " + cluster.port();
    }
}
