package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.FailoverRules;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.Standby;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.stream.KeyColumns;
import io.walscope.core.stream.Lsn;

/**
 * What a stream needs in a replicated architecture: a standby to decode on (16+), failover slots (17+), and after a
 * lost connection, where the stream landed (the profile may list several hosts) and whether its slot is there. A slot
 * that did not survive a failover ends the stream with one sentence naming what to do; a synced failover slot on the
 * promoted standby continues after the last confirmed transaction.
 */
final class FailoverGuard {
    /** Thrown when the host reached cannot be used yet (a standby not promoted yet): retried like a lost connection. */
    static final class NotYet extends SQLException {
        private static final long serialVersionUID = 1L;

        NotYet(String message) {
            super(message, "08000");
        }
    }

    /** Key columns from whichever server the stream is on now. */
    static final class Keys implements KeyColumns {
        private volatile KeyColumns current;

        Keys(KeyColumns first) {
            current = first;
        }

        @Override
        public List<String> keyColumns(String schema, String table) {
            return current.keyColumns(schema, table);
        }
    }

    private final StreamOptions o;
    private final ConnectionProfile profile;
    private final Secrets secrets;
    private final PgConnector connector;
    private final Keys keys;
    private Connection keysConnection;
    private String node;
    private int versionNum;
    private boolean failoverSlot;

    FailoverGuard(StreamOptions o, ConnectionProfile profile, Secrets secrets, PgConnector connector, Keys keys) {
        this.o = o;
        this.profile = profile;
        this.secrets = secrets;
        this.connector = connector;
        this.keys = keys;
    }

    /** Checks a standby and {@code --failover} before the slot is created or used; remembers the server. */
    Standby preflight(Connection sql, ServerInfo info, String where) throws WalscopeException, SQLException {
        versionNum = info.versionNum();
        Standby st = Standby.of(sql, versionNum);
        node = versionNum >= 100000 ? identify(sql)[0] : where;
        if (st.inRecovery() && versionNum < 160000) {
            throw new WalscopeException("The server at " + where + " is a PostgreSQL " + info.major() + " standby, and"
                    + " logical decoding on a standby needs PostgreSQL 16: connect to " + st.primaryName() + ".");
        }
        if (o.failover) {
            if (versionNum < 170000) {
                throw new WalscopeException("--failover needs PostgreSQL 17 or newer (failover slots); the server at "
                        + where + " is " + info.version() + ": without it a slot is lost when a standby is promoted.");
            }
            if (o.slot == null) {
                throw new WalscopeException("--failover needs a named slot (--slot NAME --create-slot): a temporary slot"
                        + " cannot fail over.");
            }
            if (st.inRecovery()) {
                throw new WalscopeException("The server at " + where + " is a standby: failover slots are made on the"
                        + " primary (" + st.primaryName() + ") and synced to standbys; connect to the primary.");
            }
        }
        return st;
    }

