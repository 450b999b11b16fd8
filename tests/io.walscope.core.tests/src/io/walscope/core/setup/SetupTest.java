package io.walscope.core.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Status;
import io.walscope.core.check.Triage;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Op;

/** The pure parts of the guided setup: where findings land, triage, the test's plan and judgement, the setup SQL. */
class SetupTest {
    @Test
    void everyCheckLandsOnAStepAndNewOnesToo() {
        assertEquals(SetupStep.SERVER, SetupStep.of(CheckId.SERVER_WAL_LEVEL));
        assertEquals(SetupStep.SERVER, SetupStep.of(CheckId.PLUGIN_ALLOWED), "output_plugin_libraries is a server setting");
        assertEquals(SetupStep.PLUGIN, SetupStep.of(CheckId.PLUGIN_AVAILABLE));
        assertEquals(SetupStep.PLUGIN, SetupStep.of(CheckId.HBA_REPLICATION));
        assertEquals(SetupStep.USER, SetupStep.of(CheckId.ROLE_REPLICATION));
        assertEquals(SetupStep.USER, SetupStep.of(CheckId.GRANT_TABLE_SELECT));
        assertEquals(SetupStep.PUBLICATIONS, SetupStep.of(CheckId.ROLE_CREATE_PUBLICATION));
        assertEquals(SetupStep.PUBLICATIONS, SetupStep.of(CheckId.PUBLICATION_TABLES));
        assertEquals(SetupStep.TABLES, SetupStep.of(CheckId.TABLE_GENERATED_COLUMNS));
        assertEquals(SetupStep.SERVER, SetupStep.of(CheckId.SLOT_RETAINED_WAL));
        // checks other helpers add later land by their area, unknown areas on the server step
        assertEquals(SetupStep.SERVER, SetupStep.of("standby.hot_standby_feedback"));
        assertEquals(SetupStep.SERVER, SetupStep.of("server.role"));
        assertEquals(SetupStep.SERVER, SetupStep.of("slot.failover"));
        assertEquals(SetupStep.TABLES, SetupStep.of("table.something_new"));
        assertEquals(SetupStep.SERVER, SetupStep.of("nobody.knows"));
        assertEquals(SetupStep.USER, SetupStep.of(SetupSql.CDC_USER));
        assertEquals(SetupStep.LAST_UPDATE, SetupStep.of(SetupSql.LAST_UPDATE));
        assertEquals(SetupStep.SSL, SetupStep.of(SetupSql.SSL_ON));
        for (String id : CheckId.ALL) {
            SetupStep.of(id);
        }
    }

    @Test
    void triageGroupsByStatus() {
        List<Finding> f = List.of(new Finding("a.b", Status.FAIL, "x", "m", null), new Finding("a.c", Status.WARN, "x", "m", null),
                Finding.ok("a.d", "x", "m"), new Finding("a.e", Status.INFO, "x", "m", null));
        Map<Triage, List<Finding>> g = Triage.group(f);
        assertEquals(List.of(Triage.BLOCKS, Triage.SHOULD_FIX, Triage.OK), List.copyOf(g.keySet()));
        assertEquals(1, g.get(Triage.BLOCKS).size());
        assertEquals(1, g.get(Triage.SHOULD_FIX).size());
        assertEquals(2, g.get(Triage.OK).size(), "info breaks nothing");
        assertEquals("Blocks CDC", Triage.BLOCKS.label());
    }

    @Test
    void thePlanQuotesAndDropsWhatItMakes() {
        VerifyPlan p = new VerifyPlan("Sales Dept", VerifyPlan.PREFIX + "abc", Plugin.PGOUTPUT);
        assertEquals("CREATE TABLE \"Sales Dept\".walscope_verify_abc (uid integer PRIMARY KEY, name varchar(50), age integer,"
                + " score numeric)", p.create().get(0));
        assertEquals("CREATE PUBLICATION walscope_verify_abc FOR TABLE \"Sales Dept\".walscope_verify_abc", p.create().get(2));
        assertEquals(List.of("DROP PUBLICATION IF EXISTS walscope_verify_abc",
                "DROP TABLE IF EXISTS \"Sales Dept\".walscope_verify_abc"), p.drop());
        assertEquals("Sales Dept.walscope_verify_abc", p.table());
        VerifyPlan t = VerifyPlan.fresh("public", Plugin.TEST_DECODING);
        assertNull(t.publication());
        assertEquals(1, t.drop().size());
        assertTrue(t.name().startsWith(VerifyPlan.PREFIX) && t.name().length() < 64, t.name());
        assertTrue(t.script().contains("TEMPORARY LOGICAL test_decoding"), t.script());
        assertFalse(VerifyPlan.fresh("public", Plugin.PGOUTPUT).name().equals(VerifyPlan.fresh("public", Plugin.PGOUTPUT).name()));
    }

