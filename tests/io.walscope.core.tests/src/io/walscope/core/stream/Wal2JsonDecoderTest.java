package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** wal2json format-version 2 records and a format-version 1 transaction, as captured from wal2json 2.5. */
class Wal2JsonDecoderTest {
    @Test
    void formatVersion2() throws Exception {
        Wal2JsonDecoder d = new Wal2JsonDecoder(2);
        Capture c = new Capture();
        d.decode(0x10, "{\"action\":\"B\",\"xid\":725,\"timestamp\":\"2026-11-23 22:21:46.042856+00\","
                + "\"lsn\":\"0/1530B70\",\"nextlsn\":\"0/1530C80\"}", c);
        d.decode(0x20, "{\"action\":\"I\",\"xid\":725,\"lsn\":\"0/152F7B8\",\"schema\":\"public\",\"table\":\"t\","
                + "\"columns\":[{\"name\":\"id\",\"type\":\"integer\",\"typeoid\":23,\"value\":1},"
                + "{\"name\":\"n\",\"type\":\"numeric\",\"typeoid\":1700,\"value\":NaN},"
                + "{\"name\":\"f\",\"type\":\"double precision\",\"typeoid\":701,\"value\":1.5},"
                + "{\"name\":\"b\",\"type\":\"boolean\",\"typeoid\":16,\"value\":false},"
                + "{\"name\":\"j\",\"type\":\"jsonb\",\"typeoid\":3802,\"value\":\"{\\\"a\\\": 1}\"},"
                + "{\"name\":\"z\",\"type\":\"text\",\"typeoid\":25,\"value\":null}],"
                + "\"pk\":[{\"name\":\"id\",\"type\":\"integer\",\"typeoid\":23}]}", c);
        d.decode(0x30, "{\"action\":\"U\",\"xid\":725,\"lsn\":\"0/152FF90\",\"schema\":\"public\",\"table\":\"full_t\","
                + "\"columns\":[{\"name\":\"id\",\"type\":\"integer\",\"typeoid\":23,\"value\":1},"
                + "{\"name\":\"n\",\"type\":\"integer\",\"typeoid\":23,\"value\":2}],"
                + "\"identity\":[{\"name\":\"id\",\"type\":\"integer\",\"typeoid\":23,\"value\":1},"
                + "{\"name\":\"body\",\"type\":\"text\",\"typeoid\":25,\"value\":\"long\"},"
                + "{\"name\":\"n\",\"type\":\"integer\",\"typeoid\":23,\"value\":1}],"
                + "\"pk\":[{\"name\":\"id\",\"type\":\"integer\",\"typeoid\":23}]}", c);
        d.decode(0x40, "{\"action\":\"T\",\"xid\":725,\"lsn\":\"0/1530B40\",\"schema\":\"public\",\"table\":\"nopk\"}", c);
        d.decode(0x50, "{\"action\":\"C\",\"xid\":725,\"timestamp\":\"2026-11-23 22:21:46.042856+00\","
                + "\"lsn\":\"0/1530B70\",\"nextlsn\":\"0/1530C80\"}", c);
        assertEquals("BEGIN 725", c.lines.get(0));
        assertEquals("{\"lsn\":\"0/152F7B8\",\"commit_lsn\":\"0/1530B70\",\"xid\":725,"
                + "\"commit_ts\":\"2026-11-23T22:21:46.042856Z\",\"op\":\"insert\",\"schema\":\"public\",\"table\":\"t\","
                + "\"key\":{\"id\":1},\"before\":null,\"after\":{\"id\":1,\"n\":\"NaN\",\"f\":1.5,\"b\":false,"
                + "\"j\":{\"a\": 1},\"z\":null},\"unchanged_toast\":[]}", c.lines.get(1));
        assertTrue(c.lines.get(2).contains("\"after\":{\"id\":1,\"n\":2,\"body\":\"long\"},\"unchanged_toast\":[]"),
                c.lines.get(2));
        assertTrue(c.lines.get(3).contains("\"op\":\"truncate\",\"schema\":\"public\",\"table\":\"nopk\""));
        assertEquals("COMMIT 0/1530C80", c.lines.get(4));
    }

