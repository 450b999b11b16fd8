package io.walscope.core.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.TextTuple;
import io.walscope.core.stream.Transaction;
import io.walscope.core.stream.Tuple;
import io.walscope.core.types.PgColumnType;

/**
 * The Debezium writer without a database: the record shapes its peer test (tests/debezium-peer) proves against
 * Debezium 3.4 itself, pinned here so a change shows at once.
 */
class DebeziumWriterTest {
    /** t(id int PRIMARY KEY, n int NOT NULL DEFAULT 7, price numeric(5,2), v text). */
    private static final TableShape T = new TableShape("s", "t",
            List.of(new ColumnShape("id", PgColumnType.of("int4").withNullable(false), false, null, false),
                    new ColumnShape("n", PgColumnType.of("int4").withNullable(false), false, "7", false),
                    new ColumnShape("price", PgColumnType.of("numeric").withTypmod(numericTypmod(5, 2), null), true,
                            null, false),
                    new ColumnShape("v", PgColumnType.of("text"), true, null, false)),
            List.of("id"));

    /** Debezium's defaults but for the JsonConverter form, the key, the skipped operations, messages, binary mode. */
    private static DebeziumOptions opts(boolean schemas, boolean key, EnumSet<Op> skipped, boolean messages,
            DebeziumOptions.BinaryHandling binary) {
        DebeziumOptions d = DebeziumOptions.defaults("db");
        return new DebeziumOptions(d.topicPrefix(), schemas, d.decimal(), d.time(), d.interval(), binary, skipped,
                d.placeholder(), key, messages, "db");
    }

    private static DebeziumOptions plainWithKey() {
        return opts(false, true, EnumSet.of(Op.TRUNCATE), false, DebeziumOptions.BinaryHandling.BYTES);
    }

    private static int numericTypmod(int p, int s) {
        return ((p << 16) | s) + 4;
    }

    private static TextTuple row(String id, String n, String price, String v) {
        TextTuple t = new TextTuple();
        add(t, "id", id);
        add(t, "n", n);
        add(t, "price", price);
        add(t, "v", v);
        return t;
    }

    private static void add(TextTuple t, String name, String v) {
        t.add(name, null, v, v == null ? Tuple.NULL : v.equals("\u0000toast") ? Tuple.UNCHANGED_TOAST : Tuple.VALUE);
    }

