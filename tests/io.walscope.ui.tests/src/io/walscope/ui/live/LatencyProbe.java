package io.walscope.ui.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Display;

/**
 * Measures the display thread's event-loop latency for the viewer benchmark: a timer posted every 10 ms records
 * how late it fires (actual − scheduled). A stall of the display thread shows as one late sample. Display
 * thread only, but for a watchdog thread that, when the display thread has not turned for {@link #STALL_MS},
 * takes its stack once per stall: where the time went ({@link #stalls()}).
 */
final class LatencyProbe {
    private static final int PERIOD_MS = 10;
    private final Display display;
    private long[] micros = new long[1 << 14];
    private int count;
    private long scheduled;
    private boolean running;
    private boolean discardNext;
    private static final long STALL_MS = 50;
    private volatile long lastFire;
    private final List<String> stalls = new ArrayList<>();
    private ScheduledExecutorService watchdog;

    LatencyProbe(Display display) {
        this.display = display;
    }

    void start() {
        running = true;
        lastFire = System.nanoTime();
        post();
        Thread ui = display.getThread();
        long[] reported = { 0 };
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-latency-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleAtFixedRate(() -> {
            long since = lastFire;
            if (since != reported[0] && System.nanoTime() - since > STALL_MS * 1_000_000L) {
                reported[0] = since;
                StringBuilder sb = new StringBuilder();
                StackTraceElement[] st = ui.getStackTrace();
                for (int i = 0; i < Math.min(st.length, 14); i++) {
                    sb.append("\n      at ").append(st[i]);
                }
                synchronized (stalls) {
                    stalls.add(String.format("display thread busy for %d ms so far:%s",
                            (System.nanoTime() - since) / 1_000_000, sb));
                }
            }
        }, 2, 2, TimeUnit.MILLISECONDS);
    }

    void stop() {
        running = false;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    /** The display thread's stack at each stall longer than {@link #STALL_MS}, once per stall. */
    List<String> stalls() {
        synchronized (stalls) {
            return List.copyOf(stalls);
        }
    }

    /** Runs {@code r} (a forced GC) on the display thread without counting the stall it causes. */
    void excluding(Runnable r) {
        r.run();
        discardNext = true;
    }

    private void post() {
        scheduled = System.nanoTime() + PERIOD_MS * 1_000_000L;
        display.timerExec(PERIOD_MS, this::fire);
    }

    private void fire() {
        if (!running) {
            return;
        }
        long now = System.nanoTime();
        lastFire = now;
        long late = Math.max(0, now - scheduled) / 1000;
        if (discardNext) {
            discardNext = false;
        } else {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = late;
        }
        post();
    }

    int samples() {
        return count;
    }

    /** The {@code q} quantile (0..1) of the lateness, in milliseconds. */
    double quantileMs(double q) {
        if (count == 0) {
            return 0;
        }
        long[] s = Arrays.copyOf(micros, count);
        Arrays.sort(s);
        int i = (int) Math.min(count - 1, Math.ceil(q * count) - 1);
        return s[Math.max(0, i)] / 1000.0;
    }

    double maxMs() {
        return quantileMs(1);
    }

    /** Samples later than {@code ms}. */
    int over(double ms) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (micros[i] > ms * 1000) {
                n++;
            }
        }
        return n;
    }

    String summary() {
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d samples, %d later than 100 ms)",
                quantileMs(0.5), quantileMs(0.99), maxMs(), count, over(100));
    }
}
