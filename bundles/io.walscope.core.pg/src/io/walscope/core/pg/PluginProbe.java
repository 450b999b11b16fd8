package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.walscope.core.profile.Plugin;

/**
 * Finds out which logical decoding plugins a server really has: by creating and dropping a logical slot
 * with each plugin (a temporary one on PostgreSQL 10+), which is the only sure test.
 */
public final class PluginProbe {
    /** What is known about one plugin on one server. */
    public enum Availability {
        AVAILABLE("available"), MISSING("not installed on the server"), TOO_OLD("needs a newer server"),
        UNKNOWN_NO_PRIVILEGE("unknown — needs REPLICATION privilege"), UNKNOWN_WAL_LEVEL("unknown — needs wal_level=logical"),
        UNKNOWN_NO_SLOTS("unknown — no free replication slot"), NOT_FOR_TAILING("installed, not supported for tailing"),
        UNKNOWN("unknown");

        private final String label;

        Availability(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One plugin's availability and, when it is not available, why. */
    public record Result(Plugin plugin, Availability availability, String detail) {
    }

    private PluginProbe() {
    }

    /** Probes every plugin Walscope knows. */
    public static Map<Plugin, Result> probeAll(Connection c, ServerInfo info) {
        Map<Plugin, Result> m = new EnumMap<>(Plugin.class);
        for (Plugin p : Plugin.values()) {
            m.put(p, probe(c, info, p));
        }
        return m;
    }

    /** Probes one plugin. Runs in autocommit mode and leaves no slot behind. */
    public static Result probe(Connection c, ServerInfo info, Plugin plugin) {
        if (info.versionNum() < plugin.minVersionNum()) {
            return new Result(plugin, Availability.TOO_OLD, plugin.id() + " needs PostgreSQL "
                    + ServerInfo.versionName(plugin.minVersionNum()) + " or newer");
        }
        if (plugin == Plugin.WALMINER) {
            return probeWalminer(c);
        }
        if (!info.superuser() && !info.replication()) {
            return new Result(plugin, Availability.UNKNOWN_NO_PRIVILEGE, "the role may not create replication slots");
        }
        if (!"logical".equals(info.walLevel())) {
            return new Result(plugin, Availability.UNKNOWN_WAL_LEVEL, "wal_level is " + info.walLevel());
        }
        String slot = "walscope_probe_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        boolean temporary = info.versionNum() >= 100000;
        String sql = temporary ? "SELECT 1 FROM pg_create_logical_replication_slot(?, ?, true)"
                : "SELECT 1 FROM pg_create_logical_replication_slot(?, ?)";
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, slot);
                ps.setString(2, plugin.id());
                ps.executeQuery().close();
                dropQuietly(c, slot);
                return new Result(plugin, Availability.AVAILABLE, "");
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            String m = PgErrors.explainSql(e);
            if ("58P01".equals(e.getSQLState()) || m.contains("could not access file")) {
                return new Result(plugin, Availability.MISSING, m);
            }
            if ("53400".equals(e.getSQLState()) || m.contains("all replication slots are in use")) {
                return new Result(plugin, Availability.UNKNOWN_NO_SLOTS, m);
            }
            if ("42501".equals(e.getSQLState())) {
                return new Result(plugin, Availability.UNKNOWN_NO_PRIVILEGE, m);
            }
            return new Result(plugin, Availability.UNKNOWN, m);
        }
    }

    private static void dropQuietly(Connection c, String slot) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            ps.setString(1, slot);
            ps.executeQuery().close();
        } catch (SQLException e) {
            // a temporary slot goes with the session anyway
        }
    }

    private static Result probeWalminer(Connection c) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_proc WHERE proname LIKE 'walminer%'")) {
            rs.next();
            if (rs.getInt(1) > 0) {
                return new Result(Plugin.WALMINER, Availability.NOT_FOR_TAILING,
                        "walminer functions are installed; Walscope cannot tail them");
            }
            return new Result(Plugin.WALMINER, Availability.MISSING, "no walminer functions in this database");
        } catch (SQLException e) {
            return new Result(Plugin.WALMINER, Availability.UNKNOWN, PgErrors.explainSql(e));
        }
    }
}
