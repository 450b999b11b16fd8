package io.walscope.core.check;

import java.util.List;
import java.util.Map;

/**
 * One reading of a server's replication slots and of what can hold them back, taken by one connection within a
 * few milliseconds. Two readings a sampling window apart tell rates and movement ({@link SlotHealthRules}).
 *
 * @param nanos          {@code System.nanoTime()} of the reading (for rates)
 * @param walLsn         the server's current WAL position (insert position; on a standby the received one)
 * @param nextXid        the next transaction id (64-bit, {@code txid_current_snapshot()}'s xmax)
 * @param keepSizeBytes  {@code max_slot_wal_keep_size} in bytes: {@code -1} unlimited, {@code null} before PG 13
 * @param idleTimeout    {@code idle_replication_slot_timeout} in seconds (PG 18+; 0 off), else null
 * @param freeBytes      free space of the file system of the server's WAL, where Walscope can see it (a server on
 *                       this machine), else {@code null}
 * @param database       the database this reading was taken in
 * @param slots          every slot, as {@code walscope slots} lists them
 * @param extra          per slot name: the numbers the health rules compare
 * @param databaseWrites per database: rows inserted, updated and deleted ({@code pg_stat_database})
 * @param blockers       open transactions holding a transaction id, and prepared transactions, oldest first
 * @param feedback       per walsender pid: the standby's hot_standby_feedback xmin
 * @param sessionXminAge the age (in transactions) of the oldest {@code backend_xmin} of the server's own sessions
 *                       (not walsenders), or null when none holds one
 */
public record SlotSample(long nanos, long epochMillis, int versionNum, boolean inRecovery, long walLsn, long nextXid,
        Long keepSizeBytes, Long idleTimeout, Long freeBytes, String database, List<SlotInfo> slots, Map<String, Extra> extra,
        Map<String, Long> databaseWrites, List<Blocker> blockers, Map<Integer, Feedback> feedback, Long sessionXminAge) {

    public SlotSample {
        slots = List.copyOf(slots);
        extra = Map.copyOf(extra);
        databaseWrites = Map.copyOf(databaseWrites);
        blockers = List.copyOf(blockers);
        feedback = Map.copyOf(feedback);
    }

    /**
     * What the rules compare of one slot: positions as numbers (0 when unset), the xmins (null when unset), the
     * xmin's age in transactions, the decoding statistics (PG 14+, else null) and how long it has been inactive
     * (PG 17+, else null).
     */
    public record Extra(long restartLsn, long confirmedLsn, Long xmin, Long catalogXmin, Long xminAge, SlotStats stats,
            Double inactiveSeconds) {
    }

    /**
     * Something that keeps every logical slot's {@code restart_lsn} from moving: an open transaction that holds
     * a transaction id (decoding must restart before its first change), or a prepared transaction.
     *
     * @param kind       {@link #TRANSACTION} or {@link #PREPARED}
     * @param pid        the backend of an open transaction (null for a prepared one)
     * @param gid        the prepared transaction's name (null for an open one)
     * @param since      xact_start, or the prepared time, as the server prints it
     * @param queryStart the open transaction's current or last statement start
     * @param ageSeconds how long it has been open, by the server's clock
     */
    public record Blocker(String kind, Integer pid, String gid, String database, String user, String since,
            String queryStart, String state, long xid, double ageSeconds) {
        public static final String TRANSACTION = "transaction";
        public static final String PREPARED = "prepared";
    }

    /** A standby connected through a walsender, with the xmin its hot_standby_feedback reports. */
    public record Feedback(int pid, String applicationName, String clientAddr, Long xmin) {
    }

    /** The slot called {@code name}, or null. */
    public SlotInfo slot(String name) {
        for (SlotInfo s : slots) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** True when {@code idle_replication_slot_timeout} invalidates inactive slots (PG 18+, not 0). */
    public boolean idleTimeoutSet() {
        return idleTimeout != null && idleTimeout > 0;
    }

    /** True when {@code max_slot_wal_keep_size} limits slots (PG 13+, not -1). */
    public boolean keepSizeLimited() {
        return keepSizeBytes != null && keepSizeBytes >= 0;
    }
}
