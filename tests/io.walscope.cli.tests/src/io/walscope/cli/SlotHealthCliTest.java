package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.walscope.core.stream.Lsn;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** {@code walscope slots --json|--watch}, {@code script heartbeat}, {@code tail --heartbeat}, the slot checks: in-process. */
class SlotHealthCliTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    static JsonNode slot(JsonNode arr, String name) {
        for (JsonNode n : arr) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + arr);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void slotsJsonHasTheHealthFields(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = s.createDatabase("cli_health");
        String slot = "walscope_health_" + db;
        s.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')",
                "CREATE TABLE filler AS SELECT g FROM generate_series(1, 1000) g");
        try {
            CliRun r = CliRun.run(CliRun.env(s, db), "slots", "--json", "--window", "1");
            assertEquals(0, r.exit, r.toString());
            JsonNode n = slot(new ObjectMapper().readTree(r.out), slot);
            for (String f : List.of("retained_bytes", "wal_status", "safe_wal_size", "lag_bytes", "wal_bytes_per_s",
                    "lost_in_seconds", "spill_txns", "spill_count", "spill_bytes", "stream_txns", "stream_count", "stream_bytes",
                    "total_txns", "total_bytes", "stuck")) {
                assertTrue(n.has(f), f + " in " + n);
            }
            int v = (int) Math.floor(Double.parseDouble(major));
            assertTrue(n.get("lag_bytes").asLong() > 0, n.toString());
            assertTrue(n.get("wal_bytes_per_s").isNumber(), n.toString());
            assertTrue(n.get("lost_in_seconds").isNull(), "max_slot_wal_keep_size is unlimited: " + n);
            assertEquals(v >= 14, n.get("spill_bytes").isNumber(), n.toString());
            assertEquals(v >= 13, !n.get("safe_wal_size").isNull() || !n.get("wal_status").isNull(), n.toString());
            assertEquals("consumer_inactive", n.get("stuck").get("cause").asText(), n.toString());
            assertEquals(v >= 17, !n.get("stuck").get("inactive_since").isNull(), n.toString());

            CliRun text = CliRun.run(CliRun.env(s, db), "slots", "--window", "1");
            assertTrue(text.out.contains(slot) && text.out.contains("consumer_inactive"), text.out);
            assertTrue(text.out.contains(v >= 13 ? "max_slot_wal_keep_size is unlimited" : "has no max_slot_wal_keep_size"), text.out);
        } finally {
            s.sql("postgres", "SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @Test
    void watchPrintsATableEveryInterval() throws Exception {
        TestServer s = PgTestBed.server("16");
        CliRun r = CliRun.run(CliRun.env(s, "postgres"), "slots", "--watch", "1", "--count", "2");
        assertEquals(0, r.exit, r.toString());
        assertEquals(2, r.out.split("NAME ", -1).length - 1, r.out);
        assertTrue(r.out.contains("WAL "), r.out);
        CliRun json = CliRun.run(CliRun.env(s, "postgres"), "slots", "--watch", "1", "--count", "2", "--json");
        assertEquals(2, json.out.strip().split("\n").length, json.out);
        assertEquals(2, CliRun.run(CliRun.env(s, "postgres"), "slots", "--count", "2").exit, "--count needs --watch");
    }

    @Test
    void heartbeatScript() {
        CliRun r = CliRun.run(Map.of(), "script", "heartbeat", "--database", "shop", "--interval", "15");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("pg_logical_emit_message(true, ''walscope_heartbeat'', now()::text)"), r.out);
        assertTrue(r.out.contains("'15 seconds'") && r.out.contains("while sleep 15;"), r.out);
        CliRun t = CliRun.run(Map.of(), "script", "heartbeat", "--database", "shop", "--table", "ops.heartbeat", "--publication", "dbz_publication");
        assertTrue(t.out.contains("ALTER PUBLICATION dbz_publication ADD TABLE ops.heartbeat"), t.out);
        assertEquals(2, CliRun.run(Map.of(), "script", "heartbeat").exit, "which database?");
    }

    @Test
    void tailHeartbeatAdvancesASlotOfAQuietDatabase() throws Exception {
        TestServer s = PgTestBed.server("16");
        String busy = s.createDatabase("cli_busy");
        String quiet = s.createDatabase("cli_quiet");
        s.sql(busy, "CREATE TABLE t (id bigserial PRIMARY KEY, v text)");
        s.sql(quiet, "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        String slot = "walscope_quiet_" + quiet;
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Connection c = s.connect(busy); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    st.execute("INSERT INTO t (v) SELECT repeat('x', 200) FROM generate_series(1, 50)");
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                // ends with the test
            }
        });
        writer.setDaemon(true);
        writer.start();
        try {
            CliRun r = CliRun.run(CliRun.env(s, quiet), "tail", "--plugin", "pgoutput", "--slot", slot, "--create-slot",
                    "--max-events", "3", "--heartbeat", "1");
            assertEquals(0, r.exit, r.toString());
            assertEquals(3, r.out.strip().split("\n").length, r.out);
            assertTrue(r.out.contains("walscope_heartbeat"), r.out);
            long confirmed = Lsn.parse(value(s, "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
            long second = Lsn.parse(new ObjectMapper().readTree(r.out.strip().split("\n")[1]).get("lsn").asText());
            assertTrue(confirmed > second, "the second heartbeat's transaction was confirmed: " + Lsn.format(confirmed)
                    + " after " + Lsn.format(second));
        } finally {
            stop.set(true);
            writer.join(10_000);
            s.sql("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
        }
    }

    @Test
    void checkHasTheSlotHealthFindings() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = s.createDatabase("cli_check_health");
        String slot = "walscope_check_" + db;
        s.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')");
        try {
            CliRun r = CliRun.run(CliRun.env(s, db), "check", "--plugin", "test_decoding", "--json");
            JsonNode f = new ObjectMapper().readTree(r.out).get("findings");
            boolean stuck = false;
            boolean forecast = false;
            boolean keep = false;
            for (JsonNode n : f) {
                String id = n.get("id").asText();
                stuck |= id.equals("slot.stuck") && n.get("subject").asText().equals(slot) && n.get("status").asText().equals("warn")
                        && n.get("message").asText().contains("No consumer reads slot");
                forecast |= id.equals("slot.forecast") && n.get("subject").asText().equals(slot);
                keep |= id.equals("server.max_slot_wal_keep_size") && n.get("status").asText().equals("info")
                        && n.get("message").asText().contains("Suggested: max_slot_wal_keep_size = '")
                        && n.get("fix").get("sql").get(0).asText().startsWith("ALTER SYSTEM SET max_slot_wal_keep_size");
            }
            assertTrue(stuck && forecast && keep, r.out);
        } finally {
            s.sql("postgres", "SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    private static String value(TestServer s, String sql) throws Exception {
        try (Connection c = s.connect("postgres"); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
