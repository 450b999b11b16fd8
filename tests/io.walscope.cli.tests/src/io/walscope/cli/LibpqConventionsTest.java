package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * The CLI against a real server the way psql users connect: a password from ~/.pgpass or PGPASSFILE (ignored, with
 * libpq's warning, when others may read it), a connection service, PGCONNECT_TIMEOUT, and application_name
 * {@code walscope} (or PGAPPNAME) on every connection, replication ones included.
 */
class LibpqConventionsTest {
    @TempDir
    Path dir;

    private static Map<String, String> noPassword(TestServer s, String db) {
        Map<String, String> env = new HashMap<>(CliRun.env(s, db));
        env.remove("PGPASSWORD");
        return env;
    }

    @Test
    void passwordFileAndServiceFile() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = s.createDatabase("libpq");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# host:port:database:user:password\notherhost:*:*:*:wrong\n127.0.0.1:" + s.port()
                + ":*:" + s.cluster().superuser() + ":" + s.cluster().password().replace("\\", "\\\\").replace(":", "\\:")
                + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = noPassword(s, db);
        env.put("HOME", home.toString());
        CliRun r = CliRun.run(env, "info", "--json");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("\"user\" : \"" + s.cluster().superuser() + "\""), r.out);

        // group- or world-readable: ignored, with libpq's warning, and the failure says where a password could come from
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        r = CliRun.run(env, "info");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.startsWith("walscope: WARNING: password file \"" + pgpass + "\" has group or world access;"
                + " permissions should be u=rw (0600) or less\n"), r.err);
        assertTrue(r.err.strip().endsWith("No password was given: set PGPASSWORD or add it to ~/.pgpass."), r.err);

        // PGPASSFILE names another file
        Path other = dir.resolve("other.pgpass");
        Files.writeString(other, "*:*:*:*:" + s.cluster().password().replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        env.put("PGPASSFILE", other.toString());
        r = CliRun.run(env, "info");
        assertEquals(0, r.exit, r.toString());

        // a connection service: PGSERVICE, or service= in a URL; PGSERVICEFILE names the file
        Path services = dir.resolve("services.conf");
        Files.writeString(services, "[walscope_test]\nhost=127.0.0.1\nport=" + s.port() + "\ndbname=" + db + "\nuser="
                + s.cluster().superuser() + "\nsslmode=disable\napplication_name=etl_check\nconnect_timeout=5\n");
        Map<String, String> svc = new HashMap<>(Map.of("PGSERVICEFILE", services.toString(), "PGSERVICE",
                "walscope_test", "PGPASSFILE", other.toString(), "HOME", home.toString()));
        r = CliRun.run(svc, "info", "--json");
        assertEquals(0, r.exit, r.toString());
        svc.remove("PGSERVICE");
        r = CliRun.run(svc, "info", "postgresql://?service=walscope_test");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("at " + s.cluster().superuser() + "@127.0.0.1:" + s.port() + "/" + db), r.out);
        r = CliRun.run(svc, "info", "postgresql://?service=nope");
        assertEquals(2, r.exit);
        assertTrue(r.err.startsWith("walscope info: Service \"nope\" is not defined in " + services), r.err);
    }

    @Test
    void everyConnectionCarriesTheApplicationName() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = s.createDatabase("appname");
        s.sql(db, "CREATE TABLE t (id int PRIMARY KEY)");
        assertEquals("walscope", applicationNameWhileTailing(s, db, CliRun.env(s, db)));
        Map<String, String> env = new HashMap<>(CliRun.env(s, db));
        env.put("PGAPPNAME", "nightly_etl");
        assertEquals("nightly_etl", applicationNameWhileTailing(s, db, env));
    }

    /** Runs a tail until one change arrives; returns the application_name its walsender shows meanwhile. */
    private static String applicationNameWhileTailing(TestServer s, String db, Map<String, String> env) throws Exception {
        CompletableFuture<CliRun> tail = CompletableFuture.supplyAsync(
                () -> CliRun.run(env, "tail", "--plugin", "test_decoding", "--max-events", "1"));
        String[] name = new String[1];
        Await.until("the tail to stream from its slot", Duration.ofSeconds(60), () -> {
            try (Connection c = s.connect(db); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT a.application_name FROM pg_replication_slots s JOIN"
                            + " pg_stat_activity a ON a.pid = s.active_pid WHERE s.database = '" + db + "'")) {
                if (rs.next()) {
                    name[0] = rs.getString(1);
                    return true;
                }
                return tail.isDone();
            }
        });
        s.sql(db, "INSERT INTO t VALUES (" + System.nanoTime() % 100000 + ")");
        CliRun r = tail.get();
        assertEquals(0, r.exit, r.toString());
        return name[0];
    }

    @Test
    void connectTimeoutBoundsALoginThatNeverAnswers() throws Exception {
        // a server that accepts the TCP connection and never says a word
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return mute.accept();
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            Map<String, String> env = Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(mute.getLocalPort()),
                    "PGUSER", "x", "PGPASSWORD", "x", "PGSSLMODE", "disable", "PGCONNECT_TIMEOUT", "2");
            long t0 = System.nanoTime();
            CliRun r = CliRun.run(env, "info");
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(2, r.exit, r.toString());
            assertTrue(seconds >= 1 && seconds < 8, "gave up after " + seconds + " s: " + r);
            CliRun bad = CliRun.run(Map.of("PGHOST", "127.0.0.1", "PGCONNECT_TIMEOUT", "soon"), "info");
            assertEquals(2, bad.exit);
            assertEquals("walscope info: PGCONNECT_TIMEOUT 'soon' is not a whole number of seconds (0 waits as long as"
                    + " it takes).", bad.err.strip());
            Socket s = accepted.getNow(null);
            if (s != null) {
                s.close();
            }
        }
    }
}
