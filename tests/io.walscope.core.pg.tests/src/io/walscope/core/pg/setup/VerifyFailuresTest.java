package io.walscope.core.pg.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.walscope.core.check.Progress;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.VerifyResult;
import io.walscope.testbed.Await;
import io.walscope.testbed.LinkCutter;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * When the test of a plugin fails, it says why in one sentence — output_plugin_libraries, REPLICATION, pg_hba.conf,
 * wal_level — and leaves nothing on the server, also when its connections are cut in the middle (ended by
 * pg_terminate_backend, or a link that a proxy drops and refuses for a while). Debian's PostgreSQL 15 as apt
 * serves it (15.20: output_plugin_libraries at its default), a server of its own.
 */
class VerifyFailuresTest {
    private static final String PW = "verify-pw";
    private static TestServer s;
    private static String db;

    @BeforeAll
    static void start() {
        s = PgTestBed.dedicated(PgTestBed.PLUGINS_VERSION, "verify-failures",
                c -> c.hba("host all blocked 127.0.0.1/32 reject"));
        db = s.createDatabase("verify_fail");
        s.sql(db, "CREATE ROLE norepl LOGIN PASSWORD '" + PW + "'", "GRANT CREATE ON SCHEMA public TO norepl",
                "CREATE ROLE blocked LOGIN REPLICATION PASSWORD '" + PW + "'",
                "CREATE ROLE cutter LOGIN SUPERUSER PASSWORD '" + PW + "'");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static ConnectionProfile as(String user) {
        return s.profile(db).setUser(user);
    }

    private static VerifyResult verify(ConnectionProfile p, Secrets secrets, Plugin plugin, Progress progress)
            throws Exception {
        return new VerifyOperation(p, secrets, plugin, "public").timeout(Duration.ofSeconds(20)).run(progress);
    }

    private static void assertNothingLeft(VerifyResult r) {
        assertTrue(r.clean(), r.leftovers().toString());
        assertEquals(List.of(), Leftovers.of(s, db));
    }

    @Test
    void pluginNotAllowedByOutputPluginLibraries() throws Exception {
        VerifyResult r = verify(s.profile(db), s.superuserSecrets(), Plugin.WAL2JSON, Progress.NONE);
        assertFalse(r.ok());
        assertTrue(r.reason().contains("not allowed by output_plugin_libraries"), r.reason());
        assertTrue(r.reason().contains("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'"),
                r.reason());
        assertEquals(1, r.reason().lines().count());
        assertNothingLeft(r);
    }

    @Test
    void roleWithoutReplication() throws Exception {
        VerifyResult r = verify(as("norepl"), Secrets.of(PW, null), Plugin.TEST_DECODING, Progress.NONE);
        assertFalse(r.ok());
        assertTrue(r.reason().contains("lacks the REPLICATION privilege"), r.reason());
        assertNothingLeft(r);
    }

    @Test
    void pgHbaRefusesTheReader() throws Exception {
        VerifyResult r = new VerifyOperation(s.profile(db), s.superuserSecrets(), Plugin.PGOUTPUT, "public")
                .readAs(as("blocked"), Secrets.of(PW, null)).run(Progress.NONE);
        assertFalse(r.ok());
        assertTrue(r.reason().contains("pg_hba.conf"), r.reason());
        assertTrue(r.reason().contains("host " + db + " blocked 127.0.0.1/32 scram-sha-256"), r.reason());
        assertEquals("blocked", r.reader());
        assertNothingLeft(r);
    }

    @Test
    void terminatedInTheMiddle() throws Exception {
        VerifyResult r = verify(as("cutter"), Secrets.of(PW, null), Plugin.PGOUTPUT, new Progress() {
            @Override
            public void subTask(String name) {
                if (name.startsWith("writing")) {
                    // every session of the test: the writer, the reader's SQL connection and its walsender
                    s.sql(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'cutter'");
                    awaitNoSessions();
                }
            }
        });
        assertFalse(r.ok());
        assertTrue(r.reason().contains("lost") || r.reason().contains("dropped"), r.reason());
        assertNothingLeft(r);
    }

    @Test
    void linkCutAndRefusedForAWhile() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (LinkCutter link = new LinkCutter(s.port())) {
            ConnectionProfile p = as("cutter").setPort(link.port());
            VerifyResult r = verify(p, Secrets.of(PW, null), Plugin.PGOUTPUT, new Progress() {
                @Override
                public void subTask(String name) {
                    if (name.startsWith("writing")) {
                        link.refuse(true);
                        link.cut();
                        timer.schedule(() -> link.refuse(false), 2, TimeUnit.SECONDS);
                    }
                }
            });
            assertFalse(r.ok());
            assertTrue(r.reason().contains("lost") || r.reason().contains("dropped"), r.reason());
            assertTrue(link.accepted() >= 3, "the cleanup connected again: " + link.accepted());
            awaitNoSessions();
            assertNothingLeft(r);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void walLevelNotLogical() throws Exception {
        try (TestServer replica = PgTestBed.dedicated("16", "verify-wal-level", c -> c.conf("wal_level = replica"))) {
            String d = replica.createDatabase("walrep");
            VerifyResult r = new VerifyOperation(replica.profile(d), replica.superuserSecrets(), Plugin.PGOUTPUT, "public")
                    .run(Progress.NONE);
            assertFalse(r.ok());
            assertTrue(r.reason().startsWith("wal_level is replica"), r.reason());
            assertTrue(r.clean(), r.leftovers().toString());
        }
    }

    private static void awaitNoSessions() {
        try {
            Await.until("the sessions of cutter to end", Duration.ofSeconds(10), () -> sessions("cutter") == 0);
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static int sessions(String user) {
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + user + "'")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