    /**
     * Creates the slot: with {@code FAILOVER true} when asked (17+ option syntax); on a standby, says after two seconds
     * that creation waits for a running-transactions record from the primary.
     */
    Slots.Created create(Connection replication, String slot, String plugin, boolean temporary, boolean export,
            Standby standby) throws SQLException {
        ScheduledExecutorService timer = null;
        ScheduledFuture<?> note = null;
        if (standby.inRecovery()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "walscope-slot-wait");
                t.setDaemon(true);
                return t;
            });
            note = timer.schedule(() -> o.notices.accept("Waiting: " + standby.waitsForPrimary() + "."), 2,
                    TimeUnit.SECONDS);
        }
        try {
            if (!o.failover) {
                return Slots.create(replication, slot, plugin, temporary, export, versionNum);
            }
            failoverSlot = true;
            String sql = "CREATE_REPLICATION_SLOT " + PgIdent.quote(slot) + " LOGICAL " + PgIdent.quote(plugin)
                    + " (SNAPSHOT '" + (export ? "export" : "nothing") + "', FAILOVER true)";
            try (Statement st = replication.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return new Slots.Created(rs.getString(1), Lsn.parse(rs.getString(2)), rs.getString(3));
            }
        } finally {
            if (timer != null) {
                note.cancel(false);
                timer.shutdownNow();
            }
        }
    }

    /** An existing slot: made a failover slot when {@code --failover} asks (ALTER_REPLICATION_SLOT, 17+). */
    void existing(Connection replication, String slot) throws SQLException {
        if (versionNum < 170000) {
            return;
        }
        failoverSlot = Boolean.TRUE.equals(slotState(replication, slot)[0]);
        if (o.failover && !failoverSlot) {
            try (Statement st = replication.createStatement()) {
                st.execute("ALTER_REPLICATION_SLOT " + PgIdent.quote(slot) + " (FAILOVER true)");
            }
            failoverSlot = true;
            o.notices.accept("Slot \"" + slot + "\" is a failover slot now: standbys with sync_replication_slots keep it.");
        }
    }

    /**
     * After a reconnect, before START_REPLICATION: where the stream landed, whether the slot is there and usable. A host
     * that is still a standby is retried; a slot that did not survive ends the stream with what to do.
     */
    void resumed(Connection replication, String slot, long confirmed) throws WalscopeException, SQLException {
        if (versionNum < 100000) {
            return; // 9.6: no SQL on a replication connection, no standby decoding, no failover slots
        }
        String[] id = identify(replication);
        boolean moved = !id[0].equals(node);
        boolean recovery = "t".equals(id[1]);
        Object[] s = slotState(replication, slot);
        String after = confirmed == 0 ? "" : " after " + Lsn.format(confirmed);
        if (s == null) {
            if (recovery) {
                throw new NotYet(id[0] + " is a standby without slot \"" + slot + "\"");
            }
            String why = versionNum < 170000 ? "PostgreSQL " + ServerInfo.versionName(versionNum)
                    + " has no failover slots" : failoverSlot ? "it is a failover slot, but that standby did not sync it:"
                            + " see walscope check (standby.slot_sync)" : "it was not a failover slot (--failover)";
            throw new WalscopeException(moved
                    ? "Slot \"" + slot + "\" did not survive the failover to " + id[0] + " (" + why + "): the changes"
                            + after + " are in no slot there; start over on a new slot with a snapshot"
                            + " (walscope tail --slot NEW --create-slot --snapshot" + (versionNum >= 170000 ? " --failover" : "")
                            + ")."
                    : "Slot \"" + slot + "\" no longer exists on " + id[0] + " (dropped while the connection was down): the"
                            + " changes" + after + " are in no slot; start over on a new slot with a snapshot (walscope"
                            + " tail --slot NEW --create-slot --snapshot).");
        }
        if (recovery && Boolean.TRUE.equals(s[1]) && !node.equals(id[0])) {
            throw new NotYet(id[0] + " is a standby that syncs slot \"" + slot + "\"; it can be used once promoted");
        }
        if (s[2] != null) {
            throw new WalscopeException("Slot \"" + slot + "\" on " + id[0] + " was invalidated (" + s[2] + ") and cannot"
                    + " decode any more: start over on a new slot with a snapshot (walscope tail --slot NEW --create-slot"
                    + " --snapshot).");
        }
        if (moved) {
            o.notices.accept("The stream continues on " + id[0] + (recovery ? " (a standby)" : " (now a primary)")
                    + " from slot \"" + slot + "\"" + after + ".");
            node = id[0];
            reopenKeys();
            if (!recovery && versionNum >= 170000) {
                blockedBySynchronizedStandbySlots(replication, id[0]);
            }
        }
    }

    /** 17+: a synchronized_standby_slots value carried over to a promoted node that names a missing slot blocks decoding. */
    private void blockedBySynchronizedStandbySlots(Connection c, String where) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT setting FROM pg_settings WHERE name = 'synchronized_standby_slots'), ARRAY(SELECT slot_name::text FROM pg_replication_slots"
                        + " WHERE slot_type = 'physical')::text")) {
            rs.next();
            List<String> named = FailoverRules.names(rs.getString(1));
            String physical = rs.getString(2);
            List<String> missing = named.stream().filter(n -> !physical.matches("(?s).*[{,]\"?" +
                    java.util.regex.Pattern.quote(n) + "\"?[,}].*")).toList();
            if (!missing.isEmpty()) {
                o.notices.accept("synchronized_standby_slots on " + where + " names " + String.join(", ", missing)
                        + ", which is not a slot there: decoding waits for it; run ALTER SYSTEM RESET"
                        + " synchronized_standby_slots; SELECT pg_reload_conf(); there (see walscope check).");
            }
        }
    }

    /** The key look-ups follow the stream to its new server. */
    private void reopenKeys() {
        try {
            Connection c = connector.connect(profile, secrets);
            closeKeys();
            keysConnection = c;
            keys.current = new KeyResolver(c);
        } catch (WalscopeException e) {
            // keys already looked up stay known; new tables get none until the next run
        }
    }

    private void closeKeys() {
        if (keysConnection != null) {
            try {
                keysConnection.close();
            } catch (SQLException e) {
                // closing
            }
            keysConnection = null;
        }
    }

    /** Closes what the guard opened. */
    void close() {
        closeKeys();
    }

    /** {@code host:port} of the server and {@code t}/{@code f} for recovery. */
    private static String[] identify(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port()::text,"
                        + " current_setting('port')), pg_is_in_recovery()")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getBoolean(2) ? "t" : "f"};
        }
    }

    /** {failover, synced, invalidation} of the slot (each null where the version lacks it), or null when missing. */
    private Object[] slotState(Connection c, String slot) throws SQLException {
        String cols = versionNum >= 170000 ? "failover, synced, invalidation_reason"
                : versionNum >= 160000 ? "NULL::bool, NULL::bool, CASE WHEN conflicting THEN 'conflicting' END"
                : versionNum >= 130000 ? "NULL::bool, NULL::bool, CASE WHEN wal_status = 'lost' THEN 'wal_removed' END"
                : "NULL::bool, NULL::bool, NULL::text";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + cols
                + " FROM pg_replication_slots WHERE slot_name = '" + slot.replace("'", "''") + "'")) {
            if (!rs.next()) {
                return null;
            }
            return new Object[] {rs.getObject(1), rs.getObject(2), rs.getString(3)};
        }
    }
}