    @Test
    void changesAreJudgedAgainstWhatWasWritten() {
        VerifyPlan p = VerifyPlan.fresh("public", Plugin.WAL2JSON);
        List<VerifyPlan.Expected> e = p.expected();
        List<VerifyChange> asWritten = List.of(change(Op.INSERT, null, e.get(0).after()),
                change(Op.UPDATE, e.get(1).before(), e.get(1).after()), change(Op.DELETE, e.get(2).before(), null));
        VerifyRules.Verdict ok = VerifyRules.judge(e, asWritten);
        assertTrue(ok.ok(), ok.lines().toString());
        assertNull(ok.firstProblem());

        Map<String, String> wrong = new LinkedHashMap<>(e.get(1).after());
        wrong.put("score", "\"95\"");
        VerifyRules.Verdict bad = VerifyRules.judge(e, List.of(asWritten.get(0), change(Op.UPDATE, e.get(1).before(), wrong)));
        assertFalse(bad.ok());
        assertEquals("update uid=1: after.score came back as \"95\", written \"95.5\"", bad.firstProblem());
        assertEquals("delete uid=1: not sent back", bad.lines().get(2));

        VerifyRules.Verdict noBefore = VerifyRules.judge(e.subList(0, 2), List.of(asWritten.get(0), change(Op.UPDATE, null, e.get(1).after())));
        assertTrue(noBefore.firstProblem().contains("no before-image"), noBefore.firstProblem());
        // a delete that sent only the key is as written
        VerifyChange keyOnly = new VerifyChange(Op.DELETE, "public.t", Map.of("uid", "1"), null, null, "{}");
        assertTrue(VerifyRules.judge(e.subList(2, 3), List.of(keyOnly)).ok());
    }

    private static VerifyChange change(Op op, Map<String, String> before, Map<String, String> after) {
        return new VerifyChange(op, "public.t", Map.of("uid", "1"), before, after, "{}");
    }

    @Test
    void setupSqlQuotesAndSaysWhatItNeeds() {
        Finding user = SetupSql.cdcUser("CDC Reader", List.of("shop"), "SCRAM-SHA-256$4096:abc$def:ghi", false);
        assertEquals("ALTER ROLE \"CDC Reader\" WITH PASSWORD 'SCRAM-SHA-256$4096:abc$def:ghi'",
                user.fix().sql().get(user.fix().sql().size() - 1));
        assertTrue(user.fix().needsSuperuser() && user.fix().transactional());
        assertTrue(user.fix().sql().contains("GRANT USAGE ON SCHEMA shop TO \"CDC Reader\""), user.fix().sql().toString());

        Finding allow = SetupSql.allowPlugins("pgoutput, test_decoding", List.of("wal2json", "decoderbufs", "pgoutput"));
        assertEquals("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json', 'decoderbufs'",
                allow.fix().sql().get(0));
        assertFalse(allow.fix().needsRestart());
        assertEquals("wal2json, decoderbufs", allow.subject());
        assertNull(SetupSql.allowPlugins("pgoutput, test_decoding", List.of("pgoutput")));
        assertNull(SetupSql.allowPlugins(null, List.of("wal2json")), "no such setting: nothing to allow");
        Finding trap = SetupSql.allowPlugins("\"pgoutput, wal2json\"", List.of("wal2json"));
        assertEquals("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'wal2json'", trap.fix().sql().get(0));

        Finding ssl = SetupSql.sslOn("ca.crt", "server.crt", "server.key", 150000);
        assertEquals(List.of("ALTER SYSTEM SET ssl = on", "ALTER SYSTEM SET ssl_ca_file = 'ca.crt'",
                "ALTER SYSTEM SET ssl_cert_file = 'server.crt'", "ALTER SYSTEM SET ssl_key_file = 'server.key'",
                "SELECT pg_reload_conf()"), ssl.fix().sql());
        assertFalse(ssl.fix().needsRestart());
        assertTrue(SetupSql.sslOn("ca.crt", "server.crt", "server.key", 90624).fix().needsRestart());
        assertTrue(SetupSql.sslConfLines("ca.crt", "server.crt", "server.key").contains("ssl_crl_file = ''"));

        Finding lu = SetupSql.lastUpdate("shop", List.of("orders"), true);
        assertTrue(lu.fix().sql().stream().anyMatch(s -> s.startsWith("CREATE TRIGGER walscope_last_update BEFORE UPDATE ON shop.orders")),
                lu.fix().sql().toString());
    }

    @Test
    void oneReloadAfterTheLastAlterSystem() {
        Finding wal = new Finding(CheckId.SERVER_WAL_LEVEL, Status.FAIL, "wal_level", "m",
                io.walscope.core.check.Fixes.alterSystem("wal_level", "logical", true));
        Finding allow = SetupSql.allowPlugins("pgoutput, test_decoding", List.of("wal2json"));
        String script = io.walscope.core.check.Scripts.fixScript("t", List.of(wal, allow));
        int plugins = script.indexOf("ALTER SYSTEM SET output_plugin_libraries");
        int reload = script.indexOf("SELECT pg_reload_conf();");
        assertTrue(plugins > 0 && reload > plugins, script);
        assertEquals(reload, script.lastIndexOf("SELECT pg_reload_conf();"), "one reload: " + script);
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        char[] a = Passwords.generate(24);
        char[] b = Passwords.generate(24);
        assertEquals(24, a.length);
        assertFalse(new String(a).equals(new String(b)));
        assertTrue(new String(a).matches("[A-Za-z0-9]+"));
    }
}
