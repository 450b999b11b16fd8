package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.walscope.core.check.PluginAllowList;
import io.walscope.core.profile.Plugin;

/**
 * Finds out which logical decoding plugins a server really has: by creating and dropping a logical slot
 * with each plugin (a temporary one on PostgreSQL 10+), which is the only sure test.
 */
public final class PluginProbe {
    /** What is known about one plugin on one server. */
    public enum Availability {
        AVAILABLE("available"), MISSING("not installed on the server"), TOO_OLD("needs a newer server"),
        NOT_ALLOWED("not allowed by output_plugin_libraries"),
        UNKNOWN_NO_PRIVILEGE("unknown — needs REPLICATION privilege"), UNKNOWN_WAL_LEVEL("unknown — needs wal_level=logical"),
        UNKNOWN_NO_SLOTS("unknown — no free replication slot"), NOT_FOR_TAILING("installed, not supported for tailing"),
        WAITS_FOR_PRIMARY("unknown — the standby waits for the primary (run pg_log_standby_snapshot() there)"),
        NOT_ON_STANDBY("unknown — no logical decoding on a standby before PostgreSQL 16"),
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

    /** How long a probe on a standby waits for the primary's running-transactions record. */
    static final String STANDBY_WAIT = "3s";

    /**
     * Probes every plugin Walscope knows. On a standby whose slot creation waits for the primary, the other plugins are
     * not tried again: they would wait the same way.
     */
    public static Map<Plugin, Result> probeAll(Connection c, ServerInfo info) {
        Map<Plugin, Result> m = new EnumMap<>(Plugin.class);
        Result waiting = null;
        for (Plugin p : Plugin.values()) {
            Result r = waiting != null && p != Plugin.WALMINER && info.versionNum() >= p.minVersionNum()
                    ? new Result(p, waiting.availability(), waiting.detail()) : probe(c, info, p);
            if (r.availability() == Availability.WAITS_FOR_PRIMARY || r.availability() == Availability.NOT_ON_STANDBY) {
                waiting = r;
            }
            m.put(p, r);
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
        if (!info.allowsPlugin(plugin.id())) {
            // refused for every role, superusers included: say so before any privilege question — unless the
            // library is not even there (a superuser can see that), which is the first thing to fix
            if (info.superuser() && libraryMissing(c, plugin)) {
                return new Result(plugin, Availability.MISSING, plugin.id() + ".so is not in the server's library"
                        + " directory (and output_plugin_libraries does not list it either)");
            }
            return new Result(plugin, Availability.NOT_ALLOWED, PluginAllowList.refusal(plugin.id(),
                    info.outputPluginLibraries(), "this server"));
        }
        if (!info.superuser() && !info.replication()) {
            return new Result(plugin, Availability.UNKNOWN_NO_PRIVILEGE, "the role may not create replication slots");
        }
        if (!"logical".equals(info.walLevel())) {
            return new Result(plugin, Availability.UNKNOWN_WAL_LEVEL, "wal_level is " + info.walLevel());
        }
        Standby standby;
        try {
            standby = Standby.of(c, info.versionNum());
        } catch (SQLException e) {
            return new Result(plugin, Availability.UNKNOWN, PgErrors.explainSql(e));
        }
        if (standby.inRecovery() && info.versionNum() < 160000) {
            return new Result(plugin, Availability.NOT_ON_STANDBY, "PostgreSQL " + info.major()
                    + " cannot decode on a standby (16+ can): connect to " + standby.primaryName());
        }
        String slot = "walscope_probe_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        boolean temporary = info.versionNum() >= 100000;
        String sql = temporary ? "SELECT 1 FROM pg_create_logical_replication_slot(?, ?, true)"
                : "SELECT 1 FROM pg_create_logical_replication_slot(?, ?)";
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            String timeout = standby.inRecovery() ? setTimeout(c, STANDBY_WAIT) : null;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, slot);
                ps.setString(2, plugin.id());
                ps.executeQuery().close();
                dropQuietly(c, slot);
                return new Result(plugin, Availability.AVAILABLE, "");
            } finally {
                if (timeout != null) {
                    setTimeout(c, timeout);
                }
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            String m = PgErrors.explainSql(e);
            if (standby.inRecovery() && "57014".equals(e.getSQLState())) {
                return new Result(plugin, Availability.WAITS_FOR_PRIMARY, standby.waitsForPrimary());
            }
            if (PgErrors.isPluginRefused(e)) {
                return new Result(plugin, Availability.NOT_ALLOWED, PluginAllowList.refusal(plugin.id(),
                        info.outputPluginLibraries(), "this server"));
            }
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

    /** Sets statement_timeout for the session and returns the value it had. */
    private static String setTimeout(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT current_setting('statement_timeout'), set_config('statement_timeout', ?, false)")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** True when a superuser sees no {@code plugin.so} in the server's PKGLIBDIR; false when it cannot tell. */
    private static boolean libraryMissing(Connection c, Plugin plugin) {
        String sql = "SELECT pg_stat_file(setting || '/' || ? || '.so', true) IS NULL FROM pg_catalog.pg_config"
                + " WHERE name = 'PKGLIBDIR'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, plugin.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
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
