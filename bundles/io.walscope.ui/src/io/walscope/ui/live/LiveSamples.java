package io.walscope.ui.live;

import io.walscope.ui.chart.Ring;

/**
 * The live view's numbers, one sample a second: changes received per second, and how far the stream is behind the
 * server (bytes of WAL, seconds since the newest commit received). The status line prints the newest sample, the strip
 * chart draws the last ten minutes; the ring keeps memory flat. Display thread only.
 */
final class LiveSamples {
    static final int CAPACITY = 600;
    static final int RECEIVED = 0;
    static final int LAG_BYTES = 1;
    static final int LAG_SECONDS = 2;

    private final Ring ring = new Ring(CAPACITY, 3);

    /** Takes a sample of {@code session} with the receive rate just measured. */
    void sample(long timeMillis, double receivedPerSec, LiveSession session) {
        double lagBytes = Double.NaN;
        double lagSeconds = Double.NaN;
        long server = session.serverLsn();
        long got = session.capture().lastLsn();
        if (server != 0 && got != 0) {
            long lag = Math.max(0, server - got);
            lagBytes = lag;
            long commit = session.capture().lastCommitMicros();
            lagSeconds = lag == 0 ? 0 : commit == 0 ? Double.NaN : Math.max(0, timeMillis - commit / 1000) / 1000.0;
        }
        ring.add(timeMillis, receivedPerSec, lagBytes, lagSeconds);
    }

    void clear() {
        ring.clear();
    }

    int size() {
        return ring.size();
    }

    /** The newest value {@code k}, NaN when none. */
    double last(int k) {
        return ring.last(k);
    }

    /** A copy for the chart. */
    LiveChart.Snap snapshot() {
        return new LiveChart.Snap(ring.series(RECEIVED), ring.series(LAG_BYTES), ring.series(LAG_SECONDS));
    }
}
