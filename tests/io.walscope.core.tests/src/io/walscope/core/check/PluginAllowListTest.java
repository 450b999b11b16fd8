package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.profile.Plugin;

/** output_plugin_libraries as SHOW prints it, the one-string trap, and the fix that keeps what is listed. */
class PluginAllowListTest {
    private static ServerFacts facts(String allowList) {
        return new ServerFacts("15.20", 150020, "logical", false, 10, false, 10, false, 0, "shop", allowList);
    }

    @Test
    void parsesTheListAsShowPrintsIt() {
        assertEquals(List.of("pgoutput", "test_decoding"), PluginAllowList.parse("pgoutput, test_decoding"));
        assertEquals(List.of("pgoutput, test_decoding, wal2json"),
                PluginAllowList.parse("\"pgoutput, test_decoding, wal2json\""), "one quoted string is ONE element");
        assertEquals(List.of("a\"b", "$libdir/wal2json"), PluginAllowList.parse("\"a\"\"b\", $libdir/wal2json"));
        assertEquals(List.of(), PluginAllowList.parse(""));
        assertTrue(PluginAllowList.allows(PluginAllowList.parse("pgoutput, $libdir/wal2json"), "wal2json"));
        assertFalse(PluginAllowList.allows(PluginAllowList.parse("\"pgoutput, wal2json\""), "wal2json"));
    }

    @Test
    void theFixIsAListOfLiteralsKeepingWhatIsListed() {
        assertEquals("'pgoutput', 'test_decoding', 'wal2json'", PluginAllowList.sqlValue(
                PluginAllowList.withPlugin(PluginAllowList.parse("pgoutput, test_decoding"), "wal2json")));
        assertEquals("'pgoutput', 'test_decoding', 'wal2json', 'decoderbufs'", PluginAllowList.sqlValue(
                PluginAllowList.withPlugin(PluginAllowList.parse("\"pgoutput, test_decoding, wal2json\""), "decoderbufs")),
                "the trap's element is split into its parts");
        assertEquals("'my''lib', 'wal2json'", PluginAllowList.sqlValue(List.of("my'lib", "wal2json")));
    }

    @Test
    void pluginAllowedJudgesTheSetting() {
        Finding none = PluginRules.allowed(facts(null), Plugin.WAL2JSON);
        assertEquals(Status.OK, none.status());
        assertTrue(none.message().contains("has no output_plugin_libraries"), none.message());

        Finding listed = PluginRules.allowed(facts("pgoutput, test_decoding"), Plugin.PGOUTPUT);
        assertEquals(Status.OK, listed.status());
        assertNull(listed.fix());

        Finding refused = PluginRules.allowed(facts("pgoutput, test_decoding"), Plugin.WAL2JSON);
        assertEquals(Status.FAIL, refused.status());
        assertEquals(CheckId.PLUGIN_ALLOWED, refused.id());
        assertEquals("wal2json", refused.subject());
        assertTrue(refused.message().contains("superusers included"), refused.message());
        assertEquals(List.of("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'",
                "SELECT pg_reload_conf()"), refused.fix().sql());
        assertTrue(refused.fix().needsSuperuser());
        assertFalse(refused.fix().needsRestart(), "a reload is enough");
        assertFalse(refused.fix().transactional(), "ALTER SYSTEM cannot run in a transaction block");

        Finding trap = PluginRules.allowed(facts("\"pgoutput, test_decoding, wal2json\""), Plugin.WAL2JSON);
        assertEquals(Status.FAIL, trap.status());
        assertTrue(trap.message().contains("one quoted string"), trap.message());
        assertEquals("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'",
                trap.fix().sql().get(0));
    }

    @Test
    void theRefusalSentenceNamesTheSettingAndTheFix() {
        String s = PluginAllowList.refusal("decoderbufs", "pgoutput, test_decoding", "db:5432");
        assertEquals("The decoderbufs plugin is not allowed by output_plugin_libraries on db:5432 (it lists pgoutput,"
                + " test_decoding): as a superuser run ALTER SYSTEM SET output_plugin_libraries = 'pgoutput',"
                + " 'test_decoding', 'decoderbufs'; SELECT pg_reload_conf(); (or 'walscope apply --only plugin.allowed"
                + " --plugin decoderbufs'), or choose another plugin.", s);
        assertFalse(s.contains("REPLICATION"));
    }
}
