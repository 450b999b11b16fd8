package io.walscope.core.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.PgOutputDecoder;
import io.walscope.core.stream.Transaction;

/**
 * pgoutput's row changes are kept as their message and decoded again when shown: key, summary, JSON line and
 * texts must be exactly those rendered on arrival. Messages captured from PostgreSQL 15 (see PgOutputDumpTest),
 * plus Relation messages built here for the DEFAULT and the TOAST tables.
 */
class ReplayedEventTest {
    private static final String BEGIN = PgOutputDumpTest.BEGIN;
    private static final String RELATION_T = PgOutputDumpTest.RELATION_T;
    private static final String COMMIT = PgOutputDumpTest.COMMIT;

    /** A Relation message: {@code cols} as name:typeOid, key columns flagged with a leading '*'. */
    private static byte[] relation(int id, String table, char ident, String... cols) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('R');
        int32(b, id);
        cstring(b, "public");
        cstring(b, table);
        b.write(ident);
        b.write(cols.length >> 8);
        b.write(cols.length & 0xFF);
        for (String c : cols) {
            boolean key = c.startsWith("*");
            String[] nameOid = c.substring(key ? 1 : 0).split(":");
            b.write(key ? 1 : 0);
            cstring(b, nameOid[0]);
            int32(b, Integer.parseInt(nameOid[1]));
            int32(b, -1);
        }
        return b.toByteArray();
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16 & 0xFF);
        b.write(v >>> 8 & 0xFF);
        b.write(v & 0xFF);
    }

    private static void cstring(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    /** Feeds the messages as ChangeStream does (raw, then decode) into {@code l}. */
    private static void stream(ChangeListener l, List<byte[]> messages) throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        long lsn = 0x1000;
        for (byte[] m : messages) {
            l.raw(lsn, ByteBuffer.wrap(m));
            d.decode(lsn, ByteBuffer.wrap(m), l);
            lsn += 0x10;
        }
    }

    /** The same capture with the replay handle taken away: everything rendered on arrival, as before. */
    private static ChangeListener rendered(LiveCapture c) {
        return new ChangeListener() {
            @Override
            public void begin(Transaction tx) throws Exception {
                c.begin(tx);
            }

            @Override
            public void change(ChangeEvent e) throws Exception {
                c.change(e.replayable(null));
            }

            @Override
            public void commit(Transaction tx) throws Exception {
                c.commit(tx);
            }

            @Override
            public boolean wantsRaw() {
                return true;
            }

            @Override
            public void raw(long lsn, ByteBuffer msg) throws Exception {
                c.raw(lsn, msg);
            }
        };
    }

    @Test
    void replayedChangesRenderExactlyAsOnArrival() throws Exception {
        List<byte[]> messages = List.of(hex(BEGIN), hex(RELATION_T), hex(PgOutputDumpTest.INSERT_T), hex(PgOutputDumpTest.UPDATE_T_FULL),
                relation(0x4018, "d", 'd', "*id:23", "name:25"), hex(PgOutputDumpTest.UPDATE_D_DEFAULT), hex(PgOutputDumpTest.DELETE_D_KEY),
                relation(0x4022, "toasty", 'd', "*id:23", "body:25", "n:23"), hex(PgOutputDumpTest.UPDATE_TOAST), hex(COMMIT));
        LiveBuffer kept = new LiveBuffer(100);
        LiveBuffer now = new LiveBuffer(100);
        stream(new LiveCapture(kept), messages);
        stream(rendered(new LiveCapture(now)), messages);

        assertEquals(5, kept.size());
        assertEquals(5, now.size());
        for (long seq = 1; seq <= 5; seq++) {
            LiveEvent r = kept.get(seq);
            LiveEvent e = now.get(seq);
            assertTrue(r.replayed(), "pgoutput rows are kept as their message: " + r);
            assertFalse(e.replayed());
            assertEquals(e.json(), r.json());
            assertEquals(e.key(), r.key());
            assertEquals(e.summary(), r.summary());
            assertArrayEquals(e.texts(), r.texts());
            assertArrayEquals(e.raw().bytes(), r.raw().bytes());
            assertEquals(e.commitLsn(), r.commitLsn());
            assertEquals(e.commitMicros(), r.commitMicros());
            assertEquals(e.xid(), r.xid());
            assertEquals(e.op(), r.op());
            assertEquals(e.qualifiedTable(), r.qualifiedTable());
        }
        // spot checks that the rendering is the real thing
        assertEquals("changed: name", kept.get(2).summary());
        assertEquals("id=7", kept.get(4).key());
        assertTrue(kept.get(5).json().contains("\"unchanged_toast\":[\"body\"]"), kept.get(5).json());
        assertTrue(kept.get(1).json().contains("\"after\":{\"id\":1,\"name\":\"first\",\"note\":null,\"n\":\"1.50\"}"),
                kept.get(1).json());
        LiveTexts.Texts texts = LiveTexts.decode(kept.get(2).texts());
        assertEquals("first", texts.before().get(1));
        assertEquals("FIRST", texts.after().get(1));
        assertTrue(kept.bytes() < now.bytes(), "a kept message costs less than its rendering: " + kept.bytes()
                + " vs " + now.bytes());
    }

    @Test
    void aMessageTooLargeToKeepWholeIsRenderedOnArrival() throws Exception {
        String big = "x".repeat(RawMessage.CAP + 10);
        ByteArrayOutputStream ins = new ByteArrayOutputStream();
        ins.writeBytes(hex("49000040114e0004740000000132"));
        ins.write('t');
        int32(ins, big.length());
        ins.writeBytes(big.getBytes(StandardCharsets.US_ASCII));
        ins.writeBytes(hex("6e6e"));
        LiveBuffer b = new LiveBuffer(10);
        stream(new LiveCapture(b), List.of(hex(BEGIN), hex(RELATION_T), ins.toByteArray(), hex(COMMIT)));
        LiveEvent e = b.get(1);
        assertFalse(e.replayed(), "its raw message was cut at 64 KB: it cannot be decoded again");
        assertTrue(e.raw().truncated());
        assertTrue(e.json().contains(big), "the JSON line still has the whole value");
    }
}
