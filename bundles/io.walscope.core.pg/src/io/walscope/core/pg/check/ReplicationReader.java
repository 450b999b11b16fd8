package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.check.ManagedFacts;
import io.walscope.core.check.ReplicationFacts;
import io.walscope.core.check.SlotHa;
import io.walscope.core.check.StandbyInfo;

/**
 * Reads the facts of replicated architectures, one set-based query per kind (as {@link CatalogReader}): the server's
 * place (recovery, WAL receiver, standby settings), its standbys ({@code pg_stat_replication}), its slots as failover
 * sees them, and the marks of managed services. Version differences (9.6 to 18) are in the SQL text.
 */
public final class ReplicationReader {
    private final Connection c;

    public ReplicationReader(Connection c) {
        this.c = c;
    }

    public ReplicationFacts replication(int v) throws SQLException {
        String sql = "SELECT pg_is_in_recovery(), current_setting('port')::int, current_setting('hot_standby_feedback'),"
                + " " + setting("primary_slot_name") + ", " + setting("primary_conninfo") + ","
                + " " + setting("sync_replication_slots") + ", " + setting("synchronized_standby_slots") + ","
                + " " + setting("shared_preload_libraries") + ", w.status,"
                + (v >= 110000 ? " w.sender_host, w.sender_port," : " NULL::text, NULL::int,")
                + " w.slot_name::text, w.conninfo"
                + " FROM (SELECT 1) one LEFT JOIN pg_catalog.pg_stat_wal_receiver w ON w.pid IS NOT NULL";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String host = rs.getString(10);
            Integer port = (Integer) rs.getObject(11);
            String conninfo = rs.getString(13);
            if (host == null && conninfo != null) {
                host = conninfoValue(conninfo, "host");
                String p = conninfoValue(conninfo, "port");
                port = p == null || !p.matches("\\d+") ? null : Integer.valueOf(p);
            }
            String sync = rs.getString(6);
            return new ReplicationFacts(v, rs.getBoolean(1), rs.getInt(2), host, port, rs.getString(9), rs.getString(12),
                    "on".equals(rs.getString(3)), rs.getString(4), rs.getString(5), sync == null ? null : "on".equals(sync),
                    rs.getString(7), rs.getString(8));
        }
    }

    /** The standbys streaming from this server (physical walsenders; logical ones and base backups left out). */
    public List<StandbyInfo> standbys(int v) throws SQLException {
        String diff = v >= 100000 ? "pg_wal_lsn_diff" : "pg_xlog_location_diff";
        String here = v >= 100000
                ? "CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END"
                : "CASE WHEN pg_is_in_recovery() THEN pg_last_xlog_replay_location() ELSE pg_current_xlog_location() END";
        String sql = "SELECT r.application_name, host(r.client_addr), r.state, r.sync_state, s.slot_name::text,"
                + " " + diff + "(" + here + ", " + (v >= 100000 ? "r.replay_lsn" : "r.replay_location") + ")::bigint,"
                + (v >= 100000 ? " extract(epoch FROM r.replay_lag)::float8" : " NULL::float8")
                + " FROM pg_catalog.pg_stat_replication r"
                + " LEFT JOIN pg_catalog.pg_replication_slots s ON s.active_pid = r.pid AND s.slot_type = 'physical'"
                + " WHERE r.state IS DISTINCT FROM 'backup' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_replication_slots l"
                + "   WHERE l.active_pid = r.pid AND l.slot_type = 'logical')"
                + " ORDER BY r.application_name, r.pid";
        List<StandbyInfo> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new StandbyInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6), (Double) rs.getObject(7)));
            }
        }
        return out;
    }

    /** Every slot with what failover and standby decoding need: failover, synced (17+), invalidation (16+). */
    public List<SlotHa> slots(int v) throws SQLException {
        String invalid = v >= 170000 ? "invalidation_reason"
                : v >= 160000 ? "CASE WHEN conflicting THEN 'conflicting' END" : "NULL::text";
        String sql = "SELECT slot_name::text, slot_type, database::text, " + (v >= 100000 ? "temporary" : "false")
                + ", active, " + (v >= 170000 ? "failover, synced" : "false, false") + ", " + invalid
                + " FROM pg_catalog.pg_replication_slots ORDER BY slot_name";
        List<SlotHa> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new SlotHa(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getString(8)));
            }
        }
        return out;
    }

    /** The settings and roles managed services expose. */
    public ManagedFacts managed() throws SQLException {
        String sql = "SELECT " + setting("rds.logical_replication") + ","
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_proc WHERE proname = 'aurora_version'),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'rds_superuser'),"
                + " " + setting("cloudsql.logical_decoding") + ","
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'cloudsqlsuperuser'),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_settings WHERE name LIKE 'azure.%')"
                + "   OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'azure_pg_admin'),"
                + " current_setting('wal_level')";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new ManagedFacts(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4), rs.getBoolean(5),
                    rs.getBoolean(6), rs.getString(7));
        }
    }

    /** "primary with 1 standby: ..." or "standby of host:port (...)", for info and the Connections view. */
    public static String describeRole(Connection c, int versionNum) throws SQLException {
        ReplicationReader r = new ReplicationReader(c);
        return io.walscope.core.check.StandbyRules.describeRole(r.replication(versionNum), r.standbys(versionNum));
    }

    private static String setting(String name) {
        return "(SELECT s.setting FROM pg_catalog.pg_settings s WHERE s.name = '" + name + "')";
    }

    /** A keyword's value in a libpq conninfo string ({@code host=a port=5432}); quotes are not expected here. */
    static String conninfoValue(String conninfo, String key) {
        for (String part : conninfo.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(key)) {
                String val = part.substring(eq + 1);
                return val.isEmpty() ? null : val.replace("'", "");
            }
        }
        return null;
    }
}
