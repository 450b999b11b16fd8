package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.stream.KeyColumns;

/**
 * Key columns from the catalog: the primary key, else the replica identity index. One query per table; a found key
 * is kept, a table without one (or not found, or a failed query) is asked again after {@link #RETRY_NANOS}, so a
 * table created or given a key later is not keyless for good.
 */
final class KeyResolver implements KeyColumns {
    private static final String SQL = "SELECT i.indisprimary, a.attname FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)"
            + " WHERE n.nspname = ? AND c.relname = ? AND (i.indisprimary OR i.indisreplident)"
            + " ORDER BY i.indisprimary DESC, i.indexrelid, array_position(i.indkey::int2[], a.attnum)";
    private final Connection sql;
    static final long RETRY_NANOS = 5_000_000_000L;
    private final Map<String, List<String>> cache = new HashMap<>();
    private final Map<String, Long> missedAt = new HashMap<>();

    KeyResolver(Connection sql) {
        this.sql = sql;
    }

    @Override
    public List<String> keyColumns(String schema, String table) {
        String k = schema + "\u0000" + table;
        List<String> known = cache.get(k);
        if (known != null) {
            return known;
        }
        Long missed = missedAt.get(k);
        if (missed != null && System.nanoTime() - missed < RETRY_NANOS) {
            return null;
        }
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = sql.prepareStatement(SQL)) {
            ps.setString(1, schema == null ? "public" : schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                Boolean first = null;
                while (rs.next()) {
                    boolean primary = rs.getBoolean(1);
                    if (first == null) {
                        first = primary;
                    } else if (first != primary) {
                        break;
                    }
                    cols.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            cols = null;
        }
        if (cols == null || cols.isEmpty()) {
            missedAt.put(k, System.nanoTime());
            return null;
        }
        List<String> r = List.copyOf(cols);
        cache.put(k, r);
        missedAt.remove(k);
        return r;
    }
}
