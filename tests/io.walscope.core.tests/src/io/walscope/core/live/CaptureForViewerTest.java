package io.walscope.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.RenderedTuple;
import io.walscope.core.stream.Transaction;
import io.walscope.core.stream.Tuple;

/** The live capture numbers transactions, logs commits, packs PostgreSQL's text and keeps the plugin message. */
class CaptureForViewerTest {
    private static final List<String> COLS = List.of("id", "name", "note", "price");

    private static Tuple row(int id, String name, boolean texts) {
        List<String> json = List.of(Integer.toString(id), "\"" + name + "\"", "null", "\"12.50\"");
        List<String> text = texts ? Arrays.asList(Integer.toString(id), name, null, "12.50") : null;
        return RenderedTuple.of(COLS, new int[] { Tuple.VALUE, Tuple.VALUE, Tuple.NULL, Tuple.VALUE }, json, text);
    }

    private static Tuple key(int id) {
        return RenderedTuple.of(List.of("id"), new int[] { Tuple.VALUE }, List.of(Integer.toString(id)),
                List.of(Integer.toString(id)));
    }

    @Test
    void numbersTransactionsAndLogsCommitsTheyTellLate() throws Exception {
        LiveBuffer b = new LiveBuffer(100);
        LiveCapture c = new LiveCapture(b);
        Transaction tx = new Transaction();
        ChangeEvent e = new ChangeEvent();
        // test_decoding: commit LSN and time only at the commit
        c.begin(tx.begin(500, 0, Transaction.UNKNOWN_TIME));
        c.change(e.row(Op.INSERT, 0x100, tx, "s", "t", key(1), null, row(1, "a", true)));
        c.change(e.row(Op.INSERT, 0x108, tx, "s", "t", key(2), null, row(2, "b", true)));
        c.commit(tx.commit(0x200, 0x208, 1_700_000_000_000_000L));
        c.begin(tx.begin(501, 0x300, 1_700_000_001_000_000L));
        c.change(e.row(Op.DELETE, 0x280, tx, "s", "u", key(3), key(3), null));
        c.commit(tx.commit(0x300, 0x308, 1_700_000_001_000_000L));
        c.change(e.row(Op.READ, 0, null, "s", "t", key(4), null, row(4, "d", true)));
        c.change(e.row(Op.READ, 0, null, "s", "t", key(5), null, row(5, "e", true)));

        LiveEvent first = b.get(1);
        assertEquals(1, first.txn());
        assertEquals(1, b.get(2).txn());
        assertEquals(0, first.commitMicros(), "unknown time is 0, not Long.MIN_VALUE");
        assertEquals(2, b.get(3).txn());
        assertEquals(b.get(4).txn(), b.get(5).txn(), "a snapshot's reads share one number");
        assertTrue(b.get(4).txn() > 2);
        CommitLog log = c.commits();
        assertEquals(0x200, log.commitLsn(1));
        assertEquals(1_700_000_000_000_000L, log.commitMicros(1));
        assertEquals(2, log.changes(1));
        assertEquals(1, log.changes(2));
        assertTrue(log.isCommitted(2));
        assertFalse(log.isCommitted(b.get(4).txn()));
    }

    @Test
    void textsFollowTheJsonFieldsAndAnEqualAfterValueIsOneByte() throws Exception {
        LiveBuffer b = new LiveBuffer(10);
        LiveCapture c = new LiveCapture(b);
        Transaction tx = new Transaction().begin(9, 0x10, 0);
        ChangeEvent e = new ChangeEvent();
        Tuple after = RenderedTuple.of(List.of("id", "body", "name"), new int[] { Tuple.VALUE, Tuple.UNCHANGED_TOAST, Tuple.VALUE },
                Arrays.asList("1", null, "\"B\""), Arrays.asList("1", null, "B"));
        Tuple before = RenderedTuple.of(List.of("id", "body", "name"), new int[] { Tuple.VALUE, Tuple.VALUE, Tuple.VALUE },
                List.of("1", "\"long\"", "\"A\""), List.of("1", "long", "A"));
        c.change(e.row(Op.UPDATE, 0x10, tx, "s", "t", key(1), before, after));
        LiveTexts.Texts t = LiveTexts.decode(b.get(1).texts());
        assertEquals(List.of("1"), t.key());
        assertEquals(List.of("1", "long", "A"), t.before());
        assertEquals(2, t.after().size(), "the unchanged TOAST column is left out, as in the JSON");
        assertSame(LiveTexts.SAME_AS_BEFORE, t.after().get(0));
        assertEquals("B", t.after().get(1));

        // binary pgoutput or decoderbufs: no text at all
        c.change(e.row(Op.INSERT, 0x20, tx, "s", "t", null, null, row(2, "x", false)));
        assertNull(b.get(2).texts());
        // all NULL: still "texts known"
        Tuple nulls = RenderedTuple.of(List.of("a"), new int[] { Tuple.NULL }, List.of("null"), Arrays.asList((String) null));
        c.change(e.row(Op.INSERT, 0x30, tx, "s", "t", null, null, nulls));
        assertEquals(Arrays.asList((String) null), LiveTexts.decode(b.get(3).texts()).after());
    }

