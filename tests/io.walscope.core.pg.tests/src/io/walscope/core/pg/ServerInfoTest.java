package io.walscope.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** ServerInfo and the plugin probe against every server of the test bed. */
class ServerInfoTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void readsTheServer(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        try (Connection c = s.connect("postgres")) {
            ServerInfo i = ServerInfo.read(c);
            assertEquals(major, i.major(), "major version");
            assertTrue(i.version().startsWith(major), i.version());
            assertEquals("logical", i.walLevel());
            assertEquals(20, i.maxReplicationSlots());
            assertEquals(20, i.maxWalSenders());
            assertTrue(i.superuser());
            assertEquals("walscope_test", i.currentUser());
            assertFalse(i.ssl());

            Map<Plugin, PluginProbe.Result> plugins = PluginProbe.probeAll(c, i);
            assertEquals(PluginProbe.Availability.AVAILABLE, plugins.get(Plugin.TEST_DECODING).availability());
            assertEquals(major.equals("9.6") ? PluginProbe.Availability.TOO_OLD : PluginProbe.Availability.AVAILABLE,
                    plugins.get(Plugin.PGOUTPUT).availability());
            boolean debian = major.equals(PgTestBed.PLUGINS_VERSION);
            assertEquals(debian ? PluginProbe.Availability.AVAILABLE : PluginProbe.Availability.MISSING,
                    plugins.get(Plugin.WAL2JSON).availability(), plugins.get(Plugin.WAL2JSON).detail());
            assertEquals(debian ? PluginProbe.Availability.AVAILABLE : PluginProbe.Availability.MISSING,
                    plugins.get(Plugin.DECODERBUFS).availability(), plugins.get(Plugin.DECODERBUFS).detail());
            assertEquals(PluginProbe.Availability.MISSING, plugins.get(Plugin.WALMINER).availability());
            // the probe leaves no slot behind
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_replication_slots")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    @Test
    void wrongPasswordIsOneSentence() {
        TestServer s = PgTestBed.server("16");
        WalscopeException e = assertThrows(WalscopeException.class,
                () -> new PgConnector().connect(s.profile("postgres"), Secrets.of("wrong", null)).close());
        assertEquals("Password authentication failed for user \"walscope_test\" at 127.0.0.1:" + s.port()
                + ": check the password (or PGPASSWORD) and the user name.", e.getMessage());
    }

    @Test
    void unknownDatabaseAndClosedPort() throws Exception {
        TestServer s = PgTestBed.server("16");
        WalscopeException e = assertThrows(WalscopeException.class,
                () -> new PgConnector().connect(s.profile("nope"), s.superuserSecrets()).close());
        assertTrue(e.getMessage().startsWith("Database \"nope\" does not exist"), e.getMessage());
        int closed = io.walscope.demo.server.PgCluster.freePort();
        e = assertThrows(WalscopeException.class,
                () -> new PgConnector().connect(s.profile("postgres").setPort(closed), s.superuserSecrets()).close());
        assertTrue(e.getMessage().startsWith("Nothing accepts connections at 127.0.0.1:" + closed), e.getMessage());
        e = assertThrows(WalscopeException.class, () -> new PgConnector()
                .connect(s.profile("postgres").setHost("no-such-host.invalid"), s.superuserSecrets()).close());
        assertEquals("Host \"no-such-host.invalid\" is unknown: check the host name.", e.getMessage());
    }

    @Test
    void unknownRole() {
        TestServer s = PgTestBed.server("16");
        WalscopeException e = assertThrows(WalscopeException.class,
                () -> new PgConnector().connect(s.profile("postgres").setUser("ghost"), Secrets.of("x", null)).close());
        // PostgreSQL answers an unknown role like a wrong password, so as not to reveal which roles exist
        assertTrue(e.getMessage().startsWith("Password authentication failed for user \"ghost\""), e.getMessage());
    }
}
