package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;

import io.walscope.core.profile.Plugin;

/** Judges the server settings and the login role: {@code server.*} and {@code role.replication}. Pure. */
public final class ServerRules {
    /** The newest major version Walscope is tested with. */
    public static final int NEWEST_TESTED = 180000;

    private ServerRules() {
    }

    public static List<Finding> judge(ServerFacts s, RoleFacts r, Plugin plugin, boolean hasPartitionedRoots) {
        List<Finding> out = new ArrayList<>();
        out.add(version(s, plugin, hasPartitionedRoots));
        out.add(walLevel(s));
        int need = s.slotsInUse() + 1;
        out.add(setting(CheckId.SERVER_MAX_REPLICATION_SLOTS, "max_replication_slots", s.maxReplicationSlots(),
                s.maxReplicationSlotsPending(), need, s.slotsInUse()));
        out.add(setting(CheckId.SERVER_MAX_WAL_SENDERS, "max_wal_senders", s.maxWalSenders(),
                s.maxWalSendersPending(), need, s.slotsInUse()));
        out.add(replication(r));
        return out;
    }

    static Finding version(ServerFacts s, Plugin plugin, boolean hasPartitionedRoots) {
        String v = "PostgreSQL " + s.version();
        int n = s.versionNum();
        if (n < 90600) {
            return new Finding(CheckId.SERVER_VERSION, Status.FAIL, v, v + " is not supported: Walscope needs 9.6 or newer.", null);
        }
        if (n < plugin.minVersionNum()) {
            return new Finding(CheckId.SERVER_VERSION, Status.FAIL, v, plugin.id() + " needs PostgreSQL "
                    + (plugin.minVersionNum() / 10000) + " or newer; on " + v + " choose test_decoding, wal2json or decoderbufs.", null);
        }
        if (hasPartitionedRoots && n < 130000) {
            return new Finding(CheckId.SERVER_VERSION, Status.WARN, v, v
                    + " cannot publish partitioned tables under their root (publish_via_partition_root needs 13+): changes arrive under each partition's name.", null);
        }
        if (n >= NEWEST_TESTED + 10000) {
            return new Finding(CheckId.SERVER_VERSION, Status.INFO, v, v + " is newer than the versions Walscope is tested with (9.6 to 18).", null);
        }
        return Finding.ok(CheckId.SERVER_VERSION, v, v + " is supported.");
    }

    static Finding walLevel(ServerFacts s) {
        if ("logical".equals(s.walLevel())) {
            return Finding.ok(CheckId.SERVER_WAL_LEVEL, "wal_level", "wal_level is logical.");
        }
        if (s.walLevelPending()) {
            return new Finding(CheckId.SERVER_WAL_LEVEL, Status.FAIL, "wal_level", "wal_level is " + s.walLevel()
                    + "; a new value is set and takes effect when the server restarts: restart it.", null);
        }
        return new Finding(CheckId.SERVER_WAL_LEVEL, Status.FAIL, "wal_level", "wal_level is " + s.walLevel()
                + ": logical decoding needs wal_level = logical (takes effect after a restart).",
                Fixes.alterSystem("wal_level", "logical", true));
    }

    static Finding setting(String id, String name, int value, boolean pending, int need, int inUse) {
        String what = name + " is " + value + "; " + inUse + " slot" + (inUse == 1 ? "" : "s") + " in use";
        if (value >= need) {
            return Finding.ok(id, name, what + ": enough for one more.");
        }
        if (pending) {
            return new Finding(id, Status.FAIL, name, what + ". A new value is set and takes effect when the server restarts: restart it.", null);
        }
        int target = Math.max(10, need);
        return new Finding(id, Status.FAIL, name, what + ": CDC needs at least " + need + " (takes effect after a restart).",
                Fixes.alterSystem(name, String.valueOf(target), true));
    }

    static Finding replication(RoleFacts r) {
        String subject = r.name();
        if (r.superuser()) {
            return Finding.ok(CheckId.ROLE_REPLICATION, subject, "Role " + r.name() + " is a superuser.");
        }
        if (r.replication()) {
            return Finding.ok(CheckId.ROLE_REPLICATION, subject, "Role " + r.name() + " has the REPLICATION attribute.");
        }
        if (r.rdsReplication()) {
            return Finding.ok(CheckId.ROLE_REPLICATION, subject, "Role " + r.name() + " is a member of rds_replication.");
        }
        String why = r.replicationGroups().isEmpty() ? ""
                : " It has REPLICATION only through membership of " + String.join(", ", r.replicationGroups())
                        + ", and PostgreSQL does not inherit that attribute.";
        return new Finding(CheckId.ROLE_REPLICATION, Status.FAIL, subject, "Role " + r.name()
                + " lacks the REPLICATION attribute and is no superuser: it cannot create slots or stream." + why,
                Fixes.alterRoleReplication(r.name()));
    }
}
