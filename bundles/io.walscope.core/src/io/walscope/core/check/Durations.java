package io.walscope.core.check;

import java.util.Locale;

/** Spans of time for people: {@code 45 s}, {@code 12 min}, {@code 3 h 12 min}, {@code 2 d 4 h}. */
public final class Durations {
    private Durations() {
    }

    public static String pretty(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 120) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return String.format(Locale.ROOT, "%d h %d min", h, m % 60);
        }
        return String.format(Locale.ROOT, "%d d %d h", h / 24, h % 24);
    }
}
