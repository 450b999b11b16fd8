package io.walscope.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.walscope.core.stream.Op;

/** The live view's ring buffer and filters, without a display or a database. */
class LiveBufferTest {
    private static LiveEvent event(long seq, Op op, String table, String json) {
        return new LiveEvent(seq, seq * 100, seq * 100 + 50, 7, 0, op, "shop", table, "id=" + seq, "", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dropsTheOldestWhenFullAndCountsThem() {
        LiveBuffer b = new LiveBuffer(3);
        for (long s = 1; s <= 5; s++) {
            b.add(event(s, Op.INSERT, "t", "{}"));
        }
        assertEquals(3, b.size());
        assertEquals(2, b.dropped());
        assertEquals(3, b.firstSeq());
        assertEquals(6, b.nextSeq());
        assertNull(b.get(2), "dropped");
        assertEquals(3, b.get(3).seq());
        assertEquals(5, b.get(5).seq());
        assertNull(b.get(6), "not yet");
        LiveEvent[] out = new LiveEvent[10];
        assertEquals(3, b.copy(1, out), "copy starts at the oldest held");
        assertEquals(3, out[0].seq());
        assertEquals(1, b.copy(5, out));
        assertEquals(0, b.copy(6, out));
    }

    @Test
    void aByteBudgetDropsTheOldestBeforeTheCountDoes() {
        String wide = "{\"body\": \"" + "x".repeat(10_000) + "\"}";
        int one = LiveBuffer.EVENT_OVERHEAD + wide.length() + 2 * ("id=1".length());
        LiveBuffer b = new LiveBuffer(1_000, 3L * one + 10);
        for (long s = 1; s <= 10; s++) {
            b.add(event(s, Op.INSERT, "t", wide));
        }
        assertEquals(3, b.size(), "three wide changes fit the budget");
        assertEquals(7, b.dropped());
        assertTrue(b.bytes() <= b.maxBytes());
        LiveBuffer tiny = new LiveBuffer(10, 100);
        tiny.add(event(1, Op.INSERT, "t", wide));
        assertEquals(1, tiny.size(), "one change larger than the budget is still shown");
        tiny.add(event(2, Op.INSERT, "t", wide));
        assertEquals(1, tiny.size());
        assertEquals(2, tiny.get(2).seq());
    }

    @Test
    void aRawMessageSharedByChangesCountsOnce() {
        RawMessage raw = new RawMessage(1, new byte[50_000], 50_000);
        LiveBuffer b = new LiveBuffer(100);
        for (long s = 1; s <= 3; s++) {
            b.add(new LiveEvent(s, s, s, 7, 0, Op.INSERT, "shop", "t", null, "", new byte[10], s, null, raw));
        }
        assertEquals(50_000 + 3 * (LiveBuffer.EVENT_OVERHEAD + 10), b.bytes());
        b.clear();
        assertEquals(0, b.bytes());
    }

    @Test
    void sequenceNumbersHaveNoGaps() {
        LiveBuffer b = new LiveBuffer(2);
        b.add(event(1, Op.INSERT, "t", "{}"));
        assertThrows(IllegalArgumentException.class, () -> b.add(event(3, Op.INSERT, "t", "{}")));
    }

    @Test
    void clearKeepsNumbering() {
        LiveBuffer b = new LiveBuffer(4);
        b.add(event(1, Op.INSERT, "t", "{}"));
        b.add(event(2, Op.INSERT, "t", "{}"));
        b.clear();
        assertEquals(0, b.size());
        assertEquals(3, b.firstSeq());
        assertNull(b.get(1));
        b.add(event(3, Op.DELETE, "t", "{}"));
        assertSame(Op.DELETE, b.get(3).op());
        assertEquals(0, b.dropped(), "clearing is not dropping");
    }

    @Test
    void filtersByOpTableAndText() {
        LiveEvent ins = event(1, Op.INSERT, "orders", "{\"after\":{\"name\":\"Zoë\"}}");
        LiveEvent upd = event(2, Op.UPDATE, "customers", "{\"after\":{\"name\":\"Bob\"}}");
        assertTrue(LiveFilter.ALL.showsAll());
        assertTrue(LiveFilter.ALL.test(ins) && LiveFilter.ALL.test(upd));
        LiveFilter onlyUpdates = LiveFilter.ALL.withOps(EnumSet.of(Op.UPDATE));
        assertFalse(onlyUpdates.test(ins));
        assertTrue(onlyUpdates.test(upd));
        LiveFilter orders = LiveFilter.ALL.withTable("shop.orders");
        assertTrue(orders.test(ins));
        assertFalse(orders.test(upd));
        LiveFilter text = LiveFilter.ALL.withText("ZOË");
        assertTrue(text.test(ins), "case-insensitive, non-ASCII");
        assertFalse(text.test(upd));
        assertFalse(LiveFilter.ALL.withOps(EnumSet.noneOf(Op.class)).test(ins));
        assertTrue(LiveFilter.ALL.withText("  ").showsAll(), "a blank search is no search");
    }
}
