package io.walscope.core.check;

import java.util.Locale;

/** Byte counts for people. */
public final class Bytes {
    public static final long GIB = 1024L * 1024 * 1024;

    private Bytes() {
    }

    /** {@code 0 B}, {@code 512 B}, {@code 16.0 MiB}, {@code 1.5 GiB}. */
    public static String pretty(long bytes) {
        if (Math.abs(bytes) < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
