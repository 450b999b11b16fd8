package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.stream.Converters;
import io.walscope.core.stream.TextTuple;
import io.walscope.core.stream.Tuple;
import io.walscope.core.types.ValueConverter;

/**
 * A table's columns as the readers that SELECT rows (the snapshot reader, the timestamp poller) need them: names,
 * SQL types and the type catalog's converters, the {@code col::text} select list, and the filling of reused
 * {@link TextTuple}s from a result set, so their rows carry the same canonical values as the decoders'.
 */
final class TableRows {
    final String schema;
    final String table;
    /** The quoted {@code schema.table}. */
    final String rel;
    final List<String> names = new ArrayList<>();
    /** {@code format_type} of each column, for casts of parameters. */
    final List<String> types = new ArrayList<>();
    private final List<Integer> oids = new ArrayList<>();
    private final List<ValueConverter> convs = new ArrayList<>();

    private TableRows(String schema, String table) {
        this.schema = schema;
        this.table = table;
        this.rel = PgIdent.quote(schema) + "." + PgIdent.quote(table);
    }

    /** Reads the columns of {@code schema.table} from the catalog. */
    static TableRows load(Connection sql, Converters converters, String schema, String table) throws SQLException {
        TableRows t = new TableRows(schema, table);
        try (PreparedStatement ps = sql.prepareStatement("SELECT attname, atttypid::int, atttypmod,"
                + " format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            ps.setString(1, t.rel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    t.names.add(rs.getString(1));
                    t.convs.add(converters.forOid(rs.getInt(2), rs.getInt(3)));
                    t.oids.add(rs.getInt(2));
                    t.types.add(rs.getString(4));
                }
            }
        }
        return t;
    }

    /**
     * {@code "a"::text, "b"::text, ...}: every column as its output function prints it, as the plugins send it
     * (empty for no columns). Two casts to text differ from the output function and are avoided: character(n)'s
     * drops the padding, inet's adds a /32 or /128 netmask.
     */
    String selectList() {
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String q = PgIdent.quote(names.get(i));
            cols.append(cols.length() == 0 ? "" : ", ");
            switch (oids.get(i)) {
            case 1042: // bpchar
                cols.append("textin(bpcharout(").append(q).append("))");
                break;
            case 869: // inet
                cols.append("abbrev(").append(q).append(')');
                break;
            default:
                cols.append(q).append("::text");
            }
        }
        return cols.toString();
    }

    /** The positions of {@code columns} in {@link #names}, or null when {@code columns} is null. */
    int[] indexes(List<String> columns) {
        if (columns == null) {
            return null;
        }
        int[] idx = new int[columns.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = names.indexOf(columns.get(i));
        }
        return idx;
    }

    /** Fills {@code row} with every column of the current row of a {@link #selectList()} query. */
    void fill(ResultSet rs, TextTuple row) throws SQLException {
        row.clear();
        for (int i = 0; i < names.size(); i++) {
            add(row, i, rs.getString(i + 1));
        }
    }

    /** Fills {@code key} with the columns at {@code idx} of the current row; returns it. */
    Tuple fillKey(ResultSet rs, int[] idx, TextTuple key) throws SQLException {
        key.clear();
        for (int i : idx) {
            add(key, i, rs.getString(i + 1));
        }
        return key;
    }

    private void add(TextTuple t, int i, String v) {
        t.add(names.get(i), convs.get(i), v, v == null ? Tuple.NULL : Tuple.VALUE);
    }
}
