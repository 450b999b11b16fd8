package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.WalscopeException;
import io.walscope.core.profile.ConnectionProfile;

/**
 * Chooses and checks the tables {@link TimestampPoller} polls: the named ones, else every table of the schemas that
 * has the column. Each must have the column (a timestamp) and a primary key; otherwise one sentence names the fix.
 */
final class PollTables {
    private static final String REL = "SELECT n.nspname, c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = CAST(? AS regclass)";
    private static final String PK = "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            + " AND a.attnum = ANY (i.indkey) WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary"
            + " ORDER BY array_position(i.indkey::int2[], a.attnum)";
    private final Connection sql;
    private final PollOptions o;
    private final ConnectionProfile profile;

    PollTables(Connection sql, PollOptions o, ConnectionProfile profile) {
        this.sql = sql;
        this.o = o;
        this.profile = profile;
    }

    /** {schema, table} of each table to poll, checked for the column. */
    List<String[]> tables() throws SQLException, WalscopeException {
        List<String[]> out = new ArrayList<>();
        if (!o.tables.isEmpty()) {
            for (String t : o.tables) {
                String q = t.contains(".") || t.contains("\"") ? PgIdent.qualified(t)
                        : PgIdent.quote(profile.primarySchema()) + "." + PgIdent.quote(t);
                try (PreparedStatement ps = sql.prepareStatement(REL)) {
                    ps.setString(1, q);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        out.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                } catch (SQLException e) {
                    if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                        throw new WalscopeException("Table " + t + " does not exist (or is not visible to "
                                + profile.getUser() + "): name it as SCHEMA.TABLE.");
                    }
                    throw e;
                }
            }
            for (String[] t : out) {
                if (!hasColumn(t)) {
                    String name = t[0] + "." + t[1];
                    throw new WalscopeException("Table " + name + " has no " + o.column + " column to poll: add it"
                            + " and its trigger with `walscope script last-update --table " + name + "`.");
                }
            }
            return out;
        }
        List<String> schemas = o.schemas != null ? o.schemas : profile.getSchemas();
        // partitions are read through their root (relispartition: PG 10+)
        try (PreparedStatement ps = sql.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
                + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?) AND a.attname = ? AND NOT a.attisdropped"
                + (sql.getMetaData().getDatabaseMajorVersion() >= 10 ? " AND NOT c.relispartition" : "")
                + " ORDER BY 1, 2")) {
            ps.setArray(1, sql.createArrayOf("text", schemas.toArray()));
            ps.setString(2, o.column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (out.isEmpty()) {
            String s = schemas.isEmpty() ? "public" : schemas.get(0);
            throw new WalscopeException("No table in schema " + String.join(", ", schemas) + " has a " + o.column
                    + " column to poll: add it with `walscope script last-update --schema " + s
                    + "`, or name tables with --table.");
        }
        return out;
    }

    private boolean hasColumn(String[] t) throws SQLException {
        try (PreparedStatement ps = sql.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = CAST(? AS"
                + " regclass) AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, PgIdent.quote(t[0]) + "." + PgIdent.quote(t[1]));
            ps.setString(2, o.column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The index of the timestamp column in {@code rows}, checked to be a timestamp. */
    int columnIndex(TableRows rows) throws WalscopeException {
        int i = rows.names.indexOf(o.column);
        String type = rows.types.get(i);
        if (!type.startsWith("timestamp")) {
            throw new WalscopeException("Column " + o.column + " of " + rows.schema + "." + rows.table + " is " + type
                    + ": timestamp polling needs a timestamptz (or timestamp) column such as the one"
                    + " `walscope script last-update` adds.");
        }
        return i;
    }

    /** The positions of the primary key's columns in {@code rows}; a table without one cannot be polled. */
    int[] checkedKey(TableRows rows) throws SQLException, WalscopeException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = sql.prepareStatement(PK)) {
            ps.setString(1, rows.rel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        if (cols.isEmpty()) {
            throw new WalscopeException("Table " + rows.schema + "." + rows.table + " has no primary key: timestamp"
                    + " polling orders rows by (" + o.column + ", key) and needs one (ctid is not stable); add a"
                    + " primary key, or use logical decoding.");
        }
        return rows.indexes(cols);
    }
}
