package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.SlotHealthReport;
import io.walscope.core.pg.stream.ChangeStream;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Transaction;
import io.walscope.testbed.Await;
import io.walscope.testbed.TestServer;

/** Pieces of the slot-health scenarios: a steady writer, a real consumer on a persistent slot, slot numbers. */
final class SlotScenario {
    private SlotScenario() {
    }

    /** Inserts {@code rows} rows of {@code width} characters into {@code db}.t every {@code everyMs}, until closed. */
    static final class Writer implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;
        final AtomicLong batches = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Writer(TestServer s, String db, int rows, int width, long everyMs) {
            s.sql(db, "CREATE TABLE IF NOT EXISTS t (id bigserial PRIMARY KEY, v text)");
            thread = new Thread(() -> {
                try (Connection c = s.connect(db); Statement st = c.createStatement()) {
                    long next = System.nanoTime();
                    while (!stop) {
                        st.execute("INSERT INTO t (v) SELECT repeat('x', " + width + ") FROM generate_series(1, " + rows + ")");
                        batches.incrementAndGet();
                        next += everyMs * 1_000_000L;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        }
                    }
                } catch (SQLException | InterruptedException | RuntimeException e) {
                    if (!stop) {
                        failure.set(e);
                    }
                }
            }, "slot-scenario-writer");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(30_000);
        }
    }

    /**
     * A Walscope change stream on a persistent slot of {@code db}, running until closed, that confirms only the
     * transactions it received; counts what it receives.
     */
    static final class Consumer implements AutoCloseable, ChangeListener {
        final ChangeStream stream;
        final Thread thread;
        final AtomicLong changes = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        final AtomicLong commits = new AtomicLong();
        private volatile long lastCommitEnd;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Consumer(TestServer s, String db, String slot, Plugin plugin) {
            StreamOptions o = new StreamOptions().plugin(plugin).slot(slot).createSlot(true).publication("walscope_pub")
                    .statusInterval(Duration.ofSeconds(1));
            stream = new ChangeStream(s.profile(db), s.superuserSecrets(), o);
            thread = new Thread(() -> {
                try {
                    stream.run(this);
                } catch (WalscopeException | RuntimeException e) {
                    failure.set(e);
                }
            }, "slot-scenario-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until the stream holds its slot; fails at once with the stream's own failure. */
        void awaitActive(TestServer s, String slot) throws Exception {
            Await.until("the consumer holds " + slot, Duration.ofSeconds(60), () -> {
                if (failure.get() != null) {
                    throw new AssertionError("the consumer failed: " + failure.get(), failure.get());
                }
                return active(s, slot);
            });
        }

        @Override
        public void change(ChangeEvent e) {
            changes.incrementAndGet();
            if (e.op() == Op.MESSAGE) {
                messages.incrementAndGet();
            }
        }

        @Override
        public void commit(Transaction tx) {
            commits.incrementAndGet();
            lastCommitEnd = tx.endLsn();
        }

        /**
         * Confirms only the end of the last transaction it received, never the server's WAL end while idle (as
         * Walscope's own stream does): the consumer of most CDC tools (Debezium without a heartbeat), which is what
         * gets stuck on a quiet database.
         */
        @Override
        public long confirmable(long upTo) {
            long last = lastCommitEnd;
            if (last == 0) {
                return 0;
            }
            return Long.compareUnsigned(last, upTo) > 0 ? upTo : last;
        }

        @Override
        public void close() throws InterruptedException {
            stream.cancel();
            thread.join(30_000);
        }
    }

    /** The plugin a consumer uses on {@code major}: pgoutput from 10, test_decoding on 9.6. */
    static Plugin plugin(String major) {
        return major.equals("9.6") ? Plugin.TEST_DECODING : Plugin.PGOUTPUT;
    }

    /** Makes {@code db} ready for the consumer: a publication of every table (pgoutput). */
    static void publication(TestServer s, String db, Plugin p) {
        if (p == Plugin.PGOUTPUT) {
            s.sql(db, "CREATE PUBLICATION walscope_pub FOR ALL TABLES");
        }
    }

    static boolean active(TestServer s, String slot) throws SQLException {
        return "true".equals(value(s, "SELECT active::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
    }

    static String value(TestServer s, String sql) throws SQLException {
        try (Connection c = s.connect("postgres"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static void dropSlot(TestServer s, String slot) {
        s.sql("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                + slot + "' AND NOT active");
    }

    static SlotHealthReport measure(TestServer s, String db, Duration window, Duration oldAfter) throws Exception {
        try (Connection c = s.connect(db)) {
            return SlotHealthReader.measure(c, window, oldAfter);
        }
    }
}
