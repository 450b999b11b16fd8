package io.walscope.core.pg.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.SlotHealthReport;
import io.walscope.core.check.SlotHealthRules;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.SlotSample;
import io.walscope.core.check.SlotStats;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.stream.Lsn;

/**
 * Reads a {@link SlotSample}: the WAL position and settings, every slot with its xmins and decoding statistics, the
 * rows each database wrote, the open and prepared transactions that hold logical slots back, and the standbys'
 * feedback. One set-based query per kind; every query runs on PostgreSQL 9.6 to 18, and what a version lacks is null.
 * A role without {@code pg_read_all_stats} (or superuser) sees no other role's transactions: they are then not blamed.
 */
public final class SlotHealthReader {
    private final Connection c;

    public SlotHealthReader(Connection c) {
        this.c = c;
    }

    /**
     * Two readings {@code window} apart, judged: what {@code walscope slots} shows.
     *
     * @param oldAfter open transactions younger than this are not blamed for a slot that does not advance
     */
    public static SlotHealthReport measure(Connection c, Duration window, Duration oldAfter) throws WalscopeException {
        SlotHealthReader r = new SlotHealthReader(c);
        try {
            SlotSample a = r.sample();
            try {
                TimeUnit.NANOSECONDS.sleep(window.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WalscopeException("Interrupted while measuring the slots.", e);
            }
            SlotSample b = r.sample();
            return new SlotHealthReport(a, b, SlotHealthRules.assess(a, b, oldAfter));
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the replication slots: " + PgErrors.explainSql(e), e);
        }
    }

    /** One reading over a connection of its own (for callers that hold no connection, like the Slots view). */
    public static SlotSample sample(ConnectionProfile p, Secrets s) throws WalscopeException {
        try (Connection c = new PgConnector().connect(p, s)) {
            return new SlotHealthReader(c).sample();
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the replication slots of " + p.describe() + ": "
                    + PgErrors.explainSql(e), e);
        }
    }

