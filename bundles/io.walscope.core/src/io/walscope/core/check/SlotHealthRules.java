package io.walscope.core.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.check.SlotSample.Blocker;
import io.walscope.core.check.SlotSample.Extra;
import io.walscope.core.check.SlotSample.Feedback;

/**
 * Judges every slot over a sampling window from two {@link SlotSample readings}: lag, the server's WAL rate, the
 * time left before {@code max_slot_wal_keep_size} invalidates the slot, and why it does not advance. Pure.
 * <p>
 * The causes, in the order they are tried:
 * <ol>
 * <li>{@code consumer_inactive}: a persistent slot no walsender holds, that did not advance (a slot read now and then
 * with {@code pg_logical_slot_get_changes} advances);</li>
 * <li>{@code prepared_transaction} / {@code old_transaction}: a logical slot whose {@code restart_lsn} did not move
 * while the server wrote WAL, with a prepared transaction, or an open transaction holding a transaction id, older
 * than {@code oldAfter} (logical decoding restarts before the first change of every transaction still open, in any
 * database of the cluster);</li>
 * <li>{@code idle_database}: an active logical slot whose consumer confirmed nothing while the server wrote WAL and
 * its own database inserted, updated and deleted no row (its consumer receives nothing it could confirm);</li>
 * <li>{@code standby_feedback}: a physical slot whose xmin (a standby's hot_standby_feedback) did not move while
 * transaction ids were used, and is older than every session of the primary.</li>
 * </ol>
 */
public final class SlotHealthRules {
    /** Open transactions younger than this are not blamed (the default of {@code walscope slots} and the checks). */
    public static final Duration OLD_AFTER = Duration.ofSeconds(30);

    private SlotHealthRules() {
    }

    /** The server's WAL rate between the readings, bytes/s (0 when it did not write or the clock did not move). */
    public static double walRate(SlotSample a, SlotSample b) {
        double secs = (b.nanos() - a.nanos()) / 1e9;
        long bytes = b.walLsn() - a.walLsn();
        return secs <= 0 || bytes <= 0 ? 0 : bytes / secs;
    }

    /** Every slot of {@code b}, judged against {@code a} (a slot missing from {@code a} is judged without movement). */
    public static List<SlotHealth> assess(SlotSample a, SlotSample b, Duration oldAfter) {
        double rate = walRate(a, b);
        List<SlotHealth> out = new ArrayList<>();
        for (SlotInfo s : b.slots()) {
            Extra now = b.extra().get(s.name());
            Extra before = a.slot(s.name()) == null ? null : a.extra().get(s.name());
            out.add(new SlotHealth(s, lag(s, now, b), rate, lostIn(s, now, b, rate), now == null ? null : now.stats(),
                    now == null ? null : now.xmin(), now == null ? null : now.catalogXmin(),
                    stuck(s, before, now, a, b, oldAfter), idleLeft(s, now, b)));
        }
        return out;
    }

    static Long lag(SlotInfo s, Extra e, SlotSample b) {
        if (e == null) {
            return null;
        }
        long from = "logical".equals(s.slotType()) ? e.confirmedLsn() : e.restartLsn();
        return from == 0 ? null : Math.max(0, b.walLsn() - from);
    }

    static Double lostIn(SlotInfo s, Extra e, SlotSample b, double rate) {
        if ("lost".equals(s.walStatus())) {
            return 0.0;
        }
        Double wal = !b.keepSizeLimited() || s.safeWalSize() == null || rate <= 0 ? null : Math.max(0, s.safeWalSize()) / rate;
        Double idle = idleLeft(s, e, b);
        if (idle == null || wal == null) {
            return idle == null ? wal : idle;
        }
        return Double.valueOf(Math.min(wal, idle));
    }

    /** Seconds until {@code idle_replication_slot_timeout} (PG 18) invalidates an inactive slot, or null. */
    public static Double idleLeft(SlotInfo s, Extra e, SlotSample b) {
        if (!b.idleTimeoutSet() || s.active() || s.temporary() || e == null || e.inactiveSeconds() == null
                || s.restartLsn() == null) {
            return null;
        }
        return Math.max(0, b.idleTimeout() - e.inactiveSeconds());
    }

