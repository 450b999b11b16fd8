package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** {@code walscope check|apply|slots|script} in-process: exit codes, JSON, SQL. */
class PrepCommandsTest {
    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    static Result run(TestServer s, String db, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        if (s != null) {
            argv.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(s.port()), "--dbname", db, "--user",
                    s.cluster().superuser()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = s == null ? Map.of() : Map.of("PGPASSWORD", s.cluster().password());
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String fixture(TestServer s) {
        String db = s.createDatabase("cli_prep");
        List<String> sql = new ArrayList<>(List.of("CREATE SCHEMA shop",
                "CREATE TABLE shop.\"Order Items\" (id int PRIMARY KEY, note text)",
                "CREATE TABLE shop.\"a\"\"b; drop table x; --\" (id int PRIMARY KEY)",
                "CREATE TABLE shop.x (id int PRIMARY KEY)",
                "CREATE TABLE shop.ri_full (id int PRIMARY KEY)", "ALTER TABLE shop.ri_full REPLICA IDENTITY FULL",
                "CREATE TABLE shop.ri_nothing (id int PRIMARY KEY)", "ALTER TABLE shop.ri_nothing REPLICA IDENTITY NOTHING"));
        s.sql(db, sql.toArray(String[]::new));
        return db;
    }

    static JsonNode finding(JsonNode report, String id, String subject) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("id").asText().equals(id) && f.get("subject").asText().equals(subject)) {
                return f;
            }
        }
        throw new AssertionError(id + " " + subject + " not in " + report);
    }

    static String plugin(String major) {
        return major.equals("9.6") ? "test_decoding" : "pgoutput";
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void checkApplyCheck(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = fixture(s);
        Result r = run(s, db, "check", "--schema", "shop", "--plugin", plugin(major), "--json");
        assertEquals(1, r.code(), r.err() + r.out());
        JsonNode j = r.json();
        assertTrue(j.get("server").get("version").asText().startsWith(major), j.get("server").toString());
        assertTrue(j.get("server").get("version_num").asInt() >= 90600);
        JsonNode ri = finding(j, "table.replica_identity", "shop.Order Items");
        assertEquals("warn", ri.get("status").asText());
        assertFalse(ri.get("message").asText().isEmpty());
        assertEquals("ALTER TABLE shop.\"Order Items\" REPLICA IDENTITY FULL", ri.get("fix").get("sql").get(0).asText());
        assertFalse(ri.get("fix").get("needs_restart").asBoolean());
        assertFalse(ri.get("fix").get("needs_superuser").asBoolean());
        JsonNode ok = finding(j, "table.replica_identity", "shop.ri_full");
        assertEquals("ok", ok.get("status").asText());
        assertFalse(ok.has("fix"), "fix is absent when there is none");
        for (JsonNode f : j.get("findings")) {
            assertTrue(List.of("ok", "info", "warn", "fail").contains(f.get("status").asText()));
        }

        Result dry = run(s, db, "apply", "--schema", "shop", "--plugin", plugin(major), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("ALTER TABLE shop.\"a\"\"b; drop table x; --\" REPLICA IDENTITY FULL;"), dry.out());
        assertTrue(dry.out().contains("BEGIN;") && dry.out().contains("COMMIT;"), dry.out());
        assertEquals("d", replident(s, db, "Order Items"), "a dry run changes nothing");

        Result one = run(s, db, "apply", "--schema", "shop", "--plugin", plugin(major), "--only", "table.replica_identity",
                "--subject", "shop.Order Items");
        assertTrue(one.out().contains("applied     ALTER TABLE shop.\"Order Items\" REPLICA IDENTITY FULL;"), one.out());
        assertEquals("f", replident(s, db, "Order Items"));
        assertEquals("d", replident(s, db, "a\"b; drop table x; --"), "--subject chooses one table");

        Result all = run(s, db, "apply", "--schema", "shop", "--plugin", plugin(major));
        assertEquals(0, all.code(), all.out() + all.err());
        assertTrue(all.out().contains("Checked again:"), all.out());
        Result after = run(s, db, "check", "--schema", "shop", "--plugin", plugin(major), "--json");
        assertEquals(0, after.code(), after.out());
        assertEquals("f", replident(s, db, "x"));
        Result readable = run(s, db, "check", "--schema", "shop", "--plugin", plugin(major));
        assertEquals(0, readable.code());
        assertTrue(readable.out().contains("STATUS") && readable.out().contains("0 fail, 0 warn"), readable.out());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void slotsListAndDrop(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = s.createDatabase("cli_slots");
        String slot = "walscope_cli_" + db;
        s.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')",
                "CREATE TABLE filler AS SELECT g FROM generate_series(1, 1000) g");
        Result r = run(s, db, "slots", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode mine = null;
        for (JsonNode n : r.json()) {
            if (n.get("name").asText().equals(slot)) {
                mine = n;
            }
        }
        assertTrue(mine != null, r.out());
        for (String field : List.of("name", "plugin", "slot_type", "temporary", "active", "restart_lsn", "confirmed_flush_lsn",
                "retained_bytes", "wal_status")) {
            assertTrue(mine.has(field), field + " in " + mine);
        }
        assertEquals("test_decoding", mine.get("plugin").asText());
        assertEquals("logical", mine.get("slot_type").asText());
        assertFalse(mine.get("active").asBoolean());
        assertFalse(mine.get("temporary").asBoolean());
        assertTrue(mine.get("retained_bytes").asLong() > 0);
        assertEquals(major.compareTo("13") >= 0 && !major.equals("9.6"), !mine.get("wal_status").isNull());

        Result text = run(s, db, "slots");
        assertTrue(text.out().contains(slot), text.out());
        Result drop = run(s, db, "slots", "drop", slot);
        assertEquals(0, drop.code(), drop.err());
        assertTrue(drop.out().startsWith("Dropped slot " + slot), drop.out());
        Result again = run(s, db, "slots", "drop", slot);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("no replication slot called"), again.err());
    }

    @Test
    void cannotCheckIsTwo() throws Exception {
        TestServer s = PgTestBed.server("16");
        Result closed = run(null, null, "check", "--host", "127.0.0.1", "--port", String.valueOf(io.walscope.demo.server.PgCluster.freePort()),
                "--dbname", "x", "--user", "x", "--json");
        assertEquals(2, closed.code(), closed.err());
        assertEquals(2, run(s, "postgres", "check", "--plugin", "nonsense").code());
        assertEquals(2, run(s, "postgres", "check", "--bogus").code());
        assertEquals(2, run(s, "postgres", "slots", "drop").code());
        assertEquals(2, run(null, null, "script", "nonsense").code());
    }

    @Test
    void scriptsRunTwiceOnARealServer() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = fixture(s);
        Result user = run(null, null, "script", "user", "CDC User", "--schema", "shop");
        assertEquals(0, user.code(), user.err());
        assertTrue(user.out().contains("CREATE ROLE \"CDC User\" WITH LOGIN REPLICATION"), user.out());
        Result lu = run(null, null, "script", "last-update", "--schema", "shop", "--table", "Order Items");
        assertEquals(0, lu.code(), lu.err());
        assertTrue(lu.out().contains("ADD COLUMN IF NOT EXISTS last_update"), lu.out());
        Result every = run(null, null, "script", "last-update", "--schema", "shop");
        try (Connection c = s.connect(db)) {
            for (int i = 0; i < 2; i++) {
                c.createStatement().execute(user.out());
                c.createStatement().execute(lu.out());
                c.createStatement().execute(every.out());
            }
            c.createStatement().execute("INSERT INTO shop.x (id) VALUES (1)");
            c.createStatement().execute("UPDATE shop.x SET last_update = '2000-01-01' WHERE id = 1");
            c.createStatement().execute("UPDATE shop.x SET id = 2 WHERE id = 1");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT last_update > '2001-01-01' FROM shop.x")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the trigger sets last_update");
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT rolreplication FROM pg_roles WHERE rolname = 'CDC User'")) {
                assertTrue(rs.next() && rs.getBoolean(1));
            }
        } finally {
            s.sql("postgres", "DROP DATABASE " + db);
            s.sql("postgres", "DROP ROLE \"CDC User\"");
        }
    }

    static String replident(TestServer s, String db, String table) throws Exception {
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(
                "SELECT relreplident::text FROM pg_class WHERE relnamespace = 'shop'::regnamespace AND relname = '" + table.replace("'", "''") + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
