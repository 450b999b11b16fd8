package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.PluginAllowList;

/**
 * What {@code walscope info} and the status line show about a server and the login role.
 *
 * @param outputPluginLibraries the setting {@code output_plugin_libraries} as SHOW prints it, {@code null} where the
 *                              server has no such setting or hides it from the role
 * @param outputPluginLibrariesHidden the server has the setting but hides it from the role (see {@link #allowListHidden})
 */
public record ServerInfo(String version, int versionNum, String walLevel, int maxReplicationSlots,
        int maxWalSenders, String currentUser, boolean superuser, boolean replication, boolean ssl,
        String sslVersion, String sslCipher, String outputPluginLibraries, boolean outputPluginLibrariesHidden) {

    /** Reads the facts in one round trip. */
    public static ServerInfo read(Connection c) throws WalscopeException {
        String sql = "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
                + " current_setting('wal_level'), current_setting('max_replication_slots')::int,"
                + " current_setting('max_wal_senders')::int, current_user, r.rolsuper, r.rolreplication,"
                + " (SELECT o.setting FROM pg_catalog.pg_settings o WHERE o.name = 'output_plugin_libraries')"
                + " FROM pg_roles r WHERE r.rolname = current_user";
        try (Statement st = c.createStatement()) {
            String version;
            int num;
            String walLevel;
            int slots;
            int senders;
            String user;
            boolean superuser;
            boolean replication;
            String allowList;
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                version = rs.getString(1);
                num = rs.getInt(2);
                walLevel = rs.getString(3);
                slots = rs.getInt(4);
                senders = rs.getInt(5);
                user = rs.getString(6);
                superuser = rs.getBoolean(7);
                replication = rs.getBoolean(8);
                allowList = rs.getString(9);
            }
            boolean ssl = false;
            String sslVersion = null;
            String cipher = null;
            try (ResultSet s = st.executeQuery(
                    "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                if (s.next()) {
                    ssl = s.getBoolean(1);
                    sslVersion = s.getString(2);
                    cipher = s.getString(3);
                }
            }
            return new ServerInfo(version, num, walLevel, slots, senders, user, superuser, replication, ssl,
                    sslVersion, cipher, allowList, allowListHidden(c, allowList, superuser));
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the server's settings: " + PgErrors.explainSql(e), e);
        }
    }

    /**
     * True when the server has {@code output_plugin_libraries} but hides it from the login role: pg_settings then
     * has no row for it (as for a setting that does not exist), and only {@code current_setting} tells the two apart
     * — it refuses with "permission denied to examine" where {@code missing_ok} would give NULL for a missing one.
     * Only asked when the value was not readable and the role is no superuser.
     */
    public static boolean allowListHidden(Connection c, String value, boolean superuser) throws SQLException {
        if (value != null || superuser) {
            return false;
        }
        boolean auto = c.getAutoCommit();
        Savepoint sp = auto ? null : c.setSavepoint();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('output_plugin_libraries', true)")) {
            return false;
        } catch (SQLException e) {
            if (sp != null) {
                c.rollback(sp);
            }
            if ("42501".equals(e.getSQLState())) {
                return true;
            }
            throw e;
        } finally {
            if (sp != null && !c.isClosed()) {
                try {
                    c.releaseSavepoint(sp);
                } catch (SQLException e) {
                    // rolled back to it already
                }
            }
        }
    }

    /**
     * True when the server lets a slot use {@code plugin}: it has no {@code output_plugin_libraries}, or the setting
     * lists the plugin.
     */
    public boolean allowsPlugin(String plugin) {
        // hidden: unknown here; the server's own refusal is explained where the slot is made
        return outputPluginLibraries == null
                || PluginAllowList.allows(PluginAllowList.parse(outputPluginLibraries), plugin);
    }

    /** "16" for 160004, "9.6" for 90624. */
    public static String versionName(int num) {
        return num >= 100000 ? String.valueOf(num / 10000) : (num / 10000) + "." + (num / 100 % 100);
    }

    /** The major version, as {@link #versionName(int)}. */
    public String major() {
        return versionName(versionNum);
    }
}
