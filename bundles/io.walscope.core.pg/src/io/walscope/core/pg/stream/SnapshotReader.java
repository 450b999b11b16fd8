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
                ? "SELECT DISTINCT schemaname, tablename FROM pg_publication_tables WHERE pubname = ANY (?) ORDER BY 1, 2"
                : "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
                        + " AND c.relpersistence = 'p' ORDER BY 1, 2";
        try (PreparedStatement ps = sql.prepareStatement(q)) {
            if (o.plugin == Plugin.PGOUTPUT) {
                ps.setArray(1, sql.createArrayOf("text", o.publications.toArray()));
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
            List<String> names = new ArrayList<>();
            for (String[] t : tables) {
                names.add(t[0] + "." + t[1]);
            }
            gate.snapshotStart(xid(st), names);
            for (String[] t : tables) {
                readTable(t[0], t[1], lsn, gate);
            }
            gate.snapshotEnd();
            sql.commit();
        } catch (Exception e) {
            sql.rollback();
            throw e;
        } finally {
            sql.setAutoCommit(ac);
        }
    }

    /**
     * The id of the reading transaction (Debezium's snapshot records carry theirs; 0 on a standby, which cannot
     * assign one), or -1.
     */
    private static long xid(Statement st) {
        try (ResultSet rs = st.executeQuery("SELECT CASE WHEN pg_is_in_recovery() THEN 0 ELSE txid_current() END")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private void readTable(String schema, String table, long lsn, Gate gate) throws Exception {
        TableRows t = TableRows.load(sql, converters, schema, table);
        int[] keyIdx = t.indexes(keys.keyColumns(schema, table));
        TextTuple row = new TextTuple();
        TextTuple key = new TextTuple();
        ChangeEvent e = new ChangeEvent();
        try (Statement st = sql.createStatement()) {
            st.setFetchSize(2000);
            try (ResultSet rs = st.executeQuery("SELECT " + t.selectList() + " FROM " + t.rel)) {
                while (rs.next()) {
                    t.fill(rs, row);
                    Tuple k = keyIdx == null ? null : t.fillKey(rs, keyIdx, key);
                    gate.read(e.row(Op.READ, lsn, null, schema, table, k, null, row));
                }
            }
        }
    }
}
