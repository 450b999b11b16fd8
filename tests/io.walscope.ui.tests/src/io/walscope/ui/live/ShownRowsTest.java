package io.walscope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.live.LiveFilter;
import io.walscope.core.stream.Op;

/** The shown rows and their transactions, without a display: grouping, dropping from the front, filters, order. */
class ShownRowsTest {
    private static void add(LiveBuffer b, long txn, Op op) {
        long seq = b.nextSeq();
        b.add(new LiveEvent(seq, seq * 16, txn * 1000, 700 + txn, 0, op, "s", "t", "id=" + seq, "", "{}".getBytes(
                StandardCharsets.UTF_8), txn, null, null));
    }

    private static List<String> groups(ShownRows r) {
        List<String> out = new ArrayList<>();
        TxGroups g = r.groups();
        for (int i = 0; i < g.size(); i++) {
            out.add(g.txn(i) + "x" + g.count(i));
        }
        return out;
    }

    @Test
    void changesGroupByTransactionAndDropWithTheBuffer() {
        LiveBuffer b = new LiveBuffer(6);
        ShownRows r = new ShownRows(() -> null);
        r.reset(b, LiveFilter.ALL);
        add(b, 1, Op.INSERT);
        add(b, 1, Op.UPDATE);
        add(b, 2, Op.DELETE);
        List<String> seen = new ArrayList<>();
        assertEquals(ShownRows.ADDED, r.drain(seen::add));
        assertEquals(List.of("s.t"), seen, "a new table is told once");
        assertEquals(List.of("1x2", "2x1"), groups(r));
        add(b, 2, Op.INSERT);
        add(b, 3, Op.INSERT);
        add(b, 3, Op.INSERT);
        add(b, 3, Op.INSERT);
        add(b, 4, Op.INSERT);
        // 8 events in a ring of 6: the first two (transaction 1) dropped
        assertEquals(ShownRows.ADDED | ShownRows.SHIFTED, r.drain(seen::add));
        assertEquals(List.of("2x2", "3x3", "4x1"), groups(r));
        assertEquals(6, r.size());
        assertEquals(1, r.groups().groupOf(r.visible().base() + 2), "position of the first change of transaction 3");
        assertEquals(3, r.eventAt(0).seq());
        r.setNewestFirst(true);
        assertEquals(8, r.eventAt(0).seq());
        assertNull(r.eventAt(6));
        assertEquals(0, r.drain(seen::add), "nothing new");
    }

    @Test
    void filtersApplyToTheChangesInsideTransactions() {
        LiveBuffer b = new LiveBuffer(100);
        ShownRows r = new ShownRows(() -> null);
        r.reset(b, LiveFilter.ALL);
        add(b, 1, Op.INSERT);
        add(b, 1, Op.DELETE);
        add(b, 1, Op.INSERT);
        add(b, 2, Op.INSERT);
        r.drain(t -> { });
        assertEquals(List.of("1x3", "2x1"), groups(r));
        r.refilter(LiveFilter.ALL.withOps(EnumSet.of(Op.INSERT)));
        r.drain(t -> { });
        assertEquals(List.of("1x2", "2x1"), groups(r), "the delete between the inserts is hidden; one group still");
        assertEquals(3, r.shown());
        assertEquals(0, r.waiting());
    }

    @Test
    void aDrainPastItsDeadlineStopsAfterOneChunkAndSaysMoreAreWaiting() {
        LiveBuffer b = new LiveBuffer(10_000);
        ShownRows r = new ShownRows(() -> null);
        r.reset(b, LiveFilter.ALL);
        for (int i = 0; i < 5000; i++) {
            add(b, 1 + i / 100, Op.INSERT);
        }
        long past = System.nanoTime() - 1;
        assertEquals(ShownRows.ADDED | ShownRows.MORE, r.drain(t -> { }, past));
        assertEquals(2048, r.size(), "one chunk");
        assertEquals(5000 - 2048, r.waiting());
        assertEquals(ShownRows.ADDED | ShownRows.MORE, r.drain(t -> { }, past));
        assertEquals(ShownRows.ADDED, r.drain(t -> { }, past), "the last chunk: nothing left");
        assertEquals(5000, r.size());
        assertEquals(0, r.waiting());
    }
}
