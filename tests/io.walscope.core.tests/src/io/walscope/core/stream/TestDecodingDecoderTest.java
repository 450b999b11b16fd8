package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** test_decoding's text lines, as captured from PostgreSQL 15, quoting included. */
class TestDecodingDecoderTest {
    private static Capture decode(String... lines) throws Exception {
        TestDecodingDecoder d = new TestDecodingDecoder();
        d.setKeyColumns((s, t) -> t.equals("nokey") ? null : List.of("id"));
        Capture c = new Capture();
        long lsn = 0x100;
        for (String l : lines) {
            d.decode(lsn += 0x10, l, c);
        }
        return c;
    }

    @Test
    void insertWithQuotingOfValuesAndNames() throws Exception {
        Capture c = decode("BEGIN 725",
                "table \"My Schema\".\"we\"\"ird: t\": INSERT: id[integer]:1 \"Na me\"[text]:'it''s a '' quote' n[numeric]:1.50"
                        + " ts[timestamp with time zone]:'2026-01-02 03:04:05.123456+00' b[boolean]:true"
                        + " arr[integer[]]:'{1,2}' s[text]:'null' z[text]:null bits[bit varying]:B'0101'"
                        + " vc[character varying]:'a b]: c'",
                "COMMIT 725 (at 2026-11-23 22:21:46.042856+00)");
        assertEquals("BEGIN 725", c.lines.get(0));
        assertEquals("{\"lsn\":\"0/120\",\"commit_lsn\":null,\"xid\":725,\"commit_ts\":null,\"op\":\"insert\","
                + "\"schema\":\"My Schema\",\"table\":\"we\\\"ird: t\",\"key\":{\"id\":1},\"before\":null,"
                + "\"after\":{\"id\":1,\"Na me\":\"it's a ' quote\",\"n\":\"1.50\",\"ts\":\"2026-01-02T03:04:05.123456Z\","
                + "\"b\":true,\"arr\":[1,2],\"s\":\"null\",\"z\":null,\"bits\":\"0101\",\"vc\":\"a b]: c\"},"
                + "\"unchanged_toast\":[]}", c.lines.get(1));
        assertEquals("COMMIT 0/130", c.lines.get(2));
        // the commit time is known at COMMIT only: the change's copy has none
        assertEquals(null, c.events.get(0).tx().commitTs());
    }

    @Test
    void updateWithOldKeyUnchangedToastDeleteTruncateMessage() throws Exception {
        Capture c = decode("BEGIN 9",
                "table public.t: UPDATE: old-key: id[integer]:1 body[text]:'long' new-tuple: id[integer]:2"
                        + " body[text]:unchanged-toast-datum",
                "table public.t: UPDATE: id[integer]:3 body[text]:unchanged-toast-datum",
                "table public.t: DELETE: id[integer]:3",
                "table public.nokey: DELETE: (no-tuple-data)",
                "table public.t: TRUNCATE: restart_seqs cascade",
                "message: transactional: 1 prefix: pfx, sz: 9 content:a b: c\nd",
                "COMMIT 9");
        List<String> j = c.json();
        assertTrue(j.get(0).contains("\"key\":{\"id\":2},\"before\":{\"id\":1,\"body\":\"long\"},"
                + "\"after\":{\"id\":2,\"body\":\"long\"},\"unchanged_toast\":[]"), j.get(0));
        assertTrue(j.get(1).contains("\"before\":null,\"after\":{\"id\":3},\"unchanged_toast\":[\"body\"]"), j.get(1));
        assertTrue(j.get(2).contains("\"op\":\"delete\",\"schema\":\"public\",\"table\":\"t\",\"key\":{\"id\":3},"
                + "\"before\":{\"id\":3},\"after\":null"), j.get(2));
        assertTrue(j.get(3).contains("\"key\":null,\"before\":{},\"after\":null"), j.get(3));
        assertTrue(j.get(4).contains("\"truncate\":{\"cascade\":true,\"restart_identity\":true}"), j.get(4));
        assertTrue(j.get(5).contains("\"message\":{\"prefix\":\"pfx\",\"content\":\"a b: c\\nd\",\"transactional\":true}"),
                j.get(5));
    }

    @Test
    void aTruncateOfSeveralTablesIsOneEventPerTable() throws Exception {
        Capture c = decode("BEGIN 730", "table public.ta, \"Odd, \"\"one\"\"\".tb, public.\"t:c\": TRUNCATE: restart_seqs cascade",
                "COMMIT 730 (at 2026-11-23 22:21:46.042856+00)");
        assertEquals(3, c.events.size(), c.lines.toString());
        assertEquals("public.ta", c.events.get(0).schema() + "." + c.events.get(0).table());
        assertEquals("Odd, \"one\".tb", c.events.get(1).schema() + "." + c.events.get(1).table());
        assertEquals("public.t:c", c.events.get(2).schema() + "." + c.events.get(2).table());
        assertTrue(c.lines.get(2).contains("\"truncate\":{\"cascade\":true,\"restart_identity\":true}"), c.lines.get(2));
    }
}
