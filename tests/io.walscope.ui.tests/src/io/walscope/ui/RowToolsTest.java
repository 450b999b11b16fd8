package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Collator;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the header sort compares and what the copy items write (no display needed). */
class RowToolsTest {
    @Test
    void numbersSortAsNumbersWordsAsWordsEmptyLast() {
        List<String> cells = new ArrayList<>(List.of("10 MB", "", "9 MB", "beta", "Alpha", "100", "-1"));
        Collator c = Collator.getInstance();
        cells.sort((a, b) -> RowTools.compareTexts(a, b, c));
        assertEquals(List.of("-1", "9 MB", "10 MB", "100", "Alpha", "beta", ""), cells);
    }

    @Test
    void rowsAsTabsAndAsJson() {
        List<String[]> rows = List.<String[]>of(new String[] { "fail", "shop.orders" });
        assertEquals("fail\tshop.orders\n", RowTools.rowsText(rows));
        String json = RowTools.json(new String[] { "Status", "Subject" }, rows);
        assertTrue(json.contains("\"Status\" : \"fail\"") && json.contains("\"Subject\" : \"shop.orders\""), json);
        assertTrue(json.startsWith("{"), "one row is one object: " + json);
    }

    @Test
    void theBufferPreferenceIsCappedAtHalfTheHeap() {
        assertEquals(512, io.walscope.ui.live.LivePreferencesAccess.maxBufferMb(1L << 30));
        assertEquals(64, io.walscope.ui.live.LivePreferencesAccess.maxBufferMb(64L << 20));
        assertEquals(16_384, io.walscope.ui.live.LivePreferencesAccess.maxBufferMb(64L << 30));
    }
}