    private static String write(DebeziumOptions o, ChangeEvent... events) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Transaction tx = new Transaction().begin(42, 0x900, 1_700_000_000_123_456L);
        try (DebeziumWriter w = new DebeziumWriter(b, o, (schema, table) -> T)) {
            for (ChangeEvent e : events) {
                w.change(e);
            }
            w.commit(tx.commit(0x900, 0x950, 1_700_000_000_123_456L));
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static ChangeEvent insert(TextTuple after) {
        Transaction tx = new Transaction().begin(42, 0x900, 1_700_000_000_123_456L);
        return new ChangeEvent().row(Op.INSERT, 0x800, tx, "s", "t", null, null, after);
    }

    @Test
    void insertWithSchemaAsJsonConverterWritesIt() throws Exception {
        String line = write(DebeziumOptions.defaults("shop"), insert(row("1", "2", "12.5", "x")));
        assertTrue(line.startsWith("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
                + "{\"type\":\"int32\",\"optional\":false,\"default\":7,\"field\":\"n\"},"
                + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
                + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"5\"},\"field\":\"price\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"v\"}],\"optional\":true,"
                + "\"name\":\"walscope.s.t.Value\",\"field\":\"before\"},"), line);
        assertTrue(line.contains("\"name\":\"walscope.s.t.Envelope\",\"version\":2},\"payload\":{\"before\":null,"
                + "\"after\":{\"id\":1,\"n\":2,\"price\":\"BOI=\",\"v\":\"x\"},\"source\":{\"version\":\"3.4.3.Final\","
                + "\"connector\":\"postgresql\",\"name\":\"walscope\",\"ts_ms\":1700000000123,\"snapshot\":\"false\","
                + "\"db\":\"shop\",\"sequence\":\"[null,\\\"2048\\\"]\",\"ts_us\":1700000000123456,"
                + "\"ts_ns\":1700000000123456000,\"schema\":\"s\",\"table\":\"t\",\"txId\":42,\"lsn\":2048,\"xmin\":null},"
                + "\"transaction\":null,\"op\":\"c\",\"ts_ms\":"), line);
    }

    @Test
    void keyOnlyDeleteTakesDefaultsAndFallbacksAndATombstoneFollows() throws Exception {
        TextTuple before = row("1", null, null, null);
        Transaction tx = new Transaction().begin(43, 0x900, 1_700_000_000_000_000L);
        String out = write(plainWithKey(),
                new ChangeEvent().row(Op.DELETE, 0x800, tx, "s", "t", null, before, null));
        String[] lines = out.split("\n");
        assertEquals(2, lines.length, out);
        assertTrue(lines[0].startsWith("{\"key\":{\"id\":1},\"value\":{\"before\":{\"id\":1,\"n\":7,\"price\":null,"
                + "\"v\":null},\"after\":null,"), lines[0]);
        assertEquals("{\"key\":{\"id\":1},\"value\":null}", lines[1]);
    }

    @Test
    void aChangedKeyIsADeleteATombstoneAndACreate() throws Exception {
        Transaction tx = new Transaction().begin(44, 0x900, 1_700_000_000_000_000L);
        TextTuple before = row("1", "5", null, null);
        TextTuple after = row("2", "5", null, "\u0000toast");
        String out = write(plainWithKey(),
                new ChangeEvent().row(Op.UPDATE, 0x800, tx, "s", "t", null, before, after));
        String[] lines = out.split("\n");
        assertEquals(3, lines.length, out);
        assertTrue(lines[0].contains("\"op\":\"d\""), lines[0]);
        assertEquals("{\"key\":{\"id\":1},\"value\":null}", lines[1]);
        assertTrue(lines[2].startsWith("{\"key\":{\"id\":2},\"value\":{\"before\":null,\"after\":{\"id\":2,\"n\":5,"
                + "\"price\":null,\"v\":\"__debezium_unavailable_value\"},"), lines[2]);
    }

    @Test
    void snapshotRowsCarryDebeziumsMarkers() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DebeziumWriter w = new DebeziumWriter(b, opts(false, false, EnumSet.of(Op.TRUNCATE), false,
                DebeziumOptions.BinaryHandling.BYTES),
                (schema, table) -> new TableShape(schema, table, T.columns(), T.key()))) {
            w.snapshotStart(700, List.of("s.a", "s.b", "s.c"));
            for (String table : List.of("a", "a", "a", "b", "c", "c")) {
                w.change(new ChangeEvent().row(Op.READ, 0x700, null, "s", table, null, null, row("1", "1", null, null)));
            }
            w.snapshotEnd();
        }
        List<String> markers = b.toString(StandardCharsets.UTF_8).lines()
                .map(l -> l.replaceAll(".*\"snapshot\":\"([a-z_]+)\".*", "$1")).toList();
        assertEquals(List.of("first", "true", "last_in_data_collection", "last_in_data_collection",
                "first_in_data_collection", "last"), markers);
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("\"sequence\":\"[null,\\\"1792\\\"]\""));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("\"txId\":700,\"lsn\":1792,"));
    }

    @Test
    void truncatesAndMessagesOnlyWhenAskedFor() throws Exception {
        Transaction tx = new Transaction().begin(45, 0x900, 1_700_000_000_000_000L);
        ChangeEvent truncate = new ChangeEvent().truncate(0x800, tx, "s", "t", false, false);
        ChangeEvent message = new ChangeEvent().message(0x810, null, false, "p", "hi".getBytes(StandardCharsets.UTF_8));
        assertEquals("", write(DebeziumOptions.defaults("db"), truncate, message));
        String out = write(opts(false, false, EnumSet.noneOf(Op.class), true, DebeziumOptions.BinaryHandling.HEX),
                truncate, message);
        String[] lines = out.split("\n");
        assertEquals(2, lines.length, out);
        assertTrue(lines[0].startsWith("{\"before\":null,\"after\":null,\"source\":{"), lines[0]);
        assertTrue(lines[0].contains("\"op\":\"t\""), lines[0]);
        assertTrue(lines[1].startsWith("{\"op\":\"m\",\"ts_ms\":"), lines[1]);
        assertTrue(lines[1].contains("\"sequence\":\"[\\\"2064\\\",\\\"2064\\\"]\""), lines[1]);
        assertTrue(lines[1].endsWith("\"schema\":\"\",\"table\":\"\",\"txId\":null,\"lsn\":2064,\"xmin\":null},"
                + "\"transaction\":null,\"message\":{\"prefix\":\"p\",\"content\":\"6869\"}}"), lines[1]);
    }

    @Test
    void optionsAreDebeziumsNamesAndValues() {
        assertEquals(DebeziumOptions.TimePrecision.ADAPTIVE_TIME_MICROSECONDS, DebeziumOptions.parseMode("--t",
                DebeziumOptions.TimePrecision.class, "adaptive_time_microseconds"));
        assertEquals(DebeziumOptions.BinaryHandling.BASE64_URL_SAFE,
                DebeziumOptions.parseMode("--b", DebeziumOptions.BinaryHandling.class, "base64-url-safe"));
        assertEquals(EnumSet.of(Op.INSERT, Op.TRUNCATE), DebeziumOptions.parseSkipped("c,t"));
        assertEquals(EnumSet.noneOf(Op.class), DebeziumOptions.parseSkipped("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DebeziumOptions.parseMode("--binary-handling", DebeziumOptions.BinaryHandling.class, "raw"));
        assertEquals("--binary-handling takes bytes, base64, base64-url-safe, hex; 'raw' is not one.", e.getMessage());
        assertEquals("walscope.Mixed_Case.Value", TableCodec.topicName("walscope.Mixed Case") + ".Value");
    }
}
