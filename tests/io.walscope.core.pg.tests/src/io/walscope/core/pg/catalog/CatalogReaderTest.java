package io.walscope.core.pg.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** What the catalog reader lists, its filters, keys and samples, on every server of the test bed. */
class CatalogReaderTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    private static String setUp(TestServer s, String major) {
        String db = s.createDatabase("reader");
        s.sql(db, "CREATE SCHEMA app", "CREATE SCHEMA \"Odd.Schema\"",
                "CREATE TABLE app.lines (line int NOT NULL, order_id bigint NOT NULL, qty numeric(8,3),"
                        + " PRIMARY KEY (order_id, line))",
                "CREATE TABLE app.dropped (a int, b text, c date)", "ALTER TABLE app.dropped DROP COLUMN b",
                "CREATE TABLE app.nokey (v text)", "CREATE VIEW app.v AS SELECT * FROM app.lines",
                "CREATE TABLE \"Odd.Schema\".\"Mixed \"\"Case\"\".T\" (\"Id\" int PRIMARY KEY)",
                "CREATE TABLE app.big (id int PRIMARY KEY, payload text, blob bytea)",
                "ALTER TABLE app.big ALTER COLUMN payload SET STORAGE EXTERNAL",
                "INSERT INTO app.big VALUES (1, repeat('x', 100000), '\\x00ff'), (2, 'small', NULL), (3, NULL, NULL)",
                "INSERT INTO app.lines VALUES (1, 10, 1.5)");
        if (!major.equals("9.6")) {
            // PG 10 has no primary keys on partitioned tables
            s.sql(db, "CREATE TABLE app.events (id int, at date" + (major.equals("10") ? "" : ", PRIMARY KEY (id, at)")
                    + ") PARTITION BY RANGE (at)",
                    "CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        }
        return db;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void listsTablesWithKeysAndFilters(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = setUp(s, major);
        try (Connection c = s.connect(db)) {
            CatalogReader r = new CatalogReader(c);
            List<CatalogTable> all = r.read(List.of("app"), List.of());
            List<String> names = all.stream().map(CatalogTable::name).toList();
            assertEquals(major.equals("9.6") ? List.of("big", "dropped", "lines", "nokey")
                    : List.of("big", "dropped", "events", "lines", "nokey"), names, "no views, no partitions");
            CatalogTable lines = all.stream().filter(t -> t.name().equals("lines")).findFirst().orElseThrow();
            assertEquals(List.of("order_id", "line"), lines.primaryKey().stream().map(CatalogColumn::name).toList(),
                    "key order, not column order");
            assertEquals("numeric(8,3)", lines.column("qty").pgType());
            assertEquals("Int64", lines.column("order_id").mapping().clickhouse());
            CatalogTable dropped = all.stream().filter(t -> t.name().equals("dropped")).findFirst().orElseThrow();
            assertEquals(List.of("a", "c"), dropped.columns().stream().map(CatalogColumn::name).toList());
            assertEquals(3, dropped.column("c").attnum());
            if (!major.equals("9.6")) {
                assertTrue(all.stream().filter(t -> t.name().equals("events")).findFirst().orElseThrow().partitioned());
                List<CatalogTable> part = r.read(List.of("app"), List.of(TableName.parse("events_2024")));
                assertEquals(1, part.size(), "a partition named explicitly is listed");
            }

            List<CatalogTable> one = r.read(List.of("public"), List.of(TableName.parse("app.lines")));
            assertEquals(List.of("lines"), one.stream().map(CatalogTable::name).toList(), "a qualified name adds its schema");
            assertTrue(r.read(List.of("app"), List.of(TableName.parse("nope"))).isEmpty());
            List<CatalogTable> odd = r.read(List.of(), List.of(TableName.parse("\"Odd.Schema\".\"Mixed \"\"Case\"\".T\"")));
            assertEquals(1, odd.size());
            assertEquals("Mixed \"Case\".T", odd.get(0).name());
            assertEquals("\"Odd.Schema\".\"Mixed \"\"Case\"\".T\"", odd.get(0).qualifiedName());
            assertEquals(List.of("nowhere"), r.missingSchemas(List.of("app", "nowhere", "Odd.Schema")));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void samplesAreBounded(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = setUp(s, major);
        try (Connection c = s.connect(db)) {
            CatalogTable big = new CatalogReader(c).read(List.of("app"), List.of(TableName.parse("big"))).get(0);
            SampleReader.Sample none = SampleReader.read(c, big, 0);
            assertTrue(none.rows().isEmpty());
            SampleReader.Sample two = SampleReader.read(c, big, 2);
            assertNull(two.error());
            assertEquals(2, two.rows().size(), "LIMIT");
            assertTrue(two.tooLarge(0, 1), "a 100 kB value is not fetched");
            assertNull(two.rows().get(0)[1]);
            assertEquals("\\x00ff", two.rows().get(0)[2]);
            assertEquals("small", two.firstNonNull(1));
            assertEquals(3, SampleReader.read(c, big, 1000).rows().size(), "at most MAX_ROWS, here all 3");
            CatalogTable odd = new CatalogReader(c).read(List.of("Odd.Schema"), List.of()).get(0);
            assertNull(SampleReader.read(c, odd, 3).error(), "quoted names");
        }
        s.sql(db, "CREATE ROLE reader_nobody LOGIN PASSWORD 'pw'", "GRANT USAGE ON SCHEMA app TO reader_nobody");
        try (Connection c = new PgConnector().connect(s.profile(db).setUser("reader_nobody"), Secrets.of("pw", null))) {
            CatalogTable big = new CatalogReader(c).read(List.of("app"), List.of(TableName.parse("big"))).get(0);
            SampleReader.Sample denied = SampleReader.read(c, big, 3);
            assertNotNull(denied.error(), "no SELECT privilege: an error, not an exception");
            assertTrue(denied.error().contains("permission denied"), denied.error());
        } finally {
            s.sql(db, "DROP OWNED BY reader_nobody", "DROP ROLE reader_nobody");
        }
    }

    @Test
    void clickHouseDdl() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = setUp(s, "16");
        try (Connection c = s.connect(db)) {
            CatalogReader r = new CatalogReader(c);
            CatalogTable lines = r.read(List.of("app"), List.of(TableName.parse("lines"))).get(0);
            assertEquals("CREATE TABLE `app`.`lines`\n(\n    `line` Int32,\n    `order_id` Int64,\n"
                    + "    `qty` Nullable(Decimal(8, 3)),\n    `_lsn` UInt64,\n    `_deleted` UInt8\n)\n"
                    + "ENGINE = ReplacingMergeTree(_lsn)\nORDER BY (`order_id`, `line`);\n",
                    ClickHouseDdl.of(lines).replaceAll(" -- lossy: [^\n]*", "")); // numeric(8,3) is lossy: NaN (#13)
            String nokey = ClickHouseDdl.of(r.read(List.of("app"), List.of(TableName.parse("nokey"))).get(0));
            assertTrue(nokey.startsWith("-- app.nokey has no primary key"), nokey);
            assertTrue(nokey.contains("ORDER BY (`v`)") && nokey.endsWith(";\n"), nokey); // the whole row (#13)
            assertFalse(nokey.contains("Nullable(String)`"), nokey);
        }
    }
}
