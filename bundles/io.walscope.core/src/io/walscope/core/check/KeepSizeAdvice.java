package io.walscope.core.check;

import java.util.Locale;

/**
 * A value for {@code max_slot_wal_keep_size}: a day of WAL at the measured rate (at least 1 GiB, and at least twice
 * what a slot retains now, so that setting it invalidates no slot at once), but no more than half the free space of
 * the WAL's file system where that is known. Pure.
 *
 * @param bytes   the suggested size
 * @param setting the size as PostgreSQL takes it ({@code 16GB}, {@code 512MB}; PostgreSQL's units are binary)
 * @param reason  how it was worked out, for people
 */
public record KeepSizeAdvice(long bytes, String setting, String reason) {
    private static final long MIB = 1024L * 1024;
    private static final long DAY = 86_400;

    public static KeepSizeAdvice suggest(double bytesPerSec, Long freeBytes, long largestRetained) {
        boolean measured = !Double.isNaN(bytesPerSec);
        double day = measured ? bytesPerSec * DAY : 0;
        long target = (long) Math.max(Bytes.GIB, day);
        String why = !measured ? "1 GiB (the WAL rate is measured only while the server has a slot)"
                : bytesPerSec > 0 ? "a day of WAL at the current rate (" + Bytes.pretty((long) bytesPerSec) + "/s)"
                : "no WAL was written while measuring, so 1 GiB";
        if (day < Bytes.GIB && bytesPerSec > 0) {
            why = "at least 1 GiB (a day of WAL at the current rate, " + Bytes.pretty((long) bytesPerSec) + "/s, is "
                    + Bytes.pretty((long) day) + ")";
        }
        if (largestRetained * 2 > target) {
            target = largestRetained * 2;
            why = "twice the " + Bytes.pretty(largestRetained) + " a slot retains now (less would invalidate it at once)";
        }
        if (freeBytes != null && freeBytes > 0 && target > freeBytes / 2) {
            target = freeBytes / 2;
            why = "half of the " + Bytes.pretty(freeBytes) + " free on the WAL's file system (" + why + " does not fit)";
        }
        long rounded = target >= Bytes.GIB ? ceil(target, Bytes.GIB) : ceil(Math.max(target, 64 * MIB), 64 * MIB);
        String setting = rounded % Bytes.GIB == 0 ? rounded / Bytes.GIB + "GB" : rounded / MIB + "MB";
        return new KeepSizeAdvice(rounded, setting, why);
    }

    private static long ceil(long v, long unit) {
        return (v + unit - 1) / unit * unit;
    }

    /** How long the size lasts at {@code bytesPerSec}, for people ({@code null} when nothing is written). */
    public String lasts(double bytesPerSec) {
        return bytesPerSec <= 0 || Double.isNaN(bytesPerSec) ? null : Durations.pretty(bytes / bytesPerSec);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", setting, reason);
    }
}
