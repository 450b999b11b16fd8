package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * The user's path on a fresh Debian PostgreSQL 15.20+: {@code check --plugin wal2json} fails {@code plugin.allowed}
 * with the fix, {@code info} says {@code not_allowed}, {@code tail} names the setting, and
 * {@code apply --only plugin.allowed} makes {@code tail --plugin wal2json} work.
 */
class PluginAllowedCliTest {
    @Test
    void checkApplyTail() throws Exception {
        PgTestBed.requirePlugins();
        assertTrue(PgTestBed.hasPluginAllowList("15"), "Debian's PostgreSQL 15 (15.20+) has output_plugin_libraries");
        try (TestServer s = PgTestBed.dedicated("15", "cli-allow", c -> { })) {
            String db = s.createDatabase("cli_allow");
            s.sql(db, "CREATE TABLE t (id int PRIMARY KEY, v text)");
            Map<String, String> env = CliRun.env(s, db);
            ObjectMapper m = new ObjectMapper();

            CliRun check = CliRun.run(env, "check", "--plugin", "wal2json", "--json");
            assertEquals(1, check.exit, check.toString());
            JsonNode allowed = null;
            for (JsonNode f : m.readTree(check.out).get("findings")) {
                if (f.get("id").asText().equals("plugin.allowed")) {
                    allowed = f;
                }
            }
            assertTrue(allowed != null, check.out);
            assertEquals("fail", allowed.get("status").asText());
            assertEquals("wal2json", allowed.get("subject").asText());
            assertEquals("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'",
                    allowed.get("fix").get("sql").get(0).asText());
            assertTrue(allowed.get("fix").get("needs_superuser").asBoolean());
            assertFalse(allowed.get("fix").get("needs_restart").asBoolean());

            CliRun info = CliRun.run(env, "info", "--json");
            assertEquals(0, info.exit, info.toString());
            JsonNode plugins = m.readTree(info.out).get("plugins");
            assertEquals("not_allowed", plugins.get("wal2json").asText(), info.out);
            assertEquals("not_allowed", plugins.get("decoderbufs").asText(), info.out);
            assertEquals("available", plugins.get("pgoutput").asText(), info.out);

            CliRun tail = CliRun.run(env, "tail", "--plugin", "wal2json", "--max-events", "1");
            assertEquals(2, tail.exit, tail.toString());
            assertTrue(tail.err.startsWith("walscope tail: The wal2json plugin is not allowed by output_plugin_libraries"),
                    tail.err);
            assertFalse(tail.err.contains("REPLICATION"), tail.err);
            assertEquals(1, tail.err.strip().lines().count(), "one sentence: " + tail.err);

            CliRun apply = CliRun.run(env, "apply", "--plugin", "wal2json", "--only", "plugin.allowed");
            assertEquals(0, apply.exit, apply.toString());
            assertTrue(apply.out.contains("applied     ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json';"),
                    apply.out);
            assertTrue(apply.out.contains("plugin.allowed") && apply.out.contains("fail -> ok"), apply.out);

            CliRun start = CliRun.run(env, "tail", "--plugin", "wal2json", "--slot", "cli_allow", "--create-slot",
                    "--until-lsn", TailCommandTest.lsn(s, db));
            assertEquals(0, start.exit, start.toString());
            s.sql(db, "INSERT INTO t VALUES (1, 'a'), (2, 'b')", "UPDATE t SET v = 'c' WHERE id = 2");
            CliRun rows = CliRun.run(env, "tail", "--plugin", "wal2json", "--slot", "cli_allow", "--until-lsn", TailCommandTest.lsn(s, db));
            assertEquals(0, rows.exit, rows.toString());
            List<String> lines = rows.out.lines().toList();
            assertEquals(3, lines.size(), rows.toString());
            assertTrue(lines.get(2).contains("\"op\":\"update\"") && lines.get(2).contains("\"after\":{\"id\":2,\"v\":\"c\"}"),
                    lines.get(2));
            s.sql(db, "SELECT pg_drop_replication_slot('cli_allow')");
        }
    }

    @Test
    void snapshotStopsAtMaxEventsAsANormalEnd() throws Exception {
        TestServer s = PgTestBed.server("18");
        String db = s.createDatabase("cli_snapmax");
        s.sql(db, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t SELECT g FROM generate_series(1, 50) g");
        CliRun r = CliRun.run(CliRun.env(s, db), "tail", "--plugin", "test_decoding", "--snapshot", "--max-events", "7");
        assertEquals(0, r.exit, r.toString());
        assertEquals(7, r.out.lines().count(), r.toString());
        assertTrue(r.out.lines().allMatch(l -> l.contains("\"op\":\"read\"")), r.out);
        assertTrue(r.err.strip().startsWith("events=7 transactions=0 "), r.err);
    }
}
