package io.walscope.ui.prep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.check.SlotHealth;
import io.walscope.core.check.SlotSample;
import io.walscope.ui.chart.Ring;

/**
 * Retained WAL and lag of every slot over the last hour, sampled while the Slots view is open: one {@link Ring} per
 * slot (at most {@link #MAX_SLOTS}), so memory stays bounded however long the view stays open. Display thread only.
 */
final class SlotHistory {
    /** An hour at the view's refresh interval. */
    static final int CAPACITY = (int) (3_600_000 / SlotsPanel.REFRESH_MS);
    static final long SPAN_MS = 3_600_000;
    static final int MAX_SLOTS = 12;
    static final int RETAINED = 0;
    static final int LAG = 1;

    private final Map<String, Ring> rings = new LinkedHashMap<>();
    private final Map<String, SlotHealth> latest = new HashMap<>();
    private Long keepSize;
    private double rate;
    private long now;

    /** The slots judged at {@code timeMillis}. */
    void record(long timeMillis, List<SlotHealth> slots, SlotSample sample, double walRate) {
        now = timeMillis;
        keepSize = sample.keepSizeBytes();
        rate = walRate;
        latest.clear();
        for (SlotHealth h : slots) {
            latest.put(h.name(), h);
        }
        for (SlotHealth h : slots) {
            Ring r = rings.get(h.name());
            if (r == null) {
                if (rings.size() >= MAX_SLOTS && !dropOneGone()) {
                    continue;
                }
                r = new Ring(CAPACITY, 2);
                rings.put(h.name(), r);
            }
            r.add(timeMillis, bytes(h.slot().retainedBytes()), bytes(h.lagBytes()));
        }
        List<String> empty = new ArrayList<>();
        rings.forEach((name, r) -> {
            if (!latest.containsKey(name)) {
                r.add(timeMillis, Double.NaN, Double.NaN); // a gap: the slot is gone
            }
            r.dropBefore(timeMillis - SPAN_MS);
            if (!latest.containsKey(name) && allGaps(r)) {
                empty.add(name);
            }
        });
        empty.forEach(rings::remove);
    }

    private boolean dropOneGone() {
        for (String name : rings.keySet()) {
            if (!latest.containsKey(name)) {
                rings.remove(name);
                return true;
            }
        }
        return false;
    }

    private static boolean allGaps(Ring r) {
        for (int i = 0; i < r.size(); i++) {
            if (!Double.isNaN(r.value(RETAINED, i))) {
                return false;
            }
        }
        return true;
    }

    private static double bytes(Long b) {
        return b == null ? Double.NaN : b;
    }

    void clear() {
        rings.clear();
        latest.clear();
        keepSize = null;
    }

    /** Samples kept, over all slots (tests check the bound). */
    int samples() {
        return rings.values().stream().mapToInt(Ring::size).sum();
    }

    /** A copy of what the chart draws, the slots with the most retained WAL first (display thread). */
    SlotsChart.Snap snapshot() {
        List<SlotsChart.Line> lines = new ArrayList<>();
        List<String> names = new ArrayList<>(rings.keySet());
        names.sort(Comparator.comparingDouble((String n) -> -rings.get(n).last(RETAINED)).thenComparing(n -> n));
        for (String n : names) {
            Ring r = rings.get(n);
            SlotHealth h = latest.get(n);
            lines.add(new SlotsChart.Line(n, r.series(RETAINED), r.series(LAG),
                    h == null ? null : forecast(h, r.last(RETAINED))));
        }
        return new SlotsChart.Snap(lines, keepSize == null || keepSize < 0 ? Double.NaN : keepSize, rate, now,
                rings.values().stream().mapToLong(r -> r.size() == 0 ? now : r.time(0)).min().orElse(now));
    }

    /**
     * Where a stuck slot's retained WAL is headed: to its loss under max_slot_wal_keep_size, or for an hour; null for
     * a slot that advances (or when nothing is written).
     */
    private double[][] forecast(SlotHealth h, double retained) {
        if (rate <= 0 || Double.isNaN(retained) || h.stuck() == null) {
            return null;
        }
        double secs = h.lostInSeconds() != null && h.lostInSeconds() > 0 ? Math.min(h.lostInSeconds(), 3600) : 3600;
        return new double[][] {{now, now + secs * 1000}, {retained, retained + rate * secs}};
    }
}
