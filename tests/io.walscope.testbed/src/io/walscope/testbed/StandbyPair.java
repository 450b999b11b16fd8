package io.walscope.testbed;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.TargetSessionAttrs;
import io.walscope.demo.server.PgCluster;

/**
 * A primary and a streaming standby of one major version on loopback, made without pg_basebackup (the zonky builds
 * have none): a physical slot {@value #SLOT} on the primary, a cold copy of its stopped data directory with an empty
 * pg_replslot, standby.signal, primary_conninfo (with a dbname, for slot sync) and primary_slot_name. The standby has
 * hot_standby_feedback on and, on 17+, sync_replication_slots on; the primary lists {@value #SLOT} in
 * synchronized_standby_slots (17+). See {@link PgTestBed#pair} (shared) and {@link PgTestBed#newPair} (to promote).
 */
public final class StandbyPair implements AutoCloseable {
    /** The standby's physical slot on the primary. */
    public static final String SLOT = "standby1";
    private final TestServer primary;
    private final TestServer standby;

    StandbyPair(TestServer primary, TestServer standby) {
        this.primary = primary;
        this.standby = standby;
    }

    /** Starts a pair: the primary is set up by {@code setup} before its first start, as {@link PgTestBed#dedicated}. */
    static StandbyPair start(String major, TestServer primary, Path standbyDir) throws Exception {
        PgCluster p = primary.cluster();
        primary.sql("postgres", "SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
        int port = p.port();
        p.stop();
        List<String> settings = new ArrayList<>(List.of("hot_standby_feedback = on"));
        if (p.distribution().major() >= 17) {
            settings.add("sync_replication_slots = on");
        }
        PgCluster s = p.standbyCopy(standbyDir, SLOT, "postgres", settings);
        p.start(port);
        s.start(0);
        StandbyPair pair = new StandbyPair(primary, new TestServer(major, s));
        if (p.distribution().major() >= 17) {
            primary.sql("postgres", "ALTER SYSTEM SET synchronized_standby_slots = '" + SLOT + "'", "SELECT pg_reload_conf()");
        }
        Await.until("the standby of PostgreSQL " + major + " to stream", Duration.ofSeconds(60), () -> pair.streaming());
        return pair;
    }

    public TestServer primary() {
        return primary;
    }

    public TestServer standby() {
        return standby;
    }

    /** The superuser's profile listing both hosts, primary first, with target_session_attrs = {@code attrs}. */
    public ConnectionProfile profileBoth(String database, TargetSessionAttrs attrs) {
        return primary.profile(database).setName("pair-" + primary.major())
                .setHosts(List.of(new HostPort("127.0.0.1", primary.port()), new HostPort("127.0.0.1", standby.port())))
                .setTargetSessionAttrs(attrs);
    }

    /** True when the primary's pg_stat_replication shows the standby streaming. */
    public boolean streaming() {
        return "streaming".equals(query(primary, "postgres", "SELECT state FROM pg_stat_replication WHERE application_name = '"
                + SLOT + "'"));
    }

    /** Creates a database on the primary and waits until the standby has it. */
    public String createDatabase(String hint) throws Exception {
        String db = primary.createDatabase(hint);
        waitReplayed();
        return db;
    }

    /** Waits until the standby replayed everything the primary wrote so far. */
    public void waitReplayed() throws Exception {
        String lsn = query(primary, "postgres", "SELECT pg_current_wal_insert_lsn()::text");
        Await.until("the standby to replay " + lsn, Duration.ofSeconds(60), () -> "t".equals(query(standby, "postgres",
                "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")));
    }

    /** 17+: waits until the standby holds {@code slot} synced and ready for a failover. */
    public void waitSynced(String slot) throws Exception {
        Await.until("slot " + slot + " to be synced to the standby", Duration.ofSeconds(60), () -> "t".equals(query(standby,
                "postgres", "SELECT synced AND NOT temporary AND invalidation_reason IS NULL FROM pg_replication_slots"
                        + " WHERE slot_name = '" + slot + "'")));
    }

    /** Makes the primary write a running-transactions record, which slot creation on a 16+ standby waits for. */
    public void logStandbySnapshot() {
        primary.sql("postgres", "SELECT pg_log_standby_snapshot()");
    }

    /**
     * Writes a running-transactions record on the primary every 200 ms until closed: what creating a slot on a 16+
     * standby waits for (an idle primary writes none).
     */
    public AutoCloseable snapshots() {
        Object lock = new Object();
        boolean[] stop = {false};
        Thread t = new Thread(() -> {
            try (Connection c = primary.connect("postgres"); Statement st = c.createStatement()) {
                while (true) {
                    synchronized (lock) {
                        if (stop[0]) {
                            return;
                        }
                        st.execute("SELECT pg_log_standby_snapshot()");
                        lock.wait(200);
                    }
                }
            } catch (Exception e) {
                // the test fails on what it waited for
            }
        }, "walscope-standby-snapshots");
        t.setDaemon(true);
        t.start();
        return () -> {
            synchronized (lock) {
                stop[0] = true;
                lock.notifyAll();
            }
            t.join(5000);
        };
    }

    /** The first column of the first row of {@code sql} on {@code s} as text, or null. */
    public static String query(TestServer s, String db, String sql) {
        try (Connection c = s.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(s + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} with one text parameter on {@code s}. */
    public static void sql(TestServer s, String db, String sql, String param) {
        try (Connection c = s.connect(db); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            ps.execute();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(s + ": " + e.getMessage(), e);
        }
    }

    /** Promotes the standby with {@code SELECT pg_promote()} (waits until it is a primary). */
    public void promote() {
        standby.sql("postgres", "SELECT pg_promote()");
    }

    /** Stops the primary (fast shutdown: it sends the standby all the WAL it has first). */
    public void stopPrimary() throws IOException {
        primary.cluster().stop();
    }

    @Override
    public void close() {
        standby.close();
        primary.close();
    }

    @Override
    public String toString() {
        return "PostgreSQL " + primary.major() + " primary on " + primary.port() + ", standby on " + standby.port();
    }
}
