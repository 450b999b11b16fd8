package io.walscope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.eclipse.swt.SWT;
import org.junit.jupiter.api.Test;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.live.LiveFilter;
import io.walscope.core.stream.Op;

/**
 * The live table's column sort without a display: new changes merge into their places and dropped ones go (the same
 * order a full sort gives, ties in stream order), and what keeping the order costs per drain on a full buffer.
 */
class LiveSortTest {
    private static final byte[] LINE = "{}".getBytes(StandardCharsets.UTF_8);

    private static void add(LiveBuffer b, Random r) {
        long seq = b.nextSeq();
        String table = "shop.t" + r.nextInt(20);
        b.add(new LiveEvent(seq, seq * 16, seq * 16, 700 + seq / 10, 1_000_000L * (seq / 10), Op.values()[r.nextInt(3)],
                "shop", table.substring(5), "id=" + r.nextInt(100_000), "name=" + Long.toHexString(r.nextLong()), LINE));
    }

    @Test
    void mergedOrderIsTheSortedOrder() {
        Random r = new Random(7);
        LiveBuffer b = new LiveBuffer(500);
        ShownRows rows = new ShownRows(() -> null);
        rows.reset(b, LiveFilter.ALL);
        LiveSort sort = new LiveSort();
        for (int column : new int[] { 0, 3, 4, 5, 6 }) {
            sort.set(column, SWT.UP);
            for (int drain = 0; drain < 12; drain++) {
                for (int i = 0; i < 97; i++) {
                    add(b, r); // 12 x 97 into a ring of 500: the oldest drop as it goes
                }
                rows.drain(t -> { });
                sort.update(rows);
                assertEquals(rows.size(), sort.size(), "every shown change, once");
                List<LiveEvent> expected = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    expected.add(rows.eventAt(i));
                }
                expected.sort(Comparator.comparing((LiveEvent e) -> key(column, e), LiveSort::compareText)
                        .thenComparingLong(LiveEvent::seq));
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i).seq(), sort.seqAt(i), "column " + column + ", row " + i);
                    assertEquals(i, sort.rowOf(expected.get(i)));
                }
            }
            long first = sort.seqAt(0);
            sort.set(column, SWT.DOWN);
            assertEquals(first, sort.seqAt(rows.size() - 1), "down: the same order read from the end");
            assertEquals(rows.size() - 1, sort.rowOf(b.get(first)));
        }
    }

    /** The text the column shows, as the sort compares it (numbers padded so that text order is number order). */
    private static String key(int column, LiveEvent e) {
        return switch (column) {
        case 0 -> e.commitMicros() == 0 ? "" : String.format("%020d", e.commitMicros()); // empty cells last
        case 3 -> e.op().json();
        case 4 -> LiveSort.key(e.qualifiedTable());
        case 5 -> LiveSort.key(e.key());
        default -> LiveSort.key(e.summary());
        };
    }

    /** Sorted by What changed, a full buffer of 200,000 taking 2,000 new changes a drain (as many dropping). */
    @Test
    void keepingTheOrderCostsOnePassPerDrain() {
        Random r = new Random(11);
        LiveBuffer b = new LiveBuffer(200_000, Long.MAX_VALUE);
        ShownRows rows = new ShownRows(() -> null);
        rows.reset(b, LiveFilter.ALL);
        for (int i = 0; i < 200_000; i++) {
            add(b, r);
        }
        rows.drain(t -> { });
        LiveSort sort = new LiveSort();
        sort.set(6, SWT.UP);
        sort.update(rows);
        double full = sort.rebuildMillis();
        int drains = 200;
        long inSort = 0;
        for (int d = 0; d < drains; d++) {
            for (int i = 0; i < 2_000; i++) {
                add(b, r);
            }
            rows.drain(t -> { });
            long t0 = System.nanoTime();
            sort.update(rows);
            inSort += System.nanoTime() - t0;
        }
        double perDrain = inSort / 1e6 / drains;
        assertEquals(200_000, sort.size());
        System.out.printf("live sort, 200,000 rows by What changed: full sort %.0f ms; 2,000 new a drain (as many dropping):"
                + " %.2f ms a drain to keep the order%n", full, perDrain);
        // a full sort at every drain would take the full sort's time; a merge is one pass over the rows
        assertTrue(perDrain < Math.max(25, full / 2), "per drain " + perDrain + " ms, full sort " + full + " ms");
    }
}
