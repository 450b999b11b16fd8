package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The slot-health checks over slots judged by {@link SlotHealthRules}: {@code slot.stuck}, {@code slot.forecast},
 * {@code slot.heartbeat} (per slot) and {@code server.max_slot_wal_keep_size} (once). Pure.
 */
public final class SlotHealthChecks {
    /** slot.forecast warns when the slot is lost within this many seconds at the current rate. */
    public static final double DAY = 86_400;

    private SlotHealthChecks() {
    }

    /**
     * @param database  the database the check runs in (fixes that must run in a slot's own database are given only
     *                  for slots of this one)
     * @param rate      the server's WAL rate over the window, bytes/s (NaN: not measured, no slots to watch)
     * @param warnBytes the retained-WAL threshold of {@code slot.retained_wal}
     */
    public static List<Finding> judge(List<SlotHealth> slots, SlotSample sample, double rate, String database,
            long warnBytes) {
        List<Finding> out = new ArrayList<>();
        out.add(keepSize(slots, sample, rate));
        for (SlotHealth h : slots) {
            out.add(stuck(h, sample, database, warnBytes));
            out.add(forecast(h, sample));
            if ("logical".equals(h.slot().slotType())) {
                out.add(heartbeat(h, database));
            }
        }
        return out;
    }

    static Finding stuck(SlotHealth h, SlotSample sample, String database, long warnBytes) {
        SlotInfo s = h.slot();
        Stuck st = h.stuck();
        if (st == null) {
            return Finding.ok(CheckId.SLOT_STUCK, s.name(), "lost".equals(s.walStatus())
                    ? "Slot " + s.name() + " is lost (see " + CheckId.SLOT_FORECAST + ")."
                    : "Slot " + s.name() + " is not held back" + (s.active() ? "" : " (temporary, or nothing to read)") + ".");
        }
        boolean danger = "unreserved".equals(s.walStatus()) || (h.lostInSeconds() != null && h.lostInSeconds() < 3600)
                || (s.retainedBytes() != null && s.retainedBytes() > warnBytes);
        Status status = danger ? Status.FAIL : Status.WARN;
        String retains = s.retainedBytes() == null ? "" : " It retains " + s.retainedPretty() + " of WAL.";
        return switch (st.cause()) {
            case Stuck.CONSUMER_INACTIVE -> new Finding(CheckId.SLOT_STUCK, status, s.name(), st.message() + retains
                    + " Start its consumer; drop the slot only if no consumer needs it (see " + CheckId.SLOT_INACTIVE + ").", null);
            case Stuck.OLD_TRANSACTION -> new Finding(CheckId.SLOT_STUCK, status, s.name(), st.message() + retains
                    + " Ask its owner to commit or roll back; the fix terminates pid " + st.pid()
                    + " (its transaction is rolled back) and runs only when chosen.", terminate(st));
            case Stuck.PREPARED_TRANSACTION -> new Finding(CheckId.SLOT_STUCK, status, s.name(), st.message() + retains
                    + (database.equals(st.database()) ? " The fix rolls it back and runs only when chosen."
                            : " Run COMMIT PREPARED or ROLLBACK PREPARED '" + st.gid() + "' in database " + st.database() + "."),
                    database.equals(st.database()) ? rollbackPrepared(st.gid()) : null);
            case Stuck.IDLE_DATABASE -> new Finding(CheckId.SLOT_STUCK, status, s.name(), st.message() + retains
                    + " See " + CheckId.SLOT_HEARTBEAT + ".", null);
            default -> new Finding(CheckId.SLOT_STUCK, status, s.name(), st.message()
                    + " End the long queries on the standby, or lower max_standby_streaming_delay there.", null);
        };
    }

    /**
     * Terminates the blocking backend, guarded by its transaction's start so a backend that reused the pid is left
     * alone. Not transactional, never applied unless chosen.
     */
    static Fix terminate(Stuck st) {
        return new Fix(List.of("SELECT pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE pid = " + st.pid()
                + " AND xact_start = " + Sql.literal(st.xactStart()) + "::timestamptz"), false, false, false, true);
    }

