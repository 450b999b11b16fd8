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

/** Key columns from the catalog: the primary key, else the replica identity index. One query per table, cached. */
final class KeyResolver implements KeyColumns {
    private static final String SQL = "SELECT i.indisprimary, a.attname FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)"
            + " WHERE n.nspname = ? AND c.relname = ? AND (i.indisprimary OR i.indisreplident)"
            + " ORDER BY i.indisprimary DESC, i.indexrelid, array_position(i.indkey::int2[], a.attnum)";
    private final Connection sql;
    private final Map<String, List<String>> cache = new HashMap<>();

    KeyResolver(Connection sql) {
        this.sql = sql;
    }

    @Override
    public List<String> keyColumns(String schema, String table) {
        String k = schema + "\u0000" + table;
        if (cache.containsKey(k)) {
            return cache.get(k);
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
        List<String> r = cols == null || cols.isEmpty() ? null : List.copyOf(cols);
        cache.put(k, r);
        return r;
    }
}
