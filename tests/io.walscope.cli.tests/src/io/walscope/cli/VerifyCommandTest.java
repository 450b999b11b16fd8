package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** {@code walscope verify}: 0 when the changes came back as written, 1 with one sentence when not, 2 for usage/connection. */
class VerifyCommandTest {
    @Test
    void passesFailsAndSaysWhy() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = s.createDatabase("cli_verify");
        Map<String, String> env = CliRun.env(s, db);

        CliRun json = CliRun.run(env, "verify", "--plugin", "pgoutput", "--json");
        assertEquals(0, json.exit, json.toString());
        JsonNode r = new ObjectMapper().readTree(json.out);
        assertTrue(r.get("ok").asBoolean());
        assertEquals("pgoutput", r.get("plugin").asText());
        assertEquals(3, r.get("changes").size());
        assertEquals("update", r.get("changes").get(1).get("op").asText());
        assertEquals("Jack O'Neil", r.get("changes").get(1).get("after").get("name").asText());
        assertEquals("Jack", r.get("changes").get(1).get("before").get("name").asText(), "REPLICA IDENTITY FULL");
        assertEquals("95.5", r.get("changes").get(1).get("after").get("score").asText());
        assertEquals(0, r.get("left_on_server").size());
        assertTrue(r.get("table").asText().startsWith("public.walscope_verify_"));
        assertTrue(json.err.isEmpty(), "nothing on stderr with --json: " + json.err);

        CliRun text = CliRun.run(env, "verify", "--plugin", "test_decoding");
        assertEquals(0, text.exit, text.toString());
        assertTrue(text.out.contains("insert uid=1: as written"), text.out);
        assertTrue(text.out.contains("ok: the changes came back through test_decoding as written"), text.out);
        assertTrue(text.err.contains("reading the changes back through test_decoding"), "progress on stderr: " + text.err);

        // the zonky build has no wal2json: exit 1, one sentence naming it
        CliRun missing = CliRun.run(env, "verify", "--plugin", "wal2json");
        assertEquals(1, missing.exit, missing.toString());
        String last = missing.err.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("walscope verify: The wal2json plugin is not installed"), last);
        assertFalse(missing.err.contains("Exception"), missing.err);
        assertTrue(missing.out.contains("Cleanup: dropped table public.walscope_verify_"), missing.out);

        CliRun usage = CliRun.run(env, "verify", "--timeout", "soon");
        assertEquals(2, usage.exit, usage.toString());
        CliRun walminer = CliRun.run(env, "verify", "--plugin", "walminer");
        assertEquals(2, walminer.exit, walminer.toString());
        Map<String, String> nowhere = new java.util.HashMap<>(env);
        nowhere.put("PGPORT", "1");
        CliRun down = CliRun.run(nowhere, "verify");
        assertEquals(2, down.exit, down.toString());
        assertTrue(down.err.contains("Nothing accepts connections"), down.err);
        try (var c = s.connect(db); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM pg_class WHERE relname LIKE 'walscope\\_verify\\_%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no test table left");
        }
    }
}
