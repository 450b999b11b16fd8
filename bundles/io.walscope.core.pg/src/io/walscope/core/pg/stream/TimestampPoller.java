package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Converters;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.TextTuple;
import io.walscope.core.stream.Tuple;

/**
 * Timestamp polling, for servers without logical decoding: every interval, reads the rows of the chosen tables
 * whose {@code (last_update, primary key)} is above a watermark, in that order, in batches of bounded size
 * (keyset pagination), and delivers each as a {@link Op#READ} change to the same {@link ChangeListener} the logical
 * stream uses, with values converted by the same type catalog. {@code read} here means: the row as it is now,
 * inserted or updated since the last poll — polling cannot tell which, and it never sees deletes.
 * <p>
 * A poll reads only rows whose timestamp is below a safe upper bound: {@code now() - delay}, and the start of the
 * oldest transaction still open in the database (from {@code pg_stat_activity}, where visible). A row written by a
 * transaction that started before a poll and commits after it carries a timestamp at or above that bound (the
 * {@code last_update} trigger writes the transaction's {@code now()}), so a later poll delivers it. Ties on the
 * timestamp are ordered by the key; a table needs a primary key ({@code ctid} is not stable).
 * <p>
 * Starts at now (only changes from now on) or, with {@link PollOptions#snapshot}, at the beginning. Rows whose
 * timestamp is NULL are never read. {@link #cancel()} ends it after the current row; one thread runs {@link #run}.
 */
public final class TimestampPoller {
    private final ConnectionProfile profile;
    private final Secrets secrets;
    private final PollOptions o;
    private final PgConnector connector;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private Consumer<List<String>> onStarted = t -> { };
    private Consumer<String> onNotice = n -> { };

    public TimestampPoller(ConnectionProfile profile, Secrets secrets, PollOptions options) {
        this(profile, secrets, options, new PgConnector());
    }

    public TimestampPoller(ConnectionProfile profile, Secrets secrets, PollOptions options, PgConnector connector) {
        this.profile = profile;
        this.secrets = secrets;
        this.o = options;
        this.connector = connector;
    }

    /** Told the polled tables ({@code schema.table}) once they are known, before the first poll. */
    public TimestampPoller onStarted(Consumer<List<String>> c) {
        this.onStarted = c;
        return this;
    }

    /** Told, once, a sentence worth showing the user (e.g. that other sessions' transactions are hidden). */
    public TimestampPoller onNotice(Consumer<String> c) {
        this.onNotice = c;
        return this;
    }

    /** Ends polling after the current row; {@link #run} then flushes and returns. Any thread. */
    public void cancel() {
        cancelled.countDown();
    }

