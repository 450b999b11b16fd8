package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.walscope.core.WalscopeException;

/** What {@code walscope info} and the status line show about a server and the login role. */
public record ServerInfo(String version, int versionNum, String walLevel, int maxReplicationSlots,
        int maxWalSenders, String currentUser, boolean superuser, boolean replication, boolean ssl,
        String sslVersion, String sslCipher) {

    /** Reads the facts in one round trip. */
    public static ServerInfo read(Connection c) throws WalscopeException {
        String sql = "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
                + " current_setting('wal_level'), current_setting('max_replication_slots')::int,"
                + " current_setting('max_wal_senders')::int, current_user, r.rolsuper, r.rolreplication"
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
                    sslVersion, cipher);
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the server's settings: " + PgErrors.explainSql(e), e);
        }
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
