package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.testbed.TestServer;

/**
 * A {@link TimestampPoller} running on its own thread, with what it delivered (events and JSON lines) and the
 * number of polls done (one flush per poll); tests wait on these conditions, never on sleeps.
 */
final class PollRun implements ChangeListener, AutoCloseable {
    private static final long TIMEOUT_MS = 60_000;
    private final TimestampPoller poller;
    private final Collect collect = new Collect();
    private final Thread thread;
    private int rounds;
    private Throwable failure;
    private boolean ended;

    private final List<String> notices = new ArrayList<>();

    private PollRun(ConnectionProfile p, Secrets secrets, PollOptions o) throws Exception {
        poller = new TimestampPoller(p, secrets, o).onNotice(n -> {
            synchronized (this) {
                notices.add(n);
            }
        });
        thread = new Thread(() -> {
            try {
                poller.run(this);
            } catch (Throwable t) {
                synchronized (this) {
                    failure = t;
                }
            }
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }, "poll-run");
    }

    static PollRun start(TestServer s, String db, PollOptions o) throws Exception {
        return start(s.profile(db), s.superuserSecrets(), o);
    }

    static PollRun start(ConnectionProfile p, Secrets secrets, PollOptions o) throws Exception {
        PollRun r = new PollRun(p, secrets, o);
        r.thread.start();
        return r;
    }

    synchronized List<String> notices() {
        return new ArrayList<>(notices);
    }

    @Override
    public synchronized void change(ChangeEvent e) throws Exception {
        collect.change(e);
        notifyAll();
    }

    @Override
    public synchronized void flush() {
        rounds++;
        notifyAll();
    }

    synchronized List<ChangeEvent> events() {
        synchronized (collect) {
            return new ArrayList<>(collect.events);
        }
    }

    synchronized List<String> json() {
        synchronized (collect) {
            return new ArrayList<>(collect.json);
        }
    }

    /** Waits until at least {@code n} events arrived. */
    synchronized void awaitEvents(int n) throws InterruptedException {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (collect.size() < n) {
            waitUntil(end, "no " + n + " events: " + json());
        }
    }

    /** Waits until {@code more} further polls have completed. */
    synchronized void awaitRounds(int more) throws InterruptedException {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        int target = rounds + more;
        while (rounds < target) {
            waitUntil(end, "no " + more + " polls");
        }
    }

    private void waitUntil(long end, String what) throws InterruptedException {
        if (failure != null) {
            fail("the poller failed: " + failure, failure);
        }
        if (ended) {
            fail("the poller ended: " + what);
        }
        long left = end - System.currentTimeMillis();
        if (left <= 0) {
            fail("timed out: " + what);
        }
        wait(left);
    }

    @Override
    public void close() throws InterruptedException {
        poller.cancel();
        thread.join(TIMEOUT_MS);
        synchronized (this) {
            if (failure != null) {
                fail("the poller failed: " + failure, failure);
            }
        }
    }
}
