package io.walscope.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.RenderedTuple;
import io.walscope.core.stream.Transaction;
import io.walscope.core.stream.Tuple;

/** The capture's key and "what changed" texts (written by one reused generator) and its counters. */
class LiveCaptureTest {
    private static final List<String> COLS = List.of("id", "name", "note", "body");

    private static Tuple row(String... json) {
        int[] states = new int[json.length];
        for (int i = 0; i < json.length; i++) {
            states[i] = json[i] == null ? Tuple.UNCHANGED_TOAST : json[i].equals("null") ? Tuple.NULL : Tuple.VALUE;
        }
        return RenderedTuple.of(COLS.subList(0, json.length), states, java.util.Arrays.asList(json));
    }

    @Test
    void keyAndSummaryShowValuesAsJson() throws Exception {
        LiveBuffer buffer = new LiveBuffer(10);
        LiveCapture c = new LiveCapture(buffer);
        Transaction tx = new Transaction().begin(42, 0x100, 1_700_000_000_000_000L);
        Tuple key = row("1");
        c.change(new ChangeEvent().row(Op.INSERT, 0x10, tx, "shop", "t", key, null,
                row("1", "\"café \\\"x\\\"\"", "null", null)));
        Tuple before = row("1", "\"a\"", "null", "\"same\"");
        c.change(new ChangeEvent().row(Op.UPDATE, 0x20, tx, "shop", "t", key, before, row("1", "\"b\"", "2", "\"same\"")));
        c.change(new ChangeEvent().row(Op.UPDATE, 0x30, tx, "shop", "t", key, before, row("1", "\"a\"", "null", null)));
        c.change(new ChangeEvent().row(Op.DELETE, 0x40, tx, "shop", "t", key, null, null));

        LiveEvent insert = buffer.get(1);
        assertEquals("id=1", insert.key());
        assertEquals("id=1, name=\"café \\\"x\\\"\", note=null, body=(unchanged TOAST)", insert.summary());
        assertEquals("changed: name, note", buffer.get(2).summary());
        assertEquals("no column changed", buffer.get(3).summary(), "an unchanged TOAST value is no change");
        assertEquals("id=1", buffer.get(4).summary());
        assertTrue(insert.json().startsWith("{"), insert.json());
        assertTrue(!insert.json().endsWith("\n"), "the line is kept without its newline");
        assertEquals(4, c.received());
        assertTrue(c.firstChangeNanos() > 0 && c.lastChangeNanos() >= c.firstChangeNanos());
    }

    @Test
    void longSummariesAreCut() throws Exception {
        LiveBuffer buffer = new LiveBuffer(10);
        LiveCapture c = new LiveCapture(buffer);
        String big = "\"" + "x".repeat(100_000) + "\"";
        c.change(new ChangeEvent().row(Op.INSERT, 0x10, new Transaction().begin(1, 0x100, 0), "s", "t", row("1"), null,
                row("1", big)));
        c.change(new ChangeEvent().row(Op.INSERT, 0x20, new Transaction().begin(2, 0x200, 0), "s", "t", row("2"), null,
                row("2", "\"short\"")));
        assertEquals(161, buffer.get(1).summary().length());
        assertTrue(buffer.get(1).summary().endsWith("…"));
        assertEquals("id=2, name=\"short\"", buffer.get(2).summary());
    }
}
