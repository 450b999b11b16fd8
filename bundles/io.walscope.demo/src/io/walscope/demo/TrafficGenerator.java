package io.walscope.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** Writes one transaction and returns how many rows it changed. */
    private int oneTransaction(Connection c, double r) throws SQLException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int dice = rnd.nextInt(100);
        // at higher rates transactions grow, so the server is not asked for thousands of commits a second
        int batch = (int) Math.max(1, Math.min(500, r / 50));
        if (dice < 3) {
            return largeTransaction(c, Math.max(50, batch * 10));
        }
        int n = 0;
        for (int i = 0; i < batch; i++) {
            n += oneChange(c, rnd.nextInt(100));
        }
        return n;
    }

    private int oneChange(Connection c, int kind) throws SQLException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (kind < 30) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.orders (customer_id, status, total, ordered_at)"
                    + " VALUES (?, 'new', ?, now() - (random() * interval '400 days'))")) {
                ps.setLong(1, 1 + rnd.nextInt(100));
                ps.setBigDecimal(2, java.math.BigDecimal.valueOf(rnd.nextInt(100000), 2));
                return ps.executeUpdate();
            }
        } else if (kind < 50) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE shop.products SET price = price + 0.01,"
                    + " rating = random() * 5 WHERE id = ?")) {
                ps.setInt(1, 1 + rnd.nextInt(50));
                return ps.executeUpdate();
            }
        } else if (kind < 62) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.customers (name, email, country, age, uuid, tags, prefs)"
                    + " VALUES (?, ?, 'DE', ?, gen_random_uuid(), ARRAY['new'], '{\"newsletter\": true}')")) {
                long id = rnd.nextLong(1_000_000);
                ps.setString(1, "Customer " + id);
                ps.setString(2, "c" + id + "@example.com");
                ps.setInt(3, 18 + rnd.nextInt(60));
                return ps.executeUpdate();
            }
        } else if (kind < 72) {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE shop.customers SET loyalty = coalesce(loyalty, 0) + 1, last_seen = now()"
                        + " WHERE id = (SELECT id FROM shop.customers ORDER BY random() LIMIT 1)");
            }
        } else if (kind < 80) {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("DELETE FROM shop.customers WHERE id = (SELECT max(id) FROM shop.customers) AND id > 100");
            }
        } else if (kind < 90) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.audit_log (actor, action, details)"
                    + " VALUES (?, 'login', jsonb_build_object('ip', '10.0.0.' || ?))")) {
                ps.setString(1, "user" + rnd.nextInt(100));
                ps.setInt(2, rnd.nextInt(255));
                return ps.executeUpdate();
            }
        } else if (kind < 95) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO shop.product_reviews (product_id, stars, body) VALUES (?, ?, repeat(md5(random()::text), ?))")) {
                ps.setInt(1, 1 + rnd.nextInt(50));
                ps.setInt(2, 1 + rnd.nextInt(5));
                ps.setInt(3, 10 + rnd.nextInt(400));
                return ps.executeUpdate();
            }
        } else {
            // touches only helpful_votes: the TOASTed body is unchanged and not sent (unless REPLICA IDENTITY FULL)
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE shop.product_reviews SET helpful_votes = helpful_votes + 1"
                        + " WHERE id = (SELECT max(id) FROM shop.product_reviews)");
            }
        }
    }

    private int largeTransaction(Connection c, int rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shop.orders (customer_id, status, total, ordered_at)"
                + " SELECT 1 + (random() * 99)::int, 'paid', (random() * 1000)::numeric(14,2), now() FROM generate_series(1, ?)")) {
            ps.setInt(1, rows);
            return ps.executeUpdate();
        }
    }
}
