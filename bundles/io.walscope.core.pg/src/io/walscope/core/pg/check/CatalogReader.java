package io.walscope.core.pg.check;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.walscope.core.check.PublicationFacts;
import io.walscope.core.check.RoleFacts;
import io.walscope.core.check.SchemaFacts;
import io.walscope.core.check.ServerFacts;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.TableFacts;
import io.walscope.core.pg.ServerInfo;

/**
 * Reads what the checks judge with set-based catalog queries: one query per kind of fact for all chosen
 * schemas together, never one round trip per table (5,000 tables are one query). Version differences
 * (9.6 to 17) are in the SQL text, chosen by {@code server_version_num}.
 */
public final class CatalogReader {
    private final Connection c;

    public CatalogReader(Connection c) {
        this.c = c;
    }

    public ServerFacts server() throws SQLException {
        String sql = "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
                + " w.setting, w.pending_restart, s.setting::int, s.pending_restart, x.setting::int, x.pending_restart,"
                + " (SELECT count(*)::int FROM pg_catalog.pg_replication_slots), current_database(),"
                + " (SELECT o.setting FROM pg_catalog.pg_settings o WHERE o.name = 'output_plugin_libraries'),"
                + " (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)"
                + " FROM pg_catalog.pg_settings w, pg_catalog.pg_settings s, pg_catalog.pg_settings x"
                + " WHERE w.name = 'wal_level' AND s.name = 'max_replication_slots' AND x.name = 'max_wal_senders'";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new ServerFacts(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4), rs.getInt(5),
                    rs.getBoolean(6), rs.getInt(7), rs.getBoolean(8), rs.getInt(9), rs.getString(10), rs.getString(11),
                    ServerInfo.allowListHidden(c, rs.getString(11), rs.getBoolean(12)));
        }
    }

    public RoleFacts role() throws SQLException {
        String sql = "SELECT r.rolname, r.rolsuper, r.rolreplication,"
                + " ARRAY(SELECT g.rolname::text FROM pg_catalog.pg_roles g WHERE g.rolreplication AND g.oid <> r.oid"
                + "   AND pg_has_role(r.oid, g.oid, 'MEMBER') ORDER BY 1),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_roles g WHERE g.rolname = 'rds_replication'"
                + "   AND pg_has_role(r.oid, g.oid, 'MEMBER')),"
                + " has_database_privilege(current_database(), 'CREATE')"
                + " FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new RoleFacts(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), strings(rs.getArray(4)),
                    rs.getBoolean(5), rs.getBoolean(6));
        }
    }

    public List<SchemaFacts> schemas(List<String> names) throws SQLException {
        String sql = "SELECT s.name, n.oid IS NOT NULL,"
                + " CASE WHEN n.oid IS NULL THEN false ELSE has_schema_privilege(n.oid, 'USAGE') END"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS s(name, ord)"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s.name ORDER BY s.ord";
        List<SchemaFacts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SchemaFacts(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)));
                }
            }
        }
        return out;
    }

    /** Every table and partitioned table of the schemas, with keys, identity, grants, TOAST columns, publications. */
    public List<TableFacts> tables(List<String> schemas, int versionNum) throws SQLException {
        String pubs;
        if (versionNum < 100000) {
            pubs = "ARRAY[]::text[]";
        } else {
            pubs = "ARRAY(SELECT pb.pubname::text FROM pg_catalog.pg_publication pb WHERE pb.puballtables"
                    + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_publication_rel pr WHERE pr.prpubid = pb.oid"
                    + "   AND (pr.prrelid = c.oid OR pr.prrelid IN (SELECT i.inhparent FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)))"
                    + (versionNum >= 150000 ? " OR EXISTS (SELECT 1 FROM pg_catalog.pg_publication_namespace pn"
                            + "   WHERE pn.pnpubid = pb.oid AND pn.pnnspid = c.relnamespace)" : "")
                    + " ORDER BY 1)";
        }
        String sql = "SELECT n.nspname, c.relname, c.relkind::text,"
                + " (SELECT pn.nspname || '.' || p.relname FROM pg_catalog.pg_inherits i"
                + "   JOIN pg_catalog.pg_class p ON p.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
                + "   WHERE i.inhrelid = c.oid AND p.relkind = 'p' LIMIT 1),"
                + " c.relreplident::text,"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary),"
                + " (SELECT ic.relname::text FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + "   WHERE i.indrelid = c.oid AND i.indisreplident LIMIT 1),"
                + " has_table_privilege(c.oid, 'SELECT'), pg_has_role(c.relowner, 'USAGE'),"
                + " ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
                + "   AND NOT a.attisdropped AND a.attstorage IN ('x', 'e') ORDER BY a.attnum),"
                + " CASE WHEN c.relkind = 'p' THEN (SELECT count(*)::int FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid) ELSE 0 END,"
                + " " + pubs + ", " + generated(versionNum, "s") + ", " + generated(versionNum, "v")
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ANY(?::text[]) AND c.relkind IN ('r', 'p')"
                + " ORDER BY array_position(?::text[], n.nspname::text), c.relname";
        List<TableFacts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array arr = c.createArrayOf("text", schemas.toArray());
            ps.setArray(1, arr);
            ps.setArray(2, arr);
            ps.setFetchSize(0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableFacts(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0), rs.getString(4),
                            rs.getString(5).charAt(0), rs.getBoolean(6), rs.getString(7), rs.getBoolean(8),
                            rs.getBoolean(9), strings(rs.getArray(10)), rs.getInt(11), Set.copyOf(strings(rs.getArray(12))),
                            strings(rs.getArray(13)), strings(rs.getArray(14))));
                }
            }
        }
        return out;
    }

    /** The table's generated columns of one kind ({@code s} stored, PG 12+; {@code v} virtual, PG 18+). */
    private static String generated(int versionNum, String kind) {
        if (versionNum < (kind.equals("v") ? 180000 : 120000)) {
            return "ARRAY[]::text[]";
        }
        return "ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
                + " AND NOT a.attisdropped AND a.attgenerated = '" + kind + "' ORDER BY a.attnum)";
    }

    /** The publications of the database (PG 10+), by name. */
    public Map<String, PublicationFacts> publications(int versionNum) throws SQLException {
        Map<String, PublicationFacts> out = new LinkedHashMap<>();
        if (versionNum < 100000) {
            return out;
        }
        String sql = "SELECT pubname, puballtables, " + (versionNum >= 130000 ? "pubviaroot" : "false")
                + ", pg_has_role(pubowner, 'USAGE'), " + (versionNum >= 180000 ? "pubgencols = 's'" : "false")
                + " FROM pg_catalog.pg_publication ORDER BY pubname";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), new PublicationFacts(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getBoolean(5)));
            }
        }
        return out;
    }

    /** Every replication slot of the server, with retained WAL and what the version adds. */
    public List<SlotInfo> slots(int versionNum) throws SQLException {
        String current = versionNum >= 100000
                ? "CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_insert_lsn() END"
                : "CASE WHEN pg_is_in_recovery() THEN pg_last_xlog_receive_location() ELSE pg_current_xlog_insert_location() END";
        String diff = versionNum >= 100000 ? "pg_wal_lsn_diff" : "pg_xlog_location_diff";
        String sql = "SELECT slot_name::text, plugin::text, slot_type, database::text, "
                + (versionNum >= 100000 ? "temporary" : "false") + ", active, active_pid,"
                + " restart_lsn::text, confirmed_flush_lsn::text,"
                + " CASE WHEN restart_lsn IS NULL THEN NULL ELSE " + diff + "(" + current + ", restart_lsn)::bigint END,"
                + (versionNum >= 130000 ? " wal_status, safe_wal_size," : " NULL::text, NULL::bigint,")
                + (versionNum >= 170000 ? " inactive_since::text" : " NULL::text")
                + " FROM pg_catalog.pg_replication_slots ORDER BY slot_name";
        List<SlotInfo> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new SlotInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getBoolean(6), (Integer) rs.getObject(7), rs.getString(8), rs.getString(9),
                        (Long) rs.getObject(10), rs.getString(11), (Long) rs.getObject(12), rs.getString(13)));
            }
        }
        return out;
    }

    /** The client address the server sees ({@code null} on a Unix socket) and the password method for pg_hba. */
    public String[] clientAddressAndMethod(int versionNum) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT host(inet_client_addr()), current_setting('password_encryption')")) {
            rs.next();
            String method = versionNum >= 100000 && "scram-sha-256".equals(rs.getString(2)) ? "scram-sha-256" : "md5";
            return new String[] {rs.getString(1), method};
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        Object[] v = (Object[]) a.getArray();
        List<String> out = new ArrayList<>(v.length);
        for (Object o : v) {
            out.add((String) o);
        }
        return out;
    }
}
