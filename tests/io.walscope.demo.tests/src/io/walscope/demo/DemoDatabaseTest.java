package io.walscope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.demo.server.PgCluster;
import io.walscope.testbed.MemorySecretStore;

/** The demo database end to end: start, schema, traffic into the WAL, clean stop, restart on the same data. */
class DemoDatabaseTest {

    @Test
    void startTrafficStopRestart() throws Exception {
        Path home = Files.createTempDirectory(Path.of("/tmp"), "walscope-demo-test-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        MemorySecretStore secrets = new MemorySecretStore();
        DemoDatabase demo = new DemoDatabase(home, secrets);
        List<String> progress = new ArrayList<>();
        ConnectionProfile p = demo.start(progress::add);
        try {
            assertTrue(demo.startedHere());
            assertTrue(progress.stream().anyMatch(s -> s.startsWith("Creating the demo cluster")), progress.toString());
            assertEquals("127.0.0.1", p.getHost());
            assertTrue(p.getPort() > 0);
            assertTrue(secrets.get(ConnectionProfile.DEMO_NAME, io.walscope.core.profile.SecretStore.Kind.PASSWORD) != null);
            try (Connection c = demo.connect(); Statement st = c.createStatement()) {
                int version = intOf(st, "SELECT current_setting('server_version_num')::int");
                assertTrue(version >= 180000 && version < 190000, "PostgreSQL 18, got " + version);
                assertEquals("logical", stringOf(st, "SHOW wal_level"));
                assertEquals(7, intOf(st, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'shop'"
                        + " AND table_name IN ('customers','products','stores','orders','audit_log','product_reviews','orders_2026')"));
                assertEquals(50, intOf(st, "SELECT count(*) FROM shop.products"));
                assertEquals("p", stringOf(st, "SELECT relkind::text FROM pg_class WHERE oid = 'shop.orders'::regclass"));
                assertEquals(0, intOf(st, "SELECT count(*) FROM pg_index WHERE indrelid = 'shop.audit_log'::regclass AND indisprimary"));
                // only loopback
                assertEquals("127.0.0.1", stringOf(st, "SHOW listen_addresses"));
                String lsnBefore = stringOf(st, "SELECT pg_current_wal_lsn()::text");
                try (TrafficGenerator traffic = new TrafficGenerator(demo::connect, 400)) {
                    traffic.start();
                    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                    while (traffic.changes() < 200 && Instant.now().isBefore(deadline)) {
                        Thread.onSpinWait();
                        st.execute("SELECT pg_sleep(0.05)");
                    }
                    assertTrue(traffic.changes() >= 200, "traffic wrote " + traffic.changes() + " changes, error: " + traffic.lastError());
                    traffic.setRate(0);
                }
                String lsnAfter = stringOf(st, "SELECT pg_current_wal_lsn()::text");
                assertNotEquals(lsnBefore, lsnAfter, "the traffic produced WAL");
                st.execute("CREATE TABLE shop.kept_across_restarts (id int)");
            }
        } finally {
            demo.stop();
        }
        PgCluster probe = new PgCluster(io.walscope.demo.server.PgDistribution.installed(home.resolve("pg/" + DemoDatabase.PG_VERSION),
                DemoDatabase.PG_VERSION), demo.dataDir());
        assertFalse(probe.isRunning(), "the demo server stopped");
        assertFalse(Files.exists(demo.dataDir().resolve("postmaster.pid")));

        // a second start reuses the data and the password, on a new port
        DemoDatabase again = new DemoDatabase(home, secrets);
        List<String> progress2 = new ArrayList<>();
        again.start(progress2::add);
        try {
            assertTrue(progress2.stream().noneMatch(s -> s.startsWith("Creating")), progress2.toString());
            try (Connection c = again.connect(); Statement st = c.createStatement()) {
                assertEquals(0, intOf(st, "SELECT count(*) FROM shop.kept_across_restarts"));
            }
            // another process (here: another object) attaches to the running server instead of starting one
            DemoDatabase attached = new DemoDatabase(home, secrets);
            assertTrue(attached.attach());
            assertEquals(again.profile().getPort(), attached.profile().getPort());
            attached.stop();
            assertTrue(probe.isRunning(), "stop() of an attached demo does not stop the server");
        } finally {
            again.stop();
        }
        assertFalse(probe.isRunning());
    }

    @Test
    void staleServerAfterACrashIsStoppedAndRestarted() throws Exception {
        Path home = Files.createTempDirectory(Path.of("/tmp"), "walscope-demo-crash-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        MemorySecretStore secrets = new MemorySecretStore();
        DemoDatabase first = new DemoDatabase(home, secrets);
        first.start(s -> { });
        // simulate a crash: a stale postmaster.pid whose process is gone
        Path pid = first.dataDir().resolve("postmaster.pid");
        PgCluster c = new PgCluster(io.walscope.demo.server.PgDistribution.installed(home.resolve("pg/" + DemoDatabase.PG_VERSION),
                DemoDatabase.PG_VERSION), first.dataDir());
        c.stop();
        List<String> lines = new ArrayList<>(List.of("999999", first.dataDir().toString(), "0", "5", "", "127.0.0.1", "0", "ready"));
        Files.write(pid, lines);
        PgCluster.chownToServerUser(pid);
        DemoDatabase second = new DemoDatabase(home, secrets);
        assertFalse(second.attach(), "a stale pid file is not a running server");
        second.start(s -> { });
        try (Connection conn = second.connect(); Statement st = conn.createStatement()) {
            assertEquals(50, intOf(st, "SELECT count(*) FROM shop.products"));
        } finally {
            second.stop();
        }
    }

    private static int intOf(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String stringOf(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