    private boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Polls until {@link PollOptions#maxEvents}, {@link #cancel()} or a failure. Transactions are not seen: 0. */
    public StreamResult run(ChangeListener listener) throws WalscopeException {
        Gate gate = new Gate(listener, o.maxEvents, 0);
        String reason = "cancelled";
        try (Connection sql = connector.connect(profile, secrets)) {
            sql.setAutoCommit(true);
            ServerInfo info = ServerInfo.read(sql);
            PollTables resolver = new PollTables(sql, o, profile);
            List<Polled> tables = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Converters converters = new Converters();
            for (String[] t : resolver.tables()) {
                TableRows rows = TableRows.load(sql, converters, t[0], t[1]);
                tables.add(new Polled(rows, resolver.checkedKey(rows), resolver.columnIndex(rows)));
                names.add(t[0] + "." + t[1]);
            }
            Bound start = bound(sql, info);
            if (!o.snapshot) {
                for (Polled p : tables) {
                    p.watermark = start.value;
                }
            }
            onStarted.accept(List.copyOf(names));
            gate.started();
            boolean noticed = false;
            while (!isCancelled()) {
                Bound b = bound(sql, info);
                if (b.hidden > 0 && !noticed) {
                    noticed = true;
                    onNotice.accept(b.hidden + " other session(s) write in transactions whose start "
                            + "pg_stat_activity does not show to " + info.currentUser() + ": only the "
                            + PollOptions.seconds(o.delay) + " s delay protects their rows; grant pg_read_all_stats"
                            + " or raise the delay above the longest transaction.");
                }
                for (Polled p : tables) {
                    if (isCancelled()) {
                        break;
                    }
                    drain(sql, p, b.value, gate);
                }
                gate.flush();
                if (cancelled.await(o.interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (Gate.Stop stop) {
            reason = stop.reason;
        } catch (WalscopeException e) {
            throw e;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new WalscopeException("Role " + profile.getUser() + " may not read what polling needs ("
                        + PgErrors.explainSql(e) + "): grant it USAGE on the schema and SELECT on the tables, e.g."
                        + " with `walscope script user " + profile.getUser() + " --schema "
                        + profile.primarySchema() + "`.", e);
            }
            throw new WalscopeException("Polling " + profile.getHost() + ":" + profile.getPort() + " failed: "
                    + PgErrors.explainSql(e) + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new WalscopeException("Polling " + profile.getHost() + ":" + profile.getPort() + " failed: "
                    + e.getMessage(), e);
        }
        try {
            gate.flush();
        } catch (Exception e) {
            throw new WalscopeException("Could not flush the output: " + e.getMessage(), e);
        }
        return new StreamResult(gate.events, 0, gate.seconds(), 0, null, 0, reason);
    }

    /** One table being polled and its watermark: the last (timestamp, key) delivered, as PostgreSQL prints them. */
    private static final class Polled {
        final TableRows rows;
        final int[] keyIdx;
        final int tsIdx;
        final String ts;
        /** The timestamp; with {@link #key} null, rows at or above it are read (the start at now). */
        String watermark;
        String[] key;
        final TextTuple row = new TextTuple();
        final TextTuple keyTuple = new TextTuple();
        final ChangeEvent event = new ChangeEvent();

        Polled(TableRows rows, int[] keyIdx, int tsIdx) {
            this.rows = rows;
            this.keyIdx = keyIdx;
            this.tsIdx = tsIdx;
            // qualified: a bare name in ORDER BY would mean the output column, the ::text one
            this.ts = rows.rel + "." + PgIdent.quote(rows.names.get(tsIdx));
        }

        private String cast(int col) {
            return "CAST(? AS " + rows.types.get(col) + ")";
        }

        /** {@code SELECT ... WHERE (ts, k...) > (?, ?...) AND ts < bound ORDER BY ts, k... LIMIT n}. */
        String query(int limit) {
            StringBuilder order = new StringBuilder(ts);
            StringBuilder params = new StringBuilder(cast(tsIdx));
            for (int k : keyIdx) {
                order.append(", ").append(rows.rel).append('.').append(PgIdent.quote(rows.names.get(k)));
                params.append(", ").append(cast(k));
            }
            String lower = watermark == null ? ts + " IS NOT NULL"
                    : key == null ? ts + " >= " + cast(tsIdx)
                            : ts + " >= " + cast(tsIdx) + " AND (" + order + ") > (" + params + ")";
            return "SELECT " + rows.selectList() + " FROM " + rows.rel + " WHERE " + lower + " AND " + ts
                    + " < CAST(CAST(? AS timestamptz) AS " + rows.types.get(tsIdx) + ") ORDER BY " + order
                    + " LIMIT " + limit;
        }
    }

    /** Reads {@code p}'s rows between its watermark and {@code bound}, batch after batch. */
    private void drain(Connection sql, Polled p, String bound, Gate gate) throws Exception {
        while (!isCancelled()) {
            int n = 0;
            try (PreparedStatement ps = sql.prepareStatement(p.query(o.batchSize))) {
                int i = 1;
                if (p.watermark != null) {
                    ps.setString(i++, p.watermark);
                    if (p.key != null) {
                        ps.setString(i++, p.watermark);
                        for (String k : p.key) {
                            ps.setString(i++, k);
                        }
                    }
                }
                ps.setString(i, bound);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        p.rows.fill(rs, p.row);
                        Tuple k = p.rows.fillKey(rs, p.keyIdx, p.keyTuple);
                        String[] key = new String[p.keyIdx.length];
                        for (int j = 0; j < key.length; j++) {
                            key[j] = rs.getString(p.keyIdx[j] + 1);
                        }
                        p.watermark = rs.getString(p.tsIdx + 1);
                        p.key = key;
                        gate.read(p.event.row(Op.READ, 0, null, p.rows.schema, p.rows.table, k, null, p.row));
                        if (isCancelled()) {
                            return;
                        }
                    }
                }
            }
            if (n < o.batchSize) {
                return;
            }
        }
    }

    /** A safe upper bound for a poll, and how many writing sessions hide their transaction's start. */
    private record Bound(String value, int hidden) {
    }

    private Bound bound(Connection sql, ServerInfo info) throws SQLException {
        String others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                // backend_type, like xact_start, is NULL in rows of sessions the role may not see (backend_xid is not)
                + (info.versionNum() >= 100000 ? " AND coalesce(backend_type, 'client backend') = 'client backend'"
                        : "");
        try (PreparedStatement ps = sql.prepareStatement("SELECT least(now() - CAST(? AS interval),"
                + " (SELECT min(xact_start) " + others + " AND xact_start IS NOT NULL))::text,"
                + " (SELECT count(*) " + others + " AND xact_start IS NULL AND backend_xid IS NOT NULL)::int")) {
            ps.setString(1, o.delay.toMillis() + " milliseconds");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Bound(rs.getString(1), rs.getInt(2));
            }
        }
    }
}