    @Test
    void aPluginMessageIsSharedByTheChangesDecodedFromIt() throws Exception {
        LiveBuffer b = new LiveBuffer(10);
        LiveCapture c = new LiveCapture(b);
        assertTrue(c.wantsRaw());
        Transaction tx = new Transaction();
        ChangeEvent e = new ChangeEvent();
        // wal2json format-version 1: one message, a whole transaction
        byte[] big = new byte[RawMessage.CAP + 10];
        Arrays.fill(big, (byte) 'x');
        c.raw(0x40, ByteBuffer.wrap(big).asReadOnlyBuffer());
        c.begin(tx.begin(1, 0x40, 0));
        c.change(e.row(Op.INSERT, 0x40, tx, "s", "t", null, null, row(1, "a", true)));
        c.change(e.row(Op.INSERT, 0x40, tx, "s", "t", null, null, row(2, "b", true)));
        c.commit(tx.commit(0x40, 0x48, 0));
        assertSame(b.get(1).raw(), b.get(2).raw());
        assertEquals(RawMessage.CAP, b.get(1).raw().bytes().length);
        assertEquals(RawMessage.CAP + 10, b.get(1).raw().size());
        assertTrue(b.get(1).raw().truncated());
        // a snapshot read after a commit carries no stale message
        c.change(e.row(Op.READ, 0, null, "s", "t", null, null, row(3, "c", true)));
        assertNull(b.get(3).raw());
        ByteBuffer line = ByteBuffer.wrap("table s.t: INSERT: id[integer]:4".getBytes(StandardCharsets.UTF_8));
        line.position(6);
        c.raw(0x50, line);
        assertEquals(6, line.position(), "the message is left as it was");
        assertEquals("s.t: INSERT: id[integer]:4", new String(RawMessage.copyOf(0x50, line).bytes(), StandardCharsets.UTF_8));
    }

    /**
     * Bytes a buffered event costs, measured on the heap: a typical 4-column row (insert and a REPLICA IDENTITY FULL
     * update, alternating), with and without PostgreSQL's text and the pgoutput message. The budget: the
     * default 200,000 events must leave the heap under 512 MB.
     */
    @Test
    void bytesPerEvent() throws Exception {
        long[] plain = { Long.MAX_VALUE, Long.MAX_VALUE };
        long[] withAll = { Long.MAX_VALUE, Long.MAX_VALUE };
        for (int round = 0; round < 3; round++) { // the best of three, alternating: the JIT warms up, noise drops
            long[] p = measure(false);
            long[] w = measure(true);
            plain = new long[] { Math.min(plain[0], p[0]), Math.min(plain[1], p[1]) };
            withAll = new long[] { Math.min(withAll[0], w[0]), Math.min(withAll[1], w[1]) };
        }
        long full = withAll[0];
        System.out.printf("live buffer: %d bytes/event without texts and raw message, %d with; capture %.2f µs/event"
                + " without, %.2f with (same run, includes the JSON line)%n", plain[0], full, plain[1] / 1000.0,
                withAll[1] / 1000.0);
        assertTrue(full < 1500, full + " bytes per event");
        assertTrue(full * 200_000 < 400L << 20, "200,000 events fit well in 512 MB");
    }

    /** Bytes per event retained, and nanoseconds per event spent capturing. */
    private static long[] measure(boolean textsAndRaw) throws Exception {
        int n = 50_000;
        LiveBuffer b = new LiveBuffer(n);
        LiveCapture c = new LiveCapture(b);
        Transaction tx = new Transaction();
        ChangeEvent e = new ChangeEvent();
        byte[] insert = new byte[60];
        byte[] update = new byte[110];
        long before = used();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (i % 10 == 0) {
                c.begin(tx.begin(1000 + i, 0x1000L * i, 1_700_000_000_000_000L + i));
            }
            boolean upd = i % 2 == 1;
            if (textsAndRaw) {
                c.raw(0x1000L * i, ByteBuffer.wrap(upd ? update : insert));
            }
            Tuple after = row(i, "customer " + i, textsAndRaw);
            c.change(e.row(upd ? Op.UPDATE : Op.INSERT, 0x1000L * i, tx, "shop", "customers", key(i),
                    upd ? row(i, "customer " + (i - 1), textsAndRaw) : null, after));
            if (i % 10 == 9) {
                c.commit(tx.commit(0x1000L * i, 0x1000L * i + 8, 1_700_000_000_000_000L + i));
            }
        }
        long nanos = (System.nanoTime() - t0) / n;
        long after = used();
        assertEquals(n, b.size());
        return new long[] { (after - before) / n, nanos };
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