    static Fix rollbackPrepared(String gid) {
        return new Fix(List.of("ROLLBACK PREPARED " + Sql.literal(gid)), false, false, false, true);
    }

    static Finding forecast(SlotHealth h, SlotSample sample) {
        SlotInfo s = h.slot();
        double rate = h.walBytesPerSec() == null ? 0 : h.walBytesPerSec();
        if ("lost".equals(s.walStatus())) {
            List<String> why = new ArrayList<>();
            if (sample.keepSizeLimited()) {
                why.add("it fell more than max_slot_wal_keep_size (" + keep(sample) + ") behind");
            }
            if (sample.idleTimeoutSet()) {
                why.add("it stayed unused longer than idle_replication_slot_timeout (" + Durations.pretty(sample.idleTimeout()) + ")");
            }
            String because = why.isEmpty() ? "WAL it needed was removed" : String.join(", or ", why);
            return new Finding(CheckId.SLOT_FORECAST, Status.FAIL, s.name(), "Slot " + s.name() + " is lost: the server"
                    + " invalidated it because " + because + ". Its consumer cannot continue: drop the slot, create it again and take a"
                    + " new snapshot of the tables (walscope tail --slot " + s.name() + " --create-slot --snapshot)."
                    + " To keep it from happening again, keep its consumer running (see " + CheckId.SLOT_STUCK
                    + ") or raise max_slot_wal_keep_size.", s.active() ? null : Fixes.dropSlot(s.name()));
        }
        String at = "at the current rate (" + Bytes.pretty((long) rate) + "/s of WAL)";
        Double idle = h.idleLeft();
        if (idle != null && idle.equals(h.lostInSeconds())) {
            return new Finding(CheckId.SLOT_FORECAST, idle < DAY ? Status.WARN : Status.OK, s.name(), "Slot " + s.name()
                    + " will be invalidated in about " + Durations.pretty(idle) + " by idle_replication_slot_timeout ("
                    + Durations.pretty(sample.idleTimeout()) + " without a consumer; at the first checkpoint after)"
                    + " unless a consumer uses it before.", null);
        }
        if (!sample.keepSizeLimited()) {
            String limit = sample.keepSizeBytes() == null ? "PostgreSQL " + sample.versionNum() / 10000
                    + " cannot invalidate slots (max_slot_wal_keep_size is 13+)" : "max_slot_wal_keep_size is unlimited";
            String disk = sample.freeBytes() == null || rate <= 0 ? ""
                    : "; the WAL's file system has " + Bytes.pretty(sample.freeBytes()) + " free, full in "
                            + Durations.pretty(sample.freeBytes() / rate) + " " + at + " while it does not advance";
            boolean soon = h.stuck() != null && sample.freeBytes() != null && rate > 0 && sample.freeBytes() / rate < DAY;
            return new Finding(CheckId.SLOT_FORECAST, soon ? Status.WARN : Status.OK, s.name(), "Slot " + s.name()
                    + " is never invalidated: " + limit + disk + " (see " + CheckId.SERVER_MAX_SLOT_WAL_KEEP_SIZE + ").", null);
        }
        if (h.lostInSeconds() == null) {
            return Finding.ok(CheckId.SLOT_FORECAST, s.name(), "Slot " + s.name() + ": " + (rate <= 0
                    ? "no WAL was written while measuring, nothing to forecast."
                    : "the server does not tell its safe_wal_size (no WAL reserved yet)."));
        }
        String left = "safe_wal_size " + Bytes.pretty(Math.max(0, s.safeWalSize())) + " of max_slot_wal_keep_size " + keep(sample);
        if (h.lostInSeconds() < DAY) {
            return new Finding(CheckId.SLOT_FORECAST, Status.WARN, s.name(), "Slot " + s.name() + " will be lost in about "
                    + Durations.pretty(h.lostInSeconds()) + " " + at + " unless it advances (" + left + "). "
                    + (h.stuck() == null ? "Its consumer must catch up." : "It is held back: see " + CheckId.SLOT_STUCK + "."), null);
        }
        return Finding.ok(CheckId.SLOT_FORECAST, s.name(), "Slot " + s.name() + " lasts more than a day " + at + " (" + left + ").");
    }

