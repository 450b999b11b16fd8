package io.walscope.core.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges whether slots survive a failover and can still decode: {@code slot.failover},
 * {@code server.synchronized_standby_slots}, {@code slot.invalidated}, {@code ha.failover_slots}. Pure.
 */
public final class FailoverRules {
    /** The setting that makes logical walsenders wait for the standbys' physical slots (17+). */
    public static final String SYNCHRONIZED_STANDBY_SLOTS = "synchronized_standby_slots";

    private FailoverRules() {
    }

    public static List<Finding> judge(ReplicationFacts r, List<StandbyInfo> standbys, List<SlotHa> slots,
            String version) {
        List<Finding> out = new ArrayList<>();
        int v = r.versionNum();
        if (!r.inRecovery() && v >= StandbyRules.FAILOVER_SLOTS) {
            if (!standbys.isEmpty()) {
                for (SlotHa s : slots) {
                    if (s.logical() && !s.temporary()) {
                        out.add(failover(s));
                    }
                }
            }
            out.add(synchronizedStandbySlots(r, standbys, slots));
        }
        if (r.inRecovery() && v >= StandbyRules.FAILOVER_SLOTS) {
            for (SlotHa s : slots) {
                if (s.synced()) {
                    out.add(ready(s));
                }
            }
        }
        if (v >= StandbyRules.STANDBY_DECODING) {
            for (SlotHa s : slots) {
                if (v >= StandbyRules.FAILOVER_SLOTS || s.logical()) {
                    out.add(invalidated(s, r.inRecovery()));
                }
            }
        }
        if (!r.inRecovery() && v < StandbyRules.FAILOVER_SLOTS) {
            out.add(haFailoverSlots(r, standbys, version));
        }
        return out;
    }

    static Finding failover(SlotHa s) {
        if (s.failover()) {
            return Finding.ok(CheckId.SLOT_FAILOVER, s.name(), "Slot " + s.name() + " is a failover slot: standbys with"
                    + " sync_replication_slots keep it, and a consumer continues on the promoted standby.");
        }
        return new Finding(CheckId.SLOT_FAILOVER, Status.WARN, s.name(), "Slot " + s.name() + " is not a failover slot:"
                + " a promoted standby does not have it, and its consumer must start over with a new slot and a"
                + " snapshot. Make it one (while no consumer uses it).", Fixes.failoverSlot(s.name()));
    }

    /** On a 17+ standby: a synced slot is ready for a failover when synced, not temporary and valid. */
    static Finding ready(SlotHa s) {
        if (!s.temporary() && s.invalidationReason() == null) {
            return Finding.ok(CheckId.SLOT_FAILOVER, s.name(), "Slot " + s.name() + " is synced from the primary and ready:"
                    + " its consumer can continue here after a promotion.");
        }
        if (s.invalidationReason() != null) {
            return new Finding(CheckId.SLOT_FAILOVER, Status.FAIL, s.name(), "Slot " + s.name() + " is synced from the"
                    + " primary but invalidated here (" + s.invalidationReason() + "): it is of no use after a promotion.",
                    null);
        }
        return new Finding(CheckId.SLOT_FAILOVER, Status.WARN, s.name(), "Slot " + s.name() + " is synced from the"
                + " primary but not ready for a failover yet (temporary): the primary's slot still needs WAL or catalog"
                + " rows older than this standby keeps; it becomes ready once its consumer confirms a newer position.",
                null);
    }

