package io.walscope.core.pg.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.WalscopeException;
import io.walscope.core.clickhouse.ChTable;
import io.walscope.core.clickhouse.ChTables;
import io.walscope.core.pg.PgErrors;

/**
 * Tables for the ClickHouse writer, read from the catalog with the same mappings and DDL as
 * {@code walscope types --ddl clickhouse} ({@link CatalogReader}, {@link ClickHouseDdl}); unchanged TOASTed values
 * read by primary key, as text, over the same connection (one prepared statement per table and column set).
 */
public final class ClickHouseTables implements ChTables {
    private final Connection connection;
    private final CatalogReader reader;
    private final Map<String, CatalogTable> read = new HashMap<>();
    private final Map<String, PreparedStatement> lookups = new HashMap<>();

    /** Tables read over {@code connection} (the caller closes it). */
    public ClickHouseTables(Connection connection) throws WalscopeException {
        this.connection = connection;
        this.reader = new CatalogReader(connection);
    }

    @Override
    public ChTable table(String schema, String table) throws WalscopeException {
        List<CatalogTable> t = reader.read(List.of(schema), List.of(new TableName(schema, table)));
        if (t.isEmpty()) {
            return null;
        }
        CatalogTable ct = t.get(0);
        read.put(schema + '\0' + table, ct);
        List<ChTable.Column> cols = new ArrayList<>();
        for (CatalogColumn c : ct.columns()) {
            cols.add(new ChTable.Column(c.name(), c.mapping()));
        }
        return new ChTable(schema, table, cols, ct.primaryKey().stream().map(CatalogColumn::name).toList(),
                ClickHouseDdl.of(ct));
    }

    @Override
    public Map<String, String> current(String schema, String table, List<String> keyColumns, List<String> keyValues,
            List<String> columns) throws WalscopeException {
        CatalogTable ct = read.get(schema + '\0' + table);
        if (ct == null) {
            return null;
        }
        String k = schema + '\0' + table + '\0' + String.join("\0", columns);
        try {
            PreparedStatement st = lookups.get(k);
            if (st == null) {
                StringBuilder sql = new StringBuilder("SELECT ");
                for (int i = 0; i < columns.size(); i++) {
                    // the type's output function, as the stream's text (::text would drop char(n)'s padding and add
                    // inet's mask), and never pgjdbc's own formatting of a binary value
                    String q = TableName.quote(columns.get(i));
                    sql.append(i == 0 ? "" : ", ").append("CASE WHEN ").append(q).append(" IS NULL THEN NULL ELSE concat(")
                            .append(q).append(") END");
                }
                sql.append(" FROM ").append(TableName.quote(schema)).append('.').append(TableName.quote(table))
                        .append(" WHERE ");
                for (int i = 0; i < keyColumns.size(); i++) {
                    CatalogColumn c = ct.column(keyColumns.get(i));
                    sql.append(i == 0 ? "" : " AND ").append(TableName.quote(keyColumns.get(i))).append(" = CAST(? AS ")
                            .append(c.pgType()).append(')');
                }
                st = connection.prepareStatement(sql.toString());
                lookups.put(k, st);
            }
            for (int i = 0; i < keyValues.size(); i++) {
                st.setString(i + 1, keyValues.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    m.put(columns.get(i), rs.getString(i + 1));
                }
                return m;
            }
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the unchanged TOASTed values of " + schema + "." + table
                    + " for ClickHouse: " + PgErrors.explainSql(e), e);
        }
    }
}
