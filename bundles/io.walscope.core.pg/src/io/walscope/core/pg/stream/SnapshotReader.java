package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Converters;
import io.walscope.core.stream.KeyColumns;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.TextTuple;
import io.walscope.core.stream.Tuple;
import io.walscope.core.types.ValueConverter;

/**
 * Reads tables as {@code read} events under a slot's exported snapshot ({@code SET TRANSACTION SNAPSHOT}), so
 * the rows are exactly those the slot's stream starts after: no gap, no overlap. Rows are fetched in batches, never
 * held all at once.
 */
final class SnapshotReader {
    private final Connection sql;
    private final Converters converters = new Converters();
    private final KeyColumns keys;

    SnapshotReader(Connection sql, KeyColumns keys) {
        this.sql = sql;
        this.keys = keys;
    }

    /** The tables to read: those named, else the publication's (pgoutput), else every ordinary table. */
    List<String[]> tables(StreamOptions o, int serverVersionNum) throws SQLException {
        List<String[]> out = new ArrayList<>();
        if (!o.tables.isEmpty()) {
            for (String t : o.tables) {
                try (PreparedStatement ps = sql.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?::regclass")) {
                    ps.setString(1, PgIdent.qualified(t));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        out.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return out;
        }
        String q = o.plugin == Plugin.PGOUTPUT
                ? "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ? ORDER BY 1, 2"
                : "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
                        + " AND c.relpersistence = 'p' ORDER BY 1, 2";
        try (PreparedStatement ps = sql.prepareStatement(q)) {
            if (o.plugin == Plugin.PGOUTPUT) {
                ps.setString(1, o.publication);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    /** Reads every table under {@code snapshot}, delivering read events at {@code lsn}. */
    void read(String snapshot, List<String[]> tables, long lsn, Gate gate) throws Exception {
        boolean ac = sql.getAutoCommit();
        sql.setAutoCommit(false);
        try (Statement st = sql.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            if (snapshot != null) {
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
            }
            for (String[] t : tables) {
                readTable(t[0], t[1], lsn, gate);
            }
            sql.commit();
        } catch (Exception e) {
            sql.rollback();
            throw e;
        } finally {
            sql.setAutoCommit(ac);
        }
    }

    private void readTable(String schema, String table, long lsn, Gate gate) throws Exception {
        String rel = PgIdent.quote(schema) + "." + PgIdent.quote(table);
        List<String> names = new ArrayList<>();
        List<ValueConverter> convs = new ArrayList<>();
        try (PreparedStatement ps = sql.prepareStatement("SELECT attname, atttypid::int, atttypmod FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            ps.setString(1, rel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    convs.add(converters.forOid(rs.getInt(2), rs.getInt(3)));
                }
            }
        }
        StringBuilder cols = new StringBuilder();
        for (String n : names) {
            cols.append(cols.length() == 0 ? "" : ", ").append(PgIdent.quote(n)).append("::text");
        }
        List<String> keyCols = keys.keyColumns(schema, table);
        int[] keyIdx = null;
        if (keyCols != null) {
            keyIdx = new int[keyCols.size()];
            for (int i = 0; i < keyIdx.length; i++) {
                keyIdx[i] = names.indexOf(keyCols.get(i));
            }
        }
        TextTuple row = new TextTuple();
        TextTuple key = new TextTuple();
        ChangeEvent e = new ChangeEvent();
        try (Statement st = sql.createStatement()) {
            st.setFetchSize(2000);
            try (ResultSet rs = st.executeQuery("SELECT " + (names.isEmpty() ? "" : cols) + " FROM " + rel)) {
                while (rs.next()) {
                    row.clear();
                    for (int i = 0; i < names.size(); i++) {
                        String v = rs.getString(i + 1);
                        row.add(names.get(i), convs.get(i), v, v == null ? Tuple.NULL : Tuple.VALUE);
                    }
                    Tuple k = null;
                    if (keyIdx != null) {
                        key.clear();
                        for (int i : keyIdx) {
                            String v = rs.getString(i + 1);
                            key.add(names.get(i), convs.get(i), v, v == null ? Tuple.NULL : Tuple.VALUE);
                        }
                        k = key;
                    }
                    gate.read(e.row(Op.READ, lsn, null, schema, table, k, null, row));
                }
            }
        }
    }
}