    static Finding synchronizedStandbySlots(ReplicationFacts r, List<StandbyInfo> standbys, List<SlotHa> slots) {
        String subject = SYNCHRONIZED_STANDBY_SLOTS;
        List<String> named = names(r.synchronizedStandbySlots());
        Set<String> physical = slots.stream().filter(s -> !s.logical()).map(SlotHa::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> missing = named.stream().filter(n -> !physical.contains(n)).toList();
        if (!missing.isEmpty()) {
            List<String> keep = named.stream().filter(physical::contains).toList();
            return new Finding(CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, Status.FAIL, subject, subject + " names "
                    + String.join(", ", missing) + (missing.size() == 1 ? ", which is" : ", which are")
                    + " not a physical slot of this server: logical decoding waits for "
                    + (missing.size() == 1 ? "it" : "them") + " and stalls with a repeated WARNING (a value carried"
                    + " over to a promoted standby?). " + (keep.isEmpty() ? "Reset it" : "Keep only " + String.join(", ", keep))
                    + " (a reload).", keep.isEmpty() ? Fixes.alterSystemReset(subject)
                            : Fixes.alterSystem(subject, list(keep), false));
        }
        boolean failoverSlots = slots.stream().anyMatch(s -> s.logical() && s.failover() && !s.synced());
        if (named.isEmpty() && failoverSlots) {
            List<String> used = standbys.stream().map(StandbyInfo::slot).filter(x -> x != null).distinct().toList();
            return new Finding(CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, Status.WARN, subject, "Failover slots exist but "
                    + subject + " is empty: a consumer may receive changes a standby has not received yet, which a"
                    + " failover to that standby loses. List the standbys' physical slots"
                    + (used.isEmpty() ? " (no standby streams through a slot now)" : " (" + String.join(", ", used) + ")")
                    + " (a reload).", used.isEmpty() ? null : Fixes.alterSystem(subject, list(used), false));
        }
        if (named.isEmpty()) {
            return Finding.ok(CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, subject, subject + " is empty and no failover"
                    + " slot needs it.");
        }
        return Finding.ok(CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, subject, subject + " is " + String.join(", ", named)
                + ": consumers of failover slots get no change before those standbys have it.");
    }

    static Finding invalidated(SlotHa s, boolean standby) {
        String what = s.slotType() + " slot " + s.name();
        if (s.invalidationReason() == null) {
            return Finding.ok(CheckId.SLOT_INVALIDATED, s.name(), what + " is valid.");
        }
        String why = switch (s.invalidationReason()) {
            case "rows_removed", "conflicting" -> "the primary removed catalog rows it needed (on a standby: turn on"
                    + " hot_standby_feedback and set primary_slot_name)";
            case "wal_removed" -> "WAL it needed was removed (max_slot_wal_keep_size)";
            case "wal_level_insufficient" -> "wal_level on the primary fell below logical";
            case "idle_timeout" -> "it was idle longer than idle_replication_slot_timeout";
            default -> s.invalidationReason();
        };
        boolean canDrop = !s.active() && !(standby && s.synced());
        return new Finding(CheckId.SLOT_INVALIDATED, Status.FAIL, s.name(), what + " was invalidated ("
                + s.invalidationReason() + ": " + why + ") and cannot decode any more: drop it and start over on a new"
                + " slot with a snapshot (walscope tail --slot NEW --create-slot --snapshot).",
                canDrop ? Fixes.dropSlot(s.name()) : null);
    }

    static Finding haFailoverSlots(ReplicationFacts r, List<StandbyInfo> standbys, String version) {
        String subject = "logical slots";
        if (standbys.isEmpty()) {
            return Finding.ok(CheckId.HA_FAILOVER_SLOTS, subject, "No standby streams from this server: no failover"
                    + " would take the slots away.");
        }
        if (r.failoverSlotsExtension()) {
            return Finding.ok(CheckId.HA_FAILOVER_SLOTS, subject, "pg_failover_slots (shared_preload_libraries) keeps"
                    + " logical slots on the standbys.");
        }
        boolean extension = r.versionNum() >= 110000;
        return new Finding(CheckId.HA_FAILOVER_SLOTS, Status.WARN, subject, "PostgreSQL " + version + " has no failover"
                + " slots: logical slots stay on this primary and are lost when a standby is promoted, and the"
                + " consumer starts over with a new slot and a snapshot. "
                + (extension ? "The pg_failover_slots extension (in shared_preload_libraries on primary and standbys)"
                        + " keeps them; PostgreSQL 17 has failover slots." : "PostgreSQL 17 has failover slots.")
                + (r.sharedPreloadLibraries() == null ? " (This role cannot read shared_preload_libraries: superusers"
                        + " and pg_read_all_settings can, to see whether pg_failover_slots is loaded.)" : ""), null);
    }

    /** The names of a slot-list setting ({@code a, b} or {@code "a","b"}). */
    public static List<String> names(String setting) {
        List<String> out = new ArrayList<>();
        if (setting == null) {
            return out;
        }
        for (String n : setting.split(",")) {
            String t = n.strip();
            if (t.startsWith("\"") && t.endsWith("\"") && t.length() > 1) {
                t = t.substring(1, t.length() - 1);
            }
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String list(List<String> names) {
        return Sql.literal(String.join(",", names));
    }
}