    static Finding heartbeat(SlotHealth h, String database) {
        SlotInfo s = h.slot();
        if (h.stuck() == null || !Stuck.IDLE_DATABASE.equals(h.stuck().cause())) {
            return Finding.ok(CheckId.SLOT_HEARTBEAT, s.name(), "Slot " + s.name() + " needs no heartbeat.");
        }
        boolean here = database.equals(s.database());
        return new Finding(CheckId.SLOT_HEARTBEAT, Status.WARN, s.name(), "Database " + s.database()
                + " writes nothing, so slot " + s.name() + " cannot advance: run a heartbeat there. 'walscope script"
                + " heartbeat --database " + s.database() + "' prints a job (pg_cron or a shell loop) that emits a logical"
                + " decoding message every 10 s, or updates a heartbeat table in the publication (--table, for pgoutput"
                + " before PostgreSQL 14 and decoderbufs); 'walscope tail --heartbeat 10' emits it while tailing."
                + (here ? " The fix emits one heartbeat now." : " Connect to " + s.database() + " for a fix that emits one now."),
                here ? Fix.of(false, Heartbeats.MESSAGE_SQL) : null);
    }

    /** {@code server.max_slot_wal_keep_size}: the setting, and a suggested size when it is unlimited. */
    public static Finding keepSize(List<SlotHealth> slots, SlotSample sample, double rate) {
        String subject = "max_slot_wal_keep_size";
        if (sample.keepSizeBytes() == null) {
            return new Finding(CheckId.SERVER_MAX_SLOT_WAL_KEEP_SIZE, Status.INFO, subject, "PostgreSQL "
                    + sample.versionNum() / 10000 + " has no max_slot_wal_keep_size (13+): a slot that stops advancing keeps"
                    + " WAL until the disk is full. Watch " + CheckId.SLOT_RETAINED_WAL + " and " + CheckId.SLOT_STUCK + ".", null);
        }
        long largest = 0;
        for (SlotHealth h : slots) {
            if (h.slot().retainedBytes() != null && !"lost".equals(h.slot().walStatus())) {
                largest = Math.max(largest, h.slot().retainedBytes());
            }
        }
        KeepSizeAdvice a = KeepSizeAdvice.suggest(rate, sample.freeBytes(), largest);
        if (sample.keepSizeLimited()) {
            String lasts = rate <= 0 || Double.isNaN(rate) ? "" : "; it lasts about " + Durations.pretty(sample.keepSizeBytes() / rate)
                    + " at the current rate (" + Bytes.pretty((long) rate) + "/s)";
            return Finding.ok(CheckId.SERVER_MAX_SLOT_WAL_KEEP_SIZE, subject, "max_slot_wal_keep_size is "
                    + keep(sample) + ": a slot that falls further behind is invalidated (its consumer must start over)"
                    + lasts + ".");
        }
        return new Finding(CheckId.SERVER_MAX_SLOT_WAL_KEEP_SIZE, Status.INFO, subject, "max_slot_wal_keep_size is"
                + " unlimited: a slot that stops advancing keeps WAL until the disk is full and the server stops."
                + " Suggested: max_slot_wal_keep_size = '" + a.setting() + "', " + a.reason()
                + (a.lasts(rate) == null ? "" : ", about " + a.lasts(rate) + " of WAL at the current rate")
                + ". A slot that falls that far behind is invalidated instead, and its consumer must start over with a"
                + " new snapshot.", new Fix(List.of("ALTER SYSTEM SET max_slot_wal_keep_size = " + Sql.literal(a.setting()),
                        "SELECT pg_reload_conf()"), false, true, false, false));
    }

    private static String keep(SlotSample sample) {
        return sample.keepSizeBytes() == null ? "-" : sample.keepSizeBytes() < 0 ? "unlimited" : Bytes.pretty(sample.keepSizeBytes());
    }
}
