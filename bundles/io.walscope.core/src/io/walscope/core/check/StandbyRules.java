package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges where the server stands in a replication setup and whether a standby can decode: {@code server.role},
 * {@code standby.version}, {@code standby.hot_standby_feedback}, {@code standby.primary_slot},
 * {@code standby.slot_sync}; and moves the fixes a standby cannot run (DDL, grants, publications) to its primary.
 * Pure.
 */
public final class StandbyRules {
    /** Logical decoding on a standby: PostgreSQL 16. */
    public static final int STANDBY_DECODING = 160000;
    /** Failover slots and slot synchronization: PostgreSQL 17. */
    public static final int FAILOVER_SLOTS = 170000;

    private StandbyRules() {
    }

    public static List<Finding> judge(ReplicationFacts r, List<StandbyInfo> standbys, String version, String database) {
        List<Finding> out = new ArrayList<>();
        out.add(role(r, standbys));
        if (!r.inRecovery()) {
            return out;
        }
        out.add(version(r, version));
        if (r.versionNum() < STANDBY_DECODING) {
            return out;
        }
        out.add(feedback(r));
        out.add(primarySlot(r));
        if (r.versionNum() >= FAILOVER_SLOTS) {
            out.add(syncSlots(r));
            out.add(syncDbname(r, database));
        }
        return out;
    }

    /** One line for people: "primary with 1 standby: ...", "standby of 10.0.0.5:5432 (streaming)". */
    public static String describeRole(ReplicationFacts r, List<StandbyInfo> standbys) {
        if (r.inRecovery()) {
            String of = r.primary() == null ? "" : " of " + r.primary();
            return "standby" + of + (r.receiverStatus() == null ? " (no WAL receiver: replaying archived WAL)"
                    : " (WAL receiver " + r.receiverStatus() + ")");
        }
        if (standbys.isEmpty()) {
            return "primary (no standby streams from it)";
        }
        StringBuilder b = new StringBuilder("primary with ").append(standbys.size())
                .append(standbys.size() == 1 ? " standby: " : " standbys: ");
        for (int i = 0; i < standbys.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(standbys.get(i).describe());
        }
        return b.toString();
    }

    static Finding role(ReplicationFacts r, List<StandbyInfo> standbys) {
        String text = "This server is a " + describeRole(r, standbys) + ".";
        if (r.inRecovery()) {
            return new Finding(CheckId.SERVER_ROLE, Status.INFO, "server", text
                    + " Fixes that change the database run on the primary.", null);
        }
        if (!standbys.isEmpty() && r.versionNum() >= FAILOVER_SLOTS) {
            text += " To follow a failover, tail a failover slot (--slot NAME --create-slot --failover) with every host"
                    + " listed (postgresql://primary,standby/db?target_session_attrs=primary).";
        }
        return Finding.ok(CheckId.SERVER_ROLE, "server", text);
    }

    static Finding version(ReplicationFacts r, String version) {
        String subject = "PostgreSQL " + version;
        String primary = r.primary() == null ? "its primary" : "the primary " + r.primary();
        if (r.versionNum() < STANDBY_DECODING) {
            return new Finding(CheckId.STANDBY_VERSION, Status.FAIL, subject, subject
                    + " cannot decode on a standby (logical decoding on a standby needs PostgreSQL 16): connect Walscope to "
                    + primary + ".", null);
        }
        return Finding.ok(CheckId.STANDBY_VERSION, subject, subject + " decodes on a standby; a slot made here"
                + " survives the standby's promotion. Creating one waits for a running-transactions record from "
                + primary + " (on an idle primary: SELECT pg_log_standby_snapshot() there).");
    }

    static Finding feedback(ReplicationFacts r) {
        String subject = "hot_standby_feedback";
        if (r.hotStandbyFeedback()) {
            return Finding.ok(CheckId.STANDBY_HOT_STANDBY_FEEDBACK, subject, "hot_standby_feedback is on: the primary"
                    + " keeps the catalog rows the slots here need.");
        }
        return new Finding(CheckId.STANDBY_HOT_STANDBY_FEEDBACK, Status.FAIL, subject, "hot_standby_feedback is off:"
                + " the primary may remove catalog rows a slot on this standby still needs, and the slot is invalidated"
                + " (conflicting); turn it on (a reload, no restart).", Fixes.alterSystem(subject, "on", false));
    }

