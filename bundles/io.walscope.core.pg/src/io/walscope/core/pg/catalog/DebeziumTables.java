package io.walscope.core.pg.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.WalscopeException;
import io.walscope.core.debezium.ColumnShape;
import io.walscope.core.debezium.TableShape;
import io.walscope.core.debezium.TableShapes;
import io.walscope.core.pg.PgErrors;

/**
 * Table shapes for the Debezium writer, read from the catalog the way Debezium's PostgreSQL connector reads them
 * through JDBC metadata: the columns with their types ({@link CatalogReader}), NOT NULL, defaults as
 * {@code pg_get_expr} prints them in this session, generated columns, and the key: the primary key, else the
 * first unique index by name whose columns are all plain columns. Three queries per table, when the table is first
 * seen and when its columns change.
 */
public final class DebeziumTables implements TableShapes {
    private static final String EXTRAS = "SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), %s"
            + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped";
    private static final String UNIQUE = "SELECT array_agg(a.attname::text ORDER BY k.n)"
            + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            + " CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(att, n)"
            + " LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.att"
            + " WHERE x.indrelid = ?::regclass AND x.indisunique AND NOT x.indisprimary"
            + " AND k.n <= x.indnkeyatts"
            + " GROUP BY i.relname HAVING bool_and(k.att <> 0) ORDER BY i.relname COLLATE \"C\" LIMIT 1";

    private final Connection connection;
    private final CatalogReader reader;
    private final int major;

    /** Shapes read over {@code connection} (the caller closes it). */
    public DebeziumTables(Connection connection) throws WalscopeException {
        this.connection = connection;
        this.reader = new CatalogReader(connection);
        try {
            this.major = connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the server version: " + PgErrors.explainSql(e), e);
        }
    }

    @Override
    public TableShape shape(String schema, String table) throws WalscopeException {
        List<CatalogTable> t = reader.read(List.of(schema), List.of(new TableName(schema, table)));
        if (t.isEmpty()) {
            return null;
        }
        CatalogTable ct = t.get(0);
        String rel = TableName.quote(schema) + "." + TableName.quote(table);
        try {
            Map<String, String> defaults = new HashMap<>();
            Map<String, Boolean> generated = new HashMap<>();
            String gen = major >= 12 ? "a.attgenerated <> ''" : "false";
            try (PreparedStatement ps = connection.prepareStatement(String.format(EXTRAS, gen))) {
                ps.setString(1, rel);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        defaults.put(rs.getString(1), rs.getString(2));
                        generated.put(rs.getString(1), rs.getBoolean(3));
                    }
                }
            }
            List<ColumnShape> cols = new ArrayList<>();
            for (CatalogColumn c : ct.columns()) {
                boolean g = Boolean.TRUE.equals(generated.get(c.name()));
                cols.add(new ColumnShape(c.name(), c.type(), c.type().nullable(), g ? null : defaults.get(c.name()),
                        g));
            }
            List<String> key = new ArrayList<>();
            for (CatalogColumn c : ct.primaryKey()) {
                key.add(c.name());
            }
            if (key.isEmpty()) {
                key.addAll(uniqueIndex(rel));
            }
            return new TableShape(schema, table, cols, key);
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the columns of " + rel + ": " + PgErrors.explainSql(e), e);
        }
    }

    private List<String> uniqueIndex(String rel) throws SQLException {
        String sql = major >= 11 ? UNIQUE : UNIQUE.replace(" AND k.n <= x.indnkeyatts", "");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, rel);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Array a = rs.getArray(1);
                    return List.of((String[]) a.getArray());
                }
            }
        }
        return List.of();
    }
}
