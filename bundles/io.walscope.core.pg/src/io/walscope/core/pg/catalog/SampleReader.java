package io.walscope.core.pg.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.pg.PgErrors;

/**
 * Reads real values of a table: its first rows as PostgreSQL prints them, for the inspector's "sample value".
 * <p>
 * One query per table, by nature ({@code SELECT ... FROM "schema"."table" LIMIT n}, no ORDER BY: the first rows
 * in physical order, which is cheap on any table size). Optional and bounded three ways:
 * <ul>
 * <li>rows: at most {@link #MAX_ROWS} per table, whatever the caller asks;</li>
 * <li>size: a value whose stored size ({@code pg_column_size}) exceeds {@link #MAX_VALUE_BYTES} is not fetched;
 * the sample then says {@link Sample#tooLarge(int, int)};</li>
 * <li>time: each query has a {@link #TIMEOUT_SECONDS}-second timeout ({@code Statement.setQueryTimeout}).</li>
 * </ul>
 * The values are read through a plain {@code Statement} with {@code getString}: pgjdbc asks for the text format
 * of a statement executed once, so the text is the type's output function's, as pgoutput, test_decoding and
 * wal2json send it. A table the role may not read gives a sample with an error, not an exception.
 */
public final class SampleReader {
    /** The most rows read per table. */
    public static final int MAX_ROWS = 20;
    /** The largest stored value (bytes, as {@code pg_column_size} counts) that is fetched. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    /** The query timeout per table. */
    public static final int TIMEOUT_SECONDS = 10;

    private SampleReader() {
    }

    /**
     * What was read of one table.
     *
     * @param rows each row's values in column order, PostgreSQL text, null for SQL NULL (or a value too large)
     * @param large per row and column, whether the value was too large to fetch
     * @param error why nothing could be read (e.g. no SELECT privilege), else null
     */
    public record Sample(List<String[]> rows, List<boolean[]> large, String error) {
        /** Whether the value at {@code row}, {@code column} was left out for its size. */
        public boolean tooLarge(int row, int column) {
            return large.get(row)[column];
        }

        /** The first row's value of {@code column} that is not NULL, or null if none is. */
        public String firstNonNull(int column) {
            for (String[] r : rows) {
                if (r[column] != null) {
                    return r[column];
                }
            }
            return null;
        }
    }

    /** Reads up to {@code rows} rows ({@code 0} reads nothing) of {@code table}. */
    public static Sample read(Connection c, CatalogTable table, int rows) {
        int n = Math.max(0, Math.min(rows, MAX_ROWS));
        List<CatalogColumn> cols = table.columns();
        if (n == 0 || cols.isEmpty()) {
            return new Sample(List.of(), List.of(), null);
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            String q = TableName.quote(cols.get(i).name());
            sql.append(i == 0 ? "" : ", ").append("CASE WHEN pg_column_size(").append(q).append(") <= ")
                    .append(MAX_VALUE_BYTES).append(" THEN ").append(q).append(" END, pg_column_size(").append(q)
                    .append(") > ").append(MAX_VALUE_BYTES);
        }
        sql.append(" FROM ").append(TableName.quote(table.schema())).append('.').append(TableName.quote(table.name()))
                .append(" LIMIT ").append(n);
        List<String[]> values = new ArrayList<>();
        List<boolean[]> large = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                while (rs.next()) {
                    String[] v = new String[cols.size()];
                    boolean[] l = new boolean[cols.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rs.getString(2 * i + 1);
                        l[i] = rs.getBoolean(2 * i + 2);
                    }
                    values.add(v);
                    large.add(l);
                }
            }
            return new Sample(values, large, null);
        } catch (SQLException e) {
            return new Sample(List.of(), List.of(), PgErrors.explainSql(e));
        }
    }
}
