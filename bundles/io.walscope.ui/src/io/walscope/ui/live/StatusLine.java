package io.walscope.ui.live;

import io.walscope.core.live.LiveBuffer;

/** The live view's status line: state, rates, what filters hide, drops, pause, lag and retained WAL. */
final class StatusLine {
    private StatusLine() {
    }

    /**
     * Changes received and shown per second, measured about once a second over the last {@link #WINDOW} seconds, so
     * the number does not jump 0 → 18 → 51 → 0 with the commits of a bursty writer (display thread).
     */
    static final class Rates {
        /** The seconds the rates average over. */
        static final int WINDOW = 5;
        private final long[] nanos = new long[WINDOW + 1];
        private final long[] received = new long[WINDOW + 1];
        private final long[] shown = new long[WINDOW + 1];
        private int count;
        private int newest = -1;
        private long lastNanos;
        double receivedRate;
        double shownRate;

        /** A new stream: both counters start at 0. */
        void restart() {
            count = 0;
            newest = -1;
            receivedRate = 0;
            shownRate = 0;
        }

        /** A new filter: shown changes count from {@code shownNow} on. */
        void refiltered(long shownNow) {
            for (int i = 0; i < count; i++) {
                shown[i] = shownNow;
            }
        }

        /** Measures the rates about once a second; true when it did (a new sample is due). */
        boolean tick(long receivedNow, long shownNow) {
            long now = System.nanoTime();
            if (lastNanos != 0 && now - lastNanos < 900_000_000L) {
                return false;
            }
            boolean measured = lastNanos != 0;
            lastNanos = now;
            newest = (newest + 1) % nanos.length;
            nanos[newest] = now;
            received[newest] = receivedNow;
            shown[newest] = shownNow;
            count = Math.min(count + 1, nanos.length);
            int oldest = (newest - count + 1 + nanos.length) % nanos.length;
            double secs = (now - nanos[oldest]) / 1e9;
            if (count > 1 && secs > 0) {
                receivedRate = (receivedNow - received[oldest]) / secs;
                shownRate = Math.max(0, (shownNow - shown[oldest]) / secs);
            }
            return measured;
        }
    }

    /** The status line; the lag comes from the newest of the {@code samples} the strip chart draws. */
    static String text(LiveSession session, ShownRows rows, boolean paused, Rates rates, LiveSamples samples) {
        double receivedRate = rates.receivedRate;
        double shownRate = rates.shownRate;
        LiveBuffer buffer = rows.buffer();
        StringBuilder sb = new StringBuilder();
        // a failure's cause and its fix are in the banner above the rows
        sb.append(session.state() == LiveSession.State.FAILED ? "failed (the cause is shown above)" : session.message());
        long received = session.capture().received();
        sb.append(" · received ").append(received).append(String.format(" (%.0f/s)", receivedRate));
        sb.append(" · shown ").append(rows.size()).append(String.format(" (%.0f/s)", shownRate));
        long hidden = buffer == null ? 0 : buffer.size() - rows.size();
        if (!rows.filter().showsAll() && hidden > 0) {
            sb.append(" · hidden by filters ").append(hidden);
        }
        if (buffer != null && buffer.dropped() > 0) {
            sb.append(" · dropped from buffer ").append(buffer.dropped());
        }
        if (paused) {
            sb.append(" · PAUSED (").append(rows.waiting()).append(" waiting)");
        }
        double lag = samples.last(LiveSamples.LAG_BYTES);
        if (!Double.isNaN(lag)) {
            sb.append(" · lag ").append(bytes((long) lag));
            double behind = samples.last(LiveSamples.LAG_SECONDS);
            if (lag > 0 && !Double.isNaN(behind)) {
                sb.append(String.format(" (%.1f s)", behind));
            }
        }
        Long retained = session.retainedBytes();
        if (retained != null) {
            sb.append(" · slot ").append(session.slotName()).append(" retains ").append(bytes(retained));
        }
        return sb.toString();
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double v = b;
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
