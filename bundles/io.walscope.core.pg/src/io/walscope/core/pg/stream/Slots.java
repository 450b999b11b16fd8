package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.stream.Lsn;

/** Replication slot commands and catalog look-ups. */
final class Slots {
    /** A slot as {@code pg_replication_slots} shows it. */
    record SlotState(String name, String plugin, boolean active, String activePid, long confirmedFlush,
            String database) {
    }

    /** What CREATE_REPLICATION_SLOT answered. */
    record Created(String name, long consistentPoint, String snapshotName) {
    }

    private Slots() {
    }

    static SlotState find(Connection sql, String slot) throws SQLException {
        try (PreparedStatement ps = sql.prepareStatement("SELECT plugin, active, active_pid::text,"
                + " confirmed_flush_lsn::text, database FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String cf = rs.getString(4);
                return new SlotState(slot, rs.getString(1), rs.getBoolean(2), rs.getString(3),
                        cf == null ? 0 : Lsn.parse(cf), rs.getString(5));
            }
        }
    }

    /**
     * Creates a logical slot on a replication connection. With {@code exportSnapshot} the answer names a snapshot
     * that stays usable until the next command on that connection.
     */
    static Created create(Connection replication, String slot, String plugin, boolean temporary,
            boolean exportSnapshot, int serverVersionNum) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE_REPLICATION_SLOT ").append(PgIdent.quote(slot));
        if (temporary) {
            sql.append(" TEMPORARY");
        }
        sql.append(" LOGICAL ").append(PgIdent.quote(plugin));
        if (serverVersionNum >= 100000) {
            sql.append(exportSnapshot ? " EXPORT_SNAPSHOT" : " NOEXPORT_SNAPSHOT");
        }
        try (Statement st = replication.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            return new Created(rs.getString(1), Lsn.parse(rs.getString(2)), rs.getString(3));
        }
    }

    static void drop(Connection sql, String slot) {
        try (PreparedStatement ps = sql.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            ps.setString(1, slot);
            ps.executeQuery().close();
        } catch (SQLException e) {
            // gone already, or in use until its connection closes
        }
    }

    /**
     * Whether every column type of the publication's tables has a binary converter: then pgoutput's binary mode
     * (PG 14+) is exact and saves the text output and parsing; otherwise text mode is used.
     */
    static boolean binaryConvertible(Connection sql, List<String> pubs, io.walscope.core.stream.TypeLookup types)
            throws SQLException {
        io.walscope.core.stream.Converters conv = new io.walscope.core.stream.Converters();
        conv.setTypes(types);
        try (PreparedStatement ps = sql.prepareStatement("SELECT DISTINCT a.atttypid::int, a.atttypmod"
                + " FROM pg_publication_tables p JOIN pg_class c ON c.relname = p.tablename"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = p.schemaname"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " WHERE p.pubname = ANY (?)")) {
            ps.setArray(1, sql.createArrayOf("text", pubs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                boolean any = false;
                while (rs.next()) {
                    any = true;
                    if (!conv.forOid(rs.getInt(1), rs.getInt(2)).supportsBinary()) {
                        return false;
                    }
                }
                return any;
            }
        }
    }

    /** Those of {@code pubs} that exist, in the given order. */
    static List<String> existingPublications(Connection sql, List<String> pubs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = sql.prepareStatement("SELECT pubname FROM pg_publication WHERE pubname = ANY (?)")) {
            ps.setArray(1, sql.createArrayOf("text", pubs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(pubs::indexOf));
        return out;
    }
}
