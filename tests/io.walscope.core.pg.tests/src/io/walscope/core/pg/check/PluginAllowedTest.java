package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Status;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.PluginProbe;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.stream.ChangeStream;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * {@code output_plugin_libraries}: a fresh Debian PostgreSQL 15 (as apt serves it today) refuses wal2json and
 * decoderbufs for every role until the setting lists them; Walscope says so (never "REPLICATION privilege"),
 * {@code plugin.allowed} fails with the list-syntax fix, applying it makes the stream work. Both sides are tested:
 * an older minor without the setting, and every server of the matrix with its own plugin.
 */
class PluginAllowedTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    private static CheckReport check(TestServer s, String db, Plugin p) throws WalscopeException {
        CheckOptions o = CheckOptions.of(List.of("public"), p);
        return new CheckRunner(s.profile(db), s.superuserSecrets()).run(o, Progress.NONE);
    }

    private static Finding allowed(CheckReport r, Plugin p) {
        Finding f = r.find(CheckId.PLUGIN_ALLOWED, p.id());
        assertNotNull(f, "plugin.allowed missing: " + r.findings());
        return f;
    }

    /** The server's own answer to a slot with {@code plugin}, as a superuser. */
    private static SQLException createSlot(TestServer s, String db, Plugin plugin) {
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_logical_replication_slot('walscope_allow_probe', '" + plugin.id() + "', true)");
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    @Test
    void aFreshServerRefusesWal2jsonUntilTheFixIsApplied() throws Exception {
        PgTestBed.requirePlugins();
        assertTrue(PgTestBed.hasPluginAllowList("15"), "Debian's PostgreSQL 15 as apt serves it (15.20+) has"
                + " output_plugin_libraries; this machine's has not: update it (apt-get install postgresql-15)");
        try (TestServer s = PgTestBed.dedicated("15", "allowlist", c -> { })) {
            String db = s.createDatabase("allow");
            s.sql(db, "CREATE TABLE t (id int PRIMARY KEY, v text)");

            // the server refuses a superuser: the cause is the setting, not a privilege
            SQLException refused = createSlot(s, db, Plugin.WAL2JSON);
            assertNotNull(refused, "a fresh server with output_plugin_libraries refuses wal2json");
            assertTrue(refused.getMessage().contains("may not be used as an output plugin"), refused.getMessage());
            assertTrue(PgErrors.isPluginRefused(refused));
            assertNull(createSlot(s, db, Plugin.PGOUTPUT), "pgoutput is on the default list");

            try (Connection c = s.connect(db)) {
                ServerInfo info = ServerInfo.read(c);
                assertEquals("pgoutput, test_decoding", info.outputPluginLibraries());
                for (Plugin p : List.of(Plugin.WAL2JSON, Plugin.DECODERBUFS)) {
                    PluginProbe.Result r = PluginProbe.probe(c, info, p);
                    assertEquals(PluginProbe.Availability.NOT_ALLOWED, r.availability(), r.detail());
                    assertTrue(r.detail().contains("output_plugin_libraries = 'pgoutput', 'test_decoding', '" + p.id() + "'"),
                            r.detail());
                }
                assertEquals(PluginProbe.Availability.AVAILABLE, PluginProbe.probe(c, info, Plugin.PGOUTPUT).availability());
            }

            WalscopeException stream = assertThrows(WalscopeException.class, () -> new ChangeStream(s.profile(db),
                    s.superuserSecrets(), new StreamOptions().plugin(Plugin.WAL2JSON).maxEvents(1)).run(new Rows()));
            assertTrue(stream.getMessage().startsWith("The wal2json plugin is not allowed by output_plugin_libraries on 127.0.0.1:"),
                    stream.getMessage());
            assertFalse(stream.getMessage().contains("REPLICATION"), stream.getMessage());

            CheckReport before = check(s, db, Plugin.WAL2JSON);
            Finding f = allowed(before, Plugin.WAL2JSON);
            assertEquals(Status.FAIL, f.status(), f.message());
            assertEquals("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'",
                    f.fix().sql().get(0));
            assertEquals(Status.WARN, before.find(CheckId.PLUGIN_AVAILABLE, "wal2json").status(),
                    "not proven while refused: " + before.find(CheckId.PLUGIN_AVAILABLE, "wal2json").message());

            // a role that may not read the setting (no superuser, no pg_read_all_settings): pg_settings shows no row,
            // as for a server without the setting — Walscope must not take that for "any plugin is allowed"
            s.sql(db, "CREATE ROLE cdc LOGIN REPLICATION PASSWORD 'cdc-pw'");
            ConnectionProfile cdc = s.profile(db).setUser("cdc");
            try (Connection c = new PgConnector().connect(cdc, Secrets.of("cdc-pw", null))) {
                ServerInfo info = ServerInfo.read(c);
                assertNull(info.outputPluginLibraries());
                assertTrue(info.outputPluginLibrariesHidden());
                PluginProbe.Result r = PluginProbe.probe(c, info, Plugin.WAL2JSON);
                assertEquals(PluginProbe.Availability.NOT_ALLOWED, r.availability(), r.detail());
                assertTrue(r.detail().contains("its list is hidden from this role"), r.detail());
            }
            CheckOptions asCdc = CheckOptions.of(List.of("public"), Plugin.WAL2JSON);
            CheckReport hidden = new CheckRunner(cdc, Secrets.of("cdc-pw", null)).run(asCdc, Progress.NONE);
            Finding h = allowed(hidden, Plugin.WAL2JSON);
            assertEquals(Status.FAIL, h.status(), h.message());
            assertTrue(h.message().contains("hidden from this role"), h.message());
            assertEquals("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'",
                    h.fix().sql().get(0));
            Finding hp = allowed(new CheckRunner(cdc, Secrets.of("cdc-pw", null))
                    .run(CheckOptions.of(List.of("public"), Plugin.PGOUTPUT), Progress.NONE), Plugin.PGOUTPUT);
            assertEquals(Status.OK, hp.status(), hp.message());
            assertTrue(hp.message().contains("proven by a slot"), hp.message());

            // the trap: one quoted string is accepted but is ONE element, and the server still refuses
            s.sql(db, "ALTER SYSTEM SET output_plugin_libraries = 'pgoutput, test_decoding, wal2json'");
            try (Connection c = s.connect(db)) {
                FixApplier.reloadAndWait(c);
            }
            assertNotNull(createSlot(s, db, Plugin.WAL2JSON), "the one-string form still refuses wal2json");
            Finding trap = allowed(check(s, db, Plugin.WAL2JSON), Plugin.WAL2JSON);
            assertEquals(Status.FAIL, trap.status());
            assertTrue(trap.message().contains("one quoted string"), trap.message());
            assertEquals(f.fix(), trap.fix(), "the fix splits the one element into the list");

            // apply (as `walscope apply --only plugin.allowed` does), then check again: allowed and proven
            try (Connection c = s.connect(db)) {
                ApplyReport ar = FixApplier.apply(c, List.of(trap), true, Progress.NONE);
                assertNull(ar.failure(), ar.toString());
            }
            CheckReport after = check(s, db, Plugin.WAL2JSON);
            assertEquals(Status.OK, allowed(after, Plugin.WAL2JSON).status(), allowed(after, Plugin.WAL2JSON).message());
            assertEquals(Status.OK, after.find(CheckId.PLUGIN_AVAILABLE, "wal2json").status(),
                    after.find(CheckId.PLUGIN_AVAILABLE, "wal2json").message());

            // and the stream works
            Rows rows = new Rows();
            ChangeStream cs = new ChangeStream(s.profile(db), s.superuserSecrets(),
                    new StreamOptions().plugin(Plugin.WAL2JSON).slot("allowed").createSlot(true).maxEvents(2));
            Thread writer = new Thread(() -> {
                try {
                    waitForSlot(s, db, "allowed");
                    s.sql(db, "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            cs.run(rows);
            writer.join();
            assertEquals(List.of("insert t", "insert t"), rows.seen);
            s.sql(db, "SELECT pg_drop_replication_slot('allowed')");
        }
    }

    private static void waitForSlot(TestServer s, String db, String slot) throws Exception {
        Await.until("slot " + slot + " to be streamed", Duration.ofSeconds(30), () -> {
            try (Connection c = s.connect(db); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    @Test
    void anOlderMinorHasNoSetting() throws Exception {
        TestServer s = PgTestBed.server(PgTestBed.OLD_MINOR);
        assertFalse(PgTestBed.hasPluginAllowList(PgTestBed.OLD_MINOR));
        String db = s.createDatabase("allow_old");
        Finding f = allowed(check(s, db, Plugin.TEST_DECODING), Plugin.TEST_DECODING);
        assertEquals(Status.OK, f.status());
        assertTrue(f.message().contains("has no output_plugin_libraries"), f.message());
        try (Connection c = s.connect(db)) {
            assertNull(ServerInfo.read(c).outputPluginLibraries());
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void everyServerAllowsItsOwnPlugin(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = s.createDatabase("allow_each");
        Plugin p = major.equals("9.6") ? Plugin.TEST_DECODING : Plugin.PGOUTPUT;
        Finding f = allowed(check(s, db, p), p);
        assertEquals(Status.OK, f.status(), f.message());
        boolean has = PgTestBed.hasPluginAllowList(major);
        assertEquals(has, f.message().contains("lists " + p.id()), f.message());
        try (Connection c = s.connect(db)) {
            ServerInfo info = ServerInfo.read(c);
            assertEquals(has, info.outputPluginLibraries() != null);
            if (major.equals(PgTestBed.PLUGINS_VERSION)) {
                assertEquals(PluginProbe.Availability.AVAILABLE, PluginProbe.probe(c, info, Plugin.WAL2JSON).availability(),
                        "the shared server lists wal2json");
            } else if (!major.equals("9.6")) {
                // a superuser is told the first thing to fix: the library is not there (zonky builds have none)
                PluginProbe.Result r = PluginProbe.probe(c, info, Plugin.WAL2JSON);
                assertEquals(PluginProbe.Availability.MISSING, r.availability(), r.detail());
            }
        }
    }

    /** The op and table of every change. */
    static final class Rows implements ChangeListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void change(ChangeEvent e) {
            seen.add(e.op().json() + " " + e.table());
        }
    }
}
