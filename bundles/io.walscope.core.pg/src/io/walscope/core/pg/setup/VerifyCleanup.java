package io.walscope.core.pg.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.Sql;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.setup.VerifyPlan;

/**
 * Drops what a test made, whatever happened to it: the test table and publication (over the test's connection,
 * or a new one when that was cut, retrying for a while), and the slot, which on PostgreSQL 10+ is temporary and
 * goes with its connection (dropped here only when it outlives it, e.g. on 9.6). What cannot be dropped is
 * reported with the SQL that drops it.
 */
final class VerifyCleanup {
    /** How long to keep trying to reach the server for the cleanup. */
    static final long RECONNECT_NANOS = 30_000_000_000L;
    /** How long a temporary slot may take to go after its connection closed. */
    static final long SLOT_GONE_NANOS = 15_000_000_000L;

    private final ConnectionProfile profile;
    private final Secrets secrets;
    private final PgConnector connector;
    final List<String> done = new ArrayList<>();
    final List<String> leftovers = new ArrayList<>();

    VerifyCleanup(ConnectionProfile profile, Secrets secrets, PgConnector connector) {
        this.profile = profile;
        this.secrets = secrets;
        this.connector = connector;
    }

    /** Cleans up; closes {@code c} (or the connection that replaced it). */
    void run(Connection c, VerifyPlan plan, String slot) {
        Connection conn = usable(c) ? c : reconnect();
        try {
            List<String> drops = plan.drop();
            for (int i = 0; i < drops.size(); i++) {
                String sql = drops.get(i);
                if (conn == null) {
                    leftovers.add(sql);
                    continue;
                }
                try {
                    execute(conn, sql);
                    done.add(sql.startsWith("DROP PUBLICATION") ? "dropped publication " + plan.name()
                            : "dropped table " + plan.table());
                } catch (SQLException e) {
                    if (isConnectionLoss(e)) {
                        close(conn);
                        conn = reconnect();
                        i--;
                        if (conn == null) {
                            continue;
                        }
                    } else {
                        leftovers.add(sql);
                        done.add("could not " + sql + ": " + PgErrors.explainSql(e));
                    }
                }
            }
            if (slot != null) {
                if (conn == null) {
                    leftovers.add(dropSlotSql(slot));
                } else {
                    dropSlot(conn, slot);
                }
            }
        } finally {
            close(conn);
        }
    }

    private void dropSlot(Connection conn, String slot) {
        long deadline = System.nanoTime() + SLOT_GONE_NANOS;
        try {
            while (true) {
                Boolean active = slotActive(conn, slot);
                if (active == null) {
                    done.add("slot " + slot + " is gone");
                    return;
                }
                if (!active) {
                    try (PreparedStatement ps = conn.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
                            + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                        ps.setString(1, slot);
                        ps.executeQuery().close();
                    }
                    if (slotActive(conn, slot) == null) {
                        done.add("dropped slot " + slot);
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    leftovers.add(dropSlotSql(slot));
                    done.add("slot " + slot + " is still in use by its connection");
                    return;
                }
                // a temporary slot goes when its walsender exits, a moment after the client closed
                LockSupport.parkNanos(50_000_000L);
            }
        } catch (SQLException e) {
            leftovers.add(dropSlotSql(slot));
            done.add("could not drop slot " + slot + ": " + PgErrors.explainSql(e));
        }
    }

    /** null: no such slot; else whether it is active. */
    private static Boolean slotActive(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT active FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    static String dropSlotSql(String slot) {
        return "SELECT pg_drop_replication_slot(" + Sql.literal(slot) + ")";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '10s'");
            st.execute(sql);
        }
    }

    /** A new connection, tried with back-off for {@link #RECONNECT_NANOS}; null when the server stays out of reach. */
    private Connection reconnect() {
        long deadline = System.nanoTime() + RECONNECT_NANOS;
        long wait = 200_000_000L;
        while (true) {
            try {
                return connector.connect(profile, secrets);
            } catch (WalscopeException e) {
                if (System.nanoTime() + wait > deadline) {
                    done.add("could not reach the server to clean up: " + e.getMessage());
                    return null;
                }
                LockSupport.parkNanos(wait);
                wait = Math.min(wait * 2, 2_000_000_000L);
            }
        }
    }

    private static boolean usable(Connection c) {
        try {
            return c != null && !c.isClosed() && c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing
            }
        }
    }
}
