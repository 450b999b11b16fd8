package io.walscope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) for a command that streams until stopped: the shutdown hook asks the work to stop, waits
 * until the command has flushed its output and printed its final line, then ends the JVM with exit status 0 (a
 * signal's status would be 130 or 143, and the JVM would otherwise end as soon as the hook returns, racing the final
 * line). Use: {@code try (CtrlC c = new CtrlC(work::cancel)) { ... print the final line; c.finished(); }}.
 */
final class CtrlC implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean finished;

    CtrlC(Runnable cancel) {
        hook = new Thread(() -> {
            cancel.run();
            try {
                if (done.await(15, TimeUnit.SECONDS) && finished) {
                    Runtime.getRuntime().halt(Command.OK);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "walscope-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The output is flushed and the final line printed: a Ctrl-C now ends with status 0. */
    void finished() {
        finished = true;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and ends the JVM
        }
    }
}
