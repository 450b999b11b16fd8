package io.walscope.core.check;

import java.util.List;

/** Slots judged over one sampling window: the two readings and every slot's health. */
public record SlotHealthReport(SlotSample before, SlotSample after, List<SlotHealth> slots) {
    public SlotHealthReport {
        slots = List.copyOf(slots);
    }

    /** The server's WAL rate over the window, bytes/s. */
    public double walBytesPerSec() {
        return SlotHealthRules.walRate(before, after);
    }

    /** The window's length in seconds. */
    public double seconds() {
        return (after.nanos() - before.nanos()) / 1e9;
    }

    /** The slot called {@code name}, or null. */
    public SlotHealth slot(String name) {
        return slots.stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
    }
}