    static Stuck stuck(SlotInfo s, Extra before, Extra now, SlotSample a, SlotSample b, Duration oldAfter) {
        if ("lost".equals(s.walStatus()) || now == null) {
            return null;
        }
        boolean moved = before != null && (now.restartLsn() != before.restartLsn() || now.confirmedLsn() != before.confirmedLsn());
        if (!s.active()) {
            if (s.temporary() || moved) {
                return null; // a temporary slot goes with its session; one read by SQL functions advances
            }
            return new Stuck(Stuck.CONSUMER_INACTIVE, "No consumer reads slot " + s.name()
                    + (s.inactiveSince() == null ? "" : " (inactive since " + s.inactiveSince() + ")")
                    + ": it keeps WAL until one does, or until it is dropped.", s.inactiveSince(), null, null, null,
                    null, s.database(), null);
        }
        boolean walMoved = b.walLsn() > a.walLsn();
        if (before == null || !walMoved) {
            return null;
        }
        if ("logical".equals(s.slotType())) {
            boolean restartMoved = now.restartLsn() != before.restartLsn();
            boolean confirmedMoved = now.confirmedLsn() != before.confirmedLsn();
            Blocker blocker = oldest(b.blockers(), oldAfter);
            if (blocker != null && !restartMoved) {
                return blocked(s, blocker);
            }
            Long w0 = a.databaseWrites().get(s.database());
            Long w1 = b.databaseWrites().get(s.database());
            if (!restartMoved && !confirmedMoved && w0 != null && w0.equals(w1)) {
                return new Stuck(Stuck.IDLE_DATABASE, "Database " + s.database() + " wrote no row while the server"
                        + " wrote WAL: the consumer of " + s.name() + " receives nothing it could confirm, so the slot"
                        + " keeps the WAL of the other databases. A heartbeat in " + s.database() + " lets it advance.",
                        null, null, null, null, null, s.database(), null);
            }
            return null;
        }
        Feedback f = s.activePid() == null ? null : b.feedback().get(s.activePid());
        boolean xidsUsed = b.nextXid() > a.nextXid();
        if (now.xmin() != null && now.xmin().equals(before.xmin()) && xidsUsed && now.xminAge() != null
                && (b.sessionXminAge() == null || now.xminAge() > b.sessionXminAge())) {
            String standby = f == null ? "pid " + s.activePid()
                    : (f.applicationName() == null || f.applicationName().isEmpty() ? "" : f.applicationName() + " ")
                            + (f.clientAddr() == null ? "" : "at " + f.clientAddr() + " ") + "(pid " + f.pid() + ")";
            return new Stuck(Stuck.STANDBY_FEEDBACK, "The standby " + standby.trim() + " holds xmin " + now.xmin()
                    + " of slot " + s.name() + " through hot_standby_feedback (a long query there): VACUUM cannot remove"
                    + " rows deleted since.", null, f == null ? s.activePid() : f.pid(), null, null, null, null,
                    standby.trim());
        }
        return null;
    }

    /** The oldest blocker open at least {@code oldAfter}, or null. */
    static Blocker oldest(List<Blocker> blockers, Duration oldAfter) {
        Blocker best = null;
        for (Blocker x : blockers) {
            if (x.ageSeconds() >= oldAfter.toMillis() / 1000.0 && (best == null || x.ageSeconds() > best.ageSeconds())) {
                best = x;
            }
        }
        return best;
    }

    private static Stuck blocked(SlotInfo s, Blocker x) {
        String age = Durations.pretty(x.ageSeconds());
        if (Blocker.PREPARED.equals(x.kind())) {
            return new Stuck(Stuck.PREPARED_TRANSACTION, "Prepared transaction '" + x.gid() + "' (database " + x.database()
                    + ", prepared " + x.since() + ", " + age + " ago) keeps restart_lsn of " + s.name()
                    + " where it began: COMMIT PREPARED or ROLLBACK PREPARED it.", null, null, x.since(), null, x.gid(),
                    x.database(), null);
        }
        return new Stuck(Stuck.OLD_TRANSACTION, "The transaction of pid " + x.pid() + " (database " + x.database()
                + ", user " + x.user() + ", " + x.state() + ", open since " + x.since() + ", " + age
                + ") keeps restart_lsn of " + s.name() + " where it began: end it, or terminate the backend.", null,
                x.pid(), x.since(), x.queryStart(), null, x.database(), null);
    }
}