    /** One reading, now. */
    public SlotSample sample() throws SQLException {
        long nanos = System.nanoTime();
        int v;
        boolean recovery;
        long wal;
        long nextXid;
        Long keep;
        Long idle;
        String dataDir;
        String database;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(serverSql(versionNum()))) {
            rs.next();
            v = rs.getInt(1);
            recovery = rs.getBoolean(2);
            wal = rs.getString(3) == null ? 0 : Lsn.parse(rs.getString(3));
            nextXid = rs.getLong(4);
            keep = (Long) rs.getObject(5);
            dataDir = rs.getString(6);
            idle = (Long) rs.getObject(7);
            database = rs.getString(8);
        }
        List<SlotInfo> slots = new CatalogReader(c).slots(v);
        return new SlotSample(nanos, System.currentTimeMillis(), v, recovery, wal, nextXid, keep, idle, freeBytes(dataDir), database,
                slots, extra(v), writes(), blockers(v), feedback(), sessionXminAge(v));
    }

    private int cachedVersion;

    private int versionNum() throws SQLException {
        if (cachedVersion == 0) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
                rs.next();
                cachedVersion = rs.getInt(1);
            }
        }
        return cachedVersion;
    }

    static String serverSql(int v) {
        String current = v >= 100000
                ? "CASE WHEN pg_is_in_recovery() THEN COALESCE(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) ELSE pg_current_wal_insert_lsn() END::text"
                : "CASE WHEN pg_is_in_recovery() THEN COALESCE(pg_last_xlog_receive_location(), pg_last_xlog_replay_location()) ELSE pg_current_xlog_insert_location() END::text";
        return "SELECT current_setting('server_version_num')::int, pg_is_in_recovery(), " + current + ","
                + " txid_snapshot_xmax(txid_current_snapshot()),"
                + " (SELECT CASE WHEN k.setting::bigint < 0 THEN -1 ELSE k.setting::bigint * 1048576 END"
                + "   FROM pg_catalog.pg_settings k WHERE k.name = 'max_slot_wal_keep_size'),"
                + " (SELECT d.setting FROM pg_catalog.pg_settings d WHERE d.name = 'data_directory'),"
                + " (SELECT i.setting::bigint FROM pg_catalog.pg_settings i WHERE i.name = 'idle_replication_slot_timeout'),"
                + " current_database()::text";
    }

    private Map<String, SlotSample.Extra> extra(int v) throws SQLException {
        String stats = v >= 140000
                ? " s.spill_txns, s.spill_count, s.spill_bytes, s.stream_txns, s.stream_count, s.stream_bytes,"
                        + " s.total_txns, s.total_bytes, s.stats_reset::text"
                : " NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint,"
                        + " NULL::bigint, NULL::text";
        String sql = "SELECT r.slot_name::text, r.restart_lsn::text, r.confirmed_flush_lsn::text, r.xmin::text::bigint,"
                + " r.catalog_xmin::text::bigint, age(r.xmin)::bigint," + stats + ", "
                + (v >= 170000 ? "extract(epoch FROM clock_timestamp() - r.inactive_since)::float8" : "NULL::float8")
                + " FROM pg_catalog.pg_replication_slots r"
                + (v >= 140000 ? " LEFT JOIN pg_catalog.pg_stat_replication_slots s ON s.slot_name = r.slot_name" : "");
        Map<String, SlotSample.Extra> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                SlotStats s = rs.getObject(7) == null ? null : new SlotStats(rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getString(15));
                out.put(rs.getString(1), new SlotSample.Extra(lsn(rs.getString(2)), lsn(rs.getString(3)),
                        (Long) rs.getObject(4), (Long) rs.getObject(5), (Long) rs.getObject(6), s, (Double) rs.getObject(16)));
            }
        }
        return out;
    }

    private static long lsn(String s) {
        return s == null ? 0 : Lsn.parse(s);
    }

    private Map<String, Long> writes() throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT datname::text, (tup_inserted + tup_updated + tup_deleted)::bigint FROM pg_catalog.pg_stat_database"
                        + " WHERE datname IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private List<SlotSample.Blocker> blockers(int v) throws SQLException {
        String sql = "SELECT 'transaction', a.pid, NULL::text, a.datname::text, a.usename::text, a.xact_start::text,"
                + " a.query_start::text, a.state, a.backend_xid::text::bigint,"
                + " extract(epoch FROM clock_timestamp() - a.xact_start)::float8"
                + " FROM pg_catalog.pg_stat_activity a WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()"
                + (v >= 100000 ? " AND a.backend_type <> 'walsender'" : "")
                + " UNION ALL SELECT 'prepared', NULL::int, p.gid, p.database::text, p.owner::text, p.prepared::text,"
                + " NULL::text, NULL::text, p.transaction::text::bigint,"
                + " extract(epoch FROM clock_timestamp() - p.prepared)::float8 FROM pg_catalog.pg_prepared_xacts p"
                + " ORDER BY 10 DESC";
        List<SlotSample.Blocker> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new SlotSample.Blocker(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getDouble(10)));
            }
        }
        return out;
    }

    private Map<Integer, SlotSample.Feedback> feedback() throws SQLException {
        Map<Integer, SlotSample.Feedback> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pid, application_name::text, client_addr::text, backend_xmin::text::bigint FROM pg_catalog.pg_stat_replication")) {
            while (rs.next()) {
                out.put(rs.getInt(1), new SlotSample.Feedback(rs.getInt(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4)));
            }
        }
        return out;
    }

    private Long sessionXminAge(int v) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT max(age(backend_xmin))::bigint FROM pg_catalog.pg_stat_activity WHERE backend_xmin IS NOT NULL"
                        + " AND pid <> pg_backend_pid()" + (v >= 100000 ? " AND backend_type <> 'walsender'" : ""))) {
            rs.next();
            return (Long) rs.getObject(1);
        }
    }

    /**
     * Free space of the file system of the server's WAL, when the server runs on this machine and Walscope can prove
     * it is the same server (its postmaster.pid names the port of this connection); else null.
     */
    private Long freeBytes(String dataDir) {
        if (dataDir == null) {
            return null;
        }
        try {
            String url = c.getMetaData().getURL();
            String host = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[:/].*$", "");
            if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.isEmpty())) {
                return null;
            }
            Path dir = Path.of(dataDir);
            Path pid = dir.resolve("postmaster.pid");
            if (!Files.isReadable(pid)) {
                return null;
            }
            List<String> lines = Files.readAllLines(pid);
            String port = url.replaceFirst("^jdbc:postgresql://[^:/]*:?", "").replaceFirst("/.*$", "");
            if (lines.size() < 4 || !lines.get(3).trim().equals(port.isEmpty() ? "5432" : port)) {
                return null;
            }
            Path wal = dir.resolve(Files.isDirectory(dir.resolve("pg_wal")) ? "pg_wal" : "pg_xlog");
            return Files.getFileStore(wal.toRealPath()).getUsableSpace();
        } catch (IOException | SQLException | RuntimeException e) {
            return null;
        }
    }
}