    @Test
    void formatVersion1StreamsTheChangeArray() throws Exception {
        Wal2JsonDecoder d = new Wal2JsonDecoder(1);
        d.setKeyColumns((s, t) -> List.of("id"));
        Capture c = new Capture();
        d.decode(0x10, "{\"xid\":726,\"nextlsn\":\"0/1540000\",\"timestamp\":\"2026-11-23 22:21:46.5+00\",\"change\":["
                + "{\"kind\":\"insert\",\"schema\":\"public\",\"table\":\"t\",\"columnnames\":[\"id\",\"name\"],"
                + "\"columntypes\":[\"integer\",\"text\"],\"columntypeoids\":[23,25],\"columnvalues\":[1,\"a\"]},"
                + "{\"kind\":\"delete\",\"schema\":\"public\",\"table\":\"t\",\"oldkeys\":{\"keynames\":[\"id\"],"
                + "\"keytypes\":[\"integer\"],\"keytypeoids\":[23],\"keyvalues\":[1]}},"
                + "{\"kind\":\"message\",\"transactional\":true,\"prefix\":\"p\",\"content\":\"c\"}]}", c);
        assertEquals("BEGIN 726", c.lines.get(0));
        assertTrue(c.lines.get(1).contains("\"op\":\"insert\"") && c.lines.get(1).contains("\"after\":{\"id\":1,\"name\":\"a\"}"));
        assertTrue(c.lines.get(2).contains("\"op\":\"delete\"") && c.lines.get(2).contains("\"key\":{\"id\":1},\"before\":{\"id\":1}"));
        assertTrue(c.lines.get(3).contains("\"op\":\"message\""));
        assertEquals("COMMIT 0/1540000", c.lines.get(4));
        assertEquals("2026-11-23T22:21:46.500000Z", c.events.get(0).tx().commitTs());
    }

    @Test
    void anUnreadableMessageNamesTableAndLsnAndDeliversNothingOfItsTransaction() throws Exception {
        Wal2JsonDecoder d = new Wal2JsonDecoder(1);
        Capture c = new Capture();
        WalscopeDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(WalscopeDecodeException.class,
                () -> d.decode(0x1234ABCDL, "{\"xid\":7,\"change\":[{\"kind\":\"insert\",\"schema\":\"public\","
                        + "\"table\":\"t\",\"columnnames\":[\"id\"],\"columntypes\":[\"integer\"],"
                        + "\"columnvalues\":[1]},{\"kind\":\"insert\",\"schema\":\"s\",\"table\":\"u\","
                        + "\"columnnames\":[\"id\"],\"columnvalues\":[1,}]}", c));
        assertTrue(e.getMessage().startsWith("wal2json message at 0/1234ABCD (table s.u) could not be read"),
                e.getMessage());
        assertEquals(List.of(), c.lines, "nothing of the transaction was delivered");
    }

    @Test
    void numbersAndStringsAsLargeAsPostgresStores() throws Exception {
        Wal2JsonDecoder d = new Wal2JsonDecoder(2);
        Capture c = new Capture();
        String digits = "9".repeat(131072) + "." + "9".repeat(16383);
        d.decode(1, "{\"action\":\"B\",\"xid\":1}", c);
        d.decode(2, "{\"action\":\"I\",\"schema\":\"public\",\"table\":\"n\",\"columns\":["
                + "{\"name\":\"v\",\"type\":\"numeric\",\"typeoid\":1700,\"value\":" + digits + "},"
                + "{\"name\":\"s\",\"type\":\"text\",\"typeoid\":25,\"value\":\"" + "x".repeat(20_000_001)
                + "\"}]}", c);
        assertTrue(c.lines.get(1).contains("\"v\":\"" + digits + "\""), "the numeric, digit for digit");
        assertTrue(c.lines.get(1).contains("\"s\":\"" + "x".repeat(20_000_001) + "\""), "the text");
    }

    @Test
    void truncateFlagsWal2JsonDoesNotTellAreNull() throws Exception {
        Wal2JsonDecoder d = new Wal2JsonDecoder(2);
        Capture c = new Capture();
        d.decode(1, "{\"action\":\"B\",\"xid\":1}", c);
        d.decode(2, "{\"action\":\"T\",\"xid\":1,\"schema\":\"public\",\"table\":\"ta\"}", c);
        assertTrue(c.lines.get(1).contains("\"truncate\":{\"cascade\":null,\"restart_identity\":null}"), c.lines.get(1));
    }
}
