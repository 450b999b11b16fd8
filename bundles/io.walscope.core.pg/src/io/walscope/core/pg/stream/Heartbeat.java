package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.Heartbeats;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.profile.ConnectionProfile;

/**
 * Emits Walscope's heartbeat ({@link Heartbeats#MESSAGE_SQL}) in a database every few seconds, on a thread and a
 * connection of its own, so that a slot of a database that writes nothing has something to confirm (Debezium's
 * {@code heartbeat.action.query}). A failed beat is reported once per failure streak and retried at the next beat
 * with a new connection; {@link #close()} stops it.
 */
public final class Heartbeat implements AutoCloseable {
    private final ConnectionProfile profile;
    private final Secrets secrets;
    private final PgConnector connector;
    private final Consumer<String> problems;
    private final String statement;
    private final ScheduledExecutorService timer;
    private final AtomicLong beats = new AtomicLong();
    private Connection connection;
    private boolean failing;

    private Heartbeat(ConnectionProfile profile, Secrets secrets, PgConnector connector, String statement,
            Consumer<String> problems) {
        this.statement = statement;
        this.profile = profile;
        this.secrets = secrets;
        this.connector = connector;
        this.problems = problems;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "walscope-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts beating every {@code every} (the first beat at once).
     *
     * @param problems hears one sentence when beats start failing, and when they work again
     */
    public static Heartbeat start(ConnectionProfile profile, Secrets secrets, Duration every, Consumer<String> problems) {
        return start(profile, secrets, every, Heartbeats.MESSAGE_SQL, problems);
    }

    /**
     * Starts running {@code statement} every {@code every}: the message, or {@link Heartbeats#statement(String, String)}
     * of a heartbeat table (for consumers that do not confirm a transaction holding only a message).
     */
    public static Heartbeat start(ConnectionProfile profile, Secrets secrets, Duration every, String statement,
            Consumer<String> problems) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("a heartbeat needs a positive interval");
        }
        Heartbeat h = new Heartbeat(profile, secrets, new PgConnector(), statement, problems);
        h.timer.scheduleWithFixedDelay(h::beat, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return h;
    }

    /** Heartbeats emitted so far. */
    public long beats() {
        return beats.get();
    }

    /** One heartbeat over {@code c} (autocommit). */
    public static void emit(Connection c) throws SQLException {
        emit(c, Heartbeats.MESSAGE_SQL);
    }

    private static void emit(Connection c, String statement) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private void beat() {
        try {
            if (connection == null) {
                connection = connector.connect(profile, secrets);
            }
            emit(connection, statement);
            beats.incrementAndGet();
            if (failing) {
                failing = false;
                problems.accept("heartbeat: emitting again in " + profile.getDatabase() + ".");
            }
        } catch (SQLException | WalscopeException | RuntimeException e) {
            closeConnection();
            if (!failing) {
                failing = true;
                String why = e instanceof SQLException se ? PgErrors.explainSql(se) : String.valueOf(e.getMessage());
                problems.accept("heartbeat: could not emit in " + profile.getDatabase() + " (" + why
                        + "); retrying at the next beat.");
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // going anyway
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
