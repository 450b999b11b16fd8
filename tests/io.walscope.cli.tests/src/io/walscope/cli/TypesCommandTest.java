package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.walscope.testbed.TypeFixture;

/** {@code walscope types}: the JSON contract, the text table, --catalog, --ddl clickhouse and the exit codes. */
class TypesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    private static String fixtureDb(TestServer s) {
        TypeFixture f = TypeFixture.forServer(s.major());
        String db = s.createDatabase("cli_types");
        s.sql(db, f.setupSql().toArray(String[]::new));
        s.sql(db, "CREATE TABLE fx.nokey (v text)");
        return db;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void jsonHasOneObjectPerColumn(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = fixtureDb(s);
        CliRun r = CliRun.run(CliRun.env(s, db), "types", "--schema", "fx", "--json");
        assertEquals(1, r.exit, "lossy columns are findings: " + r);
        JsonNode a = JSON.readTree(r.out);
        TypeFixture f = TypeFixture.forServer(major);
        assertEquals(f.columns().size() + 1, a.size());
        List<String> keys = new ArrayList<>();
        a.get(0).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("schema", "table", "column", "pg_type", "canonical", "json", "clickhouse", "status", "note"),
                keys);
        JsonNode price = find(a, "all_types", "c_numeric_10_2");
        assertEquals("fx", price.get("schema").asText());
        assertEquals("numeric(10,2)", price.get("pg_type").asText());
        assertEquals("decimal(10,2)", price.get("canonical").asText());
        assertEquals("Nullable(Decimal(10, 2))", price.get("clickhouse").asText());
        assertEquals("lossy", price.get("status").asText()); // NaN has no Decimal form (#13)
        assertTrue(price.get("json").asText().startsWith("string"), price.toString());
        assertEquals("lossy", find(a, "all_types", "c_numeric").get("status").asText());
        assertEquals("fx_ext.hstore", find(a, "all_types", "c_hstore").get("pg_type").asText());
        for (TypeFixture.Column c : f.columns()) {
            assertEquals(c.pgType(), find(a, "all_types", c.name()).get("pg_type").asText(), c.name());
        }
        CliRun one = CliRun.run(CliRun.env(s, db), "types", "--schema", "fx", "--table", "nokey", "--json");
        assertEquals(0, one.exit, one.toString());
        assertEquals(1, JSON.readTree(one.out).size());
    }

    @Test
    void textDdlAndErrors() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = fixtureDb(s);
        Map<String, String> env = CliRun.env(s, db);
        CliRun r = CliRun.run(env, "types", "--schema", "fx");
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.contains("fx.all_types"), r.out);
        assertTrue(r.out.contains("fx.nokey  (no primary key)"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("\\s+c_int4\\s+integer\\s+int32\\s+Nullable\\(Int32\\)\\s+full\\s*")), r.out);
        assertTrue(r.out.strip().endsWith("unsupported"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches(".*fx\\.posint\\s+int32\\s.*domain over integer.*")),
                "a domain column names its base type: " + r.out);

        r = CliRun.run(env, "types", "--ddl", "clickhouse", "--table", "fx.all_types");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("CREATE TABLE `fx`.`all_types`\n(\n    `row_no` Int32,\n"), r.out);
        assertTrue(r.out.contains("    `_lsn` UInt64,\n    `_deleted` UInt8\n)\nENGINE = ReplacingMergeTree(_lsn)\n"
                + "ORDER BY (`row_no`);\n"), r.out);
        assertTrue(r.out.contains("`c_numeric` Nullable(Decimal(76, 38)), -- lossy: unbounded numeric"), r.out);

        r = CliRun.run(env, "types", "--schema", "fx", "--ddl", "clickhouse", "--table", "nokey");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("ORDER BY (`") && !r.out.contains("tuple()"), r.out); // the whole row (#13)

        r = CliRun.run(env, "types", "--schema", "fx", "--ddl", "clickhouse", "--table", "nope");
        assertEquals(2, r.exit, r.toString());
        assertEquals("walscope types: No table nope in schema fx.", r.err.strip());
        assertTrue(r.out.isEmpty(), r.out);

        r = CliRun.run(env, "types", "--table", "nope.x", "--json");
        assertEquals(2, r.exit, r.toString());
        assertEquals("walscope types: No table nope.x in schema nope.", r.err.strip());

        r = CliRun.run(env, "types", "--schema", "ghost");
        assertEquals(2, r.exit, r.toString());
        assertEquals("walscope types: No schema ghost in database " + db + ".", r.err.strip());

        r = CliRun.run(env, "types", "--ddl", "postgres", "--table", "x");
        assertEquals(2, r.exit);
        assertEquals("walscope types: --ddl knows only 'clickhouse', not 'postgres'.", r.err.strip());
        r = CliRun.run(env, "types", "--ddl", "clickhouse");
        assertEquals(2, r.exit);
        assertEquals("walscope types: --ddl clickhouse needs --table T.", r.err.strip());
    }

    @Test
    void catalogNeedsNoConnection() throws Exception {
        CliRun r = CliRun.run(Map.of(), "types", "--catalog", "--json");
        assertEquals(0, r.exit, r.toString());
        JsonNode a = JSON.readTree(r.out);
        assertTrue(a.size() > 150, "every type and its array: " + a.size());
        List<String> keys = new ArrayList<>();
        a.get(0).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("pg_type", "canonical", "json", "clickhouse", "status", "note"), keys);
        boolean money = false;
        for (JsonNode n : a) {
            money |= n.get("pg_type").asText().equals("money") && n.get("status").asText().equals("lossy");
        }
        assertTrue(money, "money is lossy");
        r = CliRun.run(Map.of(), "types", "--catalog");
        assertEquals(0, r.exit);
        assertTrue(r.out.startsWith("PG TYPE"), r.out);
        assertTrue(r.out.contains("integer"), r.out);
    }

    private static JsonNode find(JsonNode a, String table, String column) {
        for (JsonNode n : a) {
            if (n.get("table").asText().equals(table) && n.get("column").asText().equals(column)) {
                return n;
            }
        }
        throw new AssertionError("no " + table + "." + column);
    }
}
