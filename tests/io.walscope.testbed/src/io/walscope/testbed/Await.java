package io.walscope.testbed;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for a condition another thread or the server makes true (a slot becoming active, a change arriving), with a
 * deadline and a message saying what did not happen — the database tests' counterpart of Ui.waitUntil.
 */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} is true; fails with {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (!condition.call()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what);
            }
            synchronized (Await.class) {
                Await.class.wait(pause); // a timed wait, not a spin; backs off to 100 ms
            }
            pause = Math.min(100, pause * 2);
        }
    }
}