    static Finding primarySlot(ReplicationFacts r) {
        String subject = "primary_slot_name";
        if (r.primarySlotName() != null && !r.primarySlotName().isEmpty()) {
            return Finding.ok(CheckId.STANDBY_PRIMARY_SLOT, subject, "primary_slot_name is " + r.primarySlotName()
                    + ": the primary keeps the WAL and, with hot_standby_feedback, the catalog rows this standby needs.");
        }
        String slot = "standby_" + r.port();
        Fix fix = Fix.of(true, "SELECT pg_create_physical_replication_slot(" + Sql.literal(slot) + ")")
                .onPrimary(r.primary(), List.of("ALTER SYSTEM SET primary_slot_name = " + Sql.literal(slot),
                        Fixes.RELOAD));
        return new Finding(CheckId.STANDBY_PRIMARY_SLOT, Status.FAIL, subject, "primary_slot_name is not set: without"
                + " a physical slot on the primary, hot_standby_feedback does not hold the catalog rows a slot here needs"
                + " while the standby is disconnected, and the slot is invalidated (conflicting). Create a physical slot"
                + " on " + fix.primaryName() + ", then name it here (a reload).", fix);
    }

    static Finding syncSlots(ReplicationFacts r) {
        String subject = "sync_replication_slots";
        if (Boolean.TRUE.equals(r.syncReplicationSlots())) {
            return Finding.ok(CheckId.STANDBY_SLOT_SYNC, subject, "sync_replication_slots is on: the primary's failover"
                    + " slots are kept here, ready when this standby is promoted.");
        }
        return new Finding(CheckId.STANDBY_SLOT_SYNC, Status.WARN, subject, "sync_replication_slots is off: the"
                + " primary's failover slots are not kept here, so a consumer of the primary cannot continue on this"
                + " standby after a promotion; turn it on (a reload; it also needs primary_slot_name,"
                + " hot_standby_feedback and a dbname in primary_conninfo).", Fixes.alterSystem(subject, "on", false));
    }

    static Finding syncDbname(ReplicationFacts r, String database) {
        String subject = "primary_conninfo";
        if (r.primaryConninfo() == null) {
            return new Finding(CheckId.STANDBY_SLOT_SYNC, Status.INFO, subject, "primary_conninfo cannot be read by"
                    + " this role (superusers and pg_read_all_settings): slot synchronization needs a dbname in it.",
                    null);
        }
        if (r.conninfoHasDbname()) {
            return Finding.ok(CheckId.STANDBY_SLOT_SYNC, subject, "primary_conninfo names a database, as the slot sync"
                    + " worker needs.");
        }
        String why = "primary_conninfo names no dbname: the slot sync worker connects to a database of the primary and"
                + " does not start without one; add dbname=" + conninfoValue(database) + " (a reload).";
        if (r.primaryConninfo().contains("password")) {
            // the fix would print the password: say what to add instead
            return new Finding(CheckId.STANDBY_SLOT_SYNC, Status.WARN, subject, why, null);
        }
        String value = (r.primaryConninfo().isBlank() ? "" : r.primaryConninfo().strip() + " ") + "dbname="
                + conninfoValue(database);
        return new Finding(CheckId.STANDBY_SLOT_SYNC, Status.WARN, subject, why,
                Fixes.alterSystem(subject, Sql.literal(value), false));
    }

    private static String conninfoValue(String v) {
        return v.matches("[A-Za-z0-9_.-]+") ? v : "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * On a standby, fixes that change the database (DDL, grants, roles, publications: transactional statements, which
     * a standby refuses read-only) belong to its primary: they are shown as such and never applied here. ALTER SYSTEM
     * and slot fixes stay: the standby has its own settings and slots.
     */
    public static List<Finding> relocate(List<Finding> findings, ReplicationFacts r) {
        if (!r.inRecovery()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Fix x = f.fix();
            if (x != null && x.transactional() && !x.onPrimary() && !x.replication()) {
                out.add(new Finding(f.id(), f.status(), f.subject(), f.message() + " This server is a standby: run the"
                        + " fix on " + (r.primary() == null ? "its primary" : "the primary " + r.primary()) + ".",
                        x.onPrimary(r.primary(), List.of())));
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
