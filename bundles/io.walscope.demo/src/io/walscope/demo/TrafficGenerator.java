package io.walscope.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.walscope.core.WalscopeException;

/**
 * Writes a realistic mix of changes into the demo schema — inserts, updates, deletes, small and large
 * transactions, a partitioned table, a table without a primary key and large TOASTable values — at a rate
 * (changes per second) that can be changed while it runs.
 */
public final class TrafficGenerator implements AutoCloseable {
    /** Opens the connection the generator writes with. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws WalscopeException;
    }

    private final ConnectionSource source;
    private volatile double rate;
    private volatile boolean running;
    private volatile String lastError;
    private final AtomicLong changes = new AtomicLong();
    private Thread thread;

    public TrafficGenerator(ConnectionSource source, double changesPerSecond) {
        this.source = source;
        this.rate = changesPerSecond;
    }

    /** Changes per second; 0 pauses. */
    public void setRate(double changesPerSecond) {
        this.rate = Math.max(0, changesPerSecond);
    }

    public double rate() {
        return rate;
    }

    /** Row changes written so far. */
    public long changes() {
        return changes.get();
    }

    /** The last error the generator met (it keeps going after reconnecting), or null. */
    public String lastError() {
        return lastError;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "walscope-demo-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void loop() {
        while (running) {
            try (Connection c = source.open()) {
                c.setAutoCommit(false);
                while (running) {
                    double r = rate;
                    if (r <= 0) {
                        Thread.sleep(200);
                        continue;
                    }
                    long t0 = System.nanoTime();
                    int n = oneTransaction(c, r);
                    c.commit();
                    changes.addAndGet(n);
                    long budgetNanos = (long) (n / r * 1e9);
                    long sleepNanos = budgetNanos - (System.nanoTime() - t0);
                    if (sleepNanos > 0) {
                        Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | WalscopeException e) {
                lastError = e.getMessage();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * The kinds of change, each one set-based statement writing {@code ?} rows (so a transaction of many changes
     * costs one round trip per kind, and 5,000 changes/s are within reach of one connection), with its share of
     * the mix in percent.
     */
    private static final String[] KINDS = {
        // new orders (partitioned table)
        "INSERT INTO shop.orders (customer_id, status, total, ordered_at) SELECT 1 + (random() * 99)::int, 'new',"
                + " (random() * 1000)::numeric(14,2), now() - random() * interval '400 days' FROM generate_series(1, ?)",
        // price and rating changes
        "UPDATE shop.products SET price = price + 0.01, rating = random() * 5"
                + " WHERE id IN (SELECT 1 + (random() * 49)::int FROM generate_series(1, ?))",
        // new customers
        "INSERT INTO shop.customers (name, email, country, age, uuid, tags, prefs) SELECT 'Customer ' || x,"
                + " 'c' || x || '@example.com', 'DE', 18 + (random() * 59)::int, gen_random_uuid(), ARRAY['new'],"
                + " '{\"newsletter\": true}' FROM (SELECT (random() * 1000000)::bigint AS x FROM generate_series(1, ?)) s",
        // returning customers, picked at random through the primary key (no sort of the whole table)
        "WITH m AS (SELECT max(id) AS m FROM shop.customers) UPDATE shop.customers"
                + " SET loyalty = coalesce(loyalty, 0) + 1, last_seen = now()"
                + " WHERE id IN (SELECT (1 + random() * (m.m - 1))::bigint FROM m, generate_series(1, ?))",
        // the newest customers leave (the seeded first 100 stay)
        "DELETE FROM shop.customers WHERE id IN (SELECT id FROM shop.customers WHERE id > 100 ORDER BY id DESC LIMIT ?)",
        // the table without a primary key
        "INSERT INTO shop.audit_log (actor, action, details) SELECT 'user' || (random() * 99)::int, 'login',"
                + " jsonb_build_object('ip', '10.0.0.' || (random() * 254)::int) FROM generate_series(1, ?)",
        // large TOASTable values
        "INSERT INTO shop.product_reviews (product_id, stars, body) SELECT 1 + (random() * 49)::int,"
                + " 1 + (random() * 4)::int, repeat(md5(random()::text), 10 + (random() * 400)::int) FROM generate_series(1, ?)",
        // touches only helpful_votes: the TOASTed body is unchanged and not sent (unless REPLICA IDENTITY FULL)
        "UPDATE shop.product_reviews SET helpful_votes = helpful_votes + 1"
                + " WHERE id IN (SELECT id FROM shop.product_reviews ORDER BY id DESC LIMIT ?)",
    };
    private static final int[] SHARE = { 30, 20, 12, 10, 8, 10, 5, 5 };

    /** Writes one transaction and returns how many rows it changed. */
    private int oneTransaction(Connection c, double r) throws SQLException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        // at higher rates transactions grow, so the server is not asked for thousands of commits a second
        int batch = (int) Math.max(1, Math.min(500, r / 50));
        if (rnd.nextInt(100) < 3) {
            return largeTransaction(c, Math.max(50, batch * 10));
        }
        int[] counts = new int[KINDS.length];
        for (int i = 0; i < batch; i++) {
            int dice = rnd.nextInt(100);
            int k = 0;
            while (dice >= SHARE[k]) {
                dice -= SHARE[k];
                k++;
            }
            counts[k]++;
        }
        int n = 0;
        for (int k = 0; k < KINDS.length; k++) {
            if (counts[k] > 0) {
                try (PreparedStatement ps = c.prepareStatement(KINDS[k])) {
                    ps.setInt(1, counts[k]);
                    n += ps.executeUpdate();
                }
            }
        }
        return n;
    }

    private int largeTransaction(Connection c, int rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.orders (customer_id, status, total, ordered_at)"
                + " SELECT 1 + (random() * 99)::int, 'paid', (random() * 1000)::numeric(14,2), now() FROM generate_series(1, ?)")) {
            ps.setInt(1, rows);
            return ps.executeUpdate();
        }
    }
}
