package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;

import io.walscope.core.profile.Plugin;

/** Judges the chosen schemas and tables: {@code grant.*} and {@code table.*}. Pure. */
public final class TableRules {
    private TableRules() {
    }

    public static List<Finding> judge(List<SchemaFacts> schemas, List<TableFacts> tables, RoleFacts role,
            Plugin plugin, int versionNum) {
        List<Finding> out = new ArrayList<>();
        for (SchemaFacts s : schemas) {
            out.add(schemaUsage(s, role));
        }
        for (TableFacts t : tables) {
            out.add(select(t, role));
        }
        for (TableFacts t : tables) {
            if (!t.isPartitionedRoot()) {
                out.add(primaryKey(t, plugin));
            }
        }
        for (TableFacts t : tables) {
            if (!t.isPartitionedRoot()) {
                out.add(replicaIdentity(t, role));
            }
        }
        for (TableFacts t : tables) {
            if (!t.isPartitionedRoot()) {
                out.add(toast(t));
            }
        }
        for (TableFacts t : tables) {
            if (t.isPartitionedRoot()) {
                out.add(partitioned(t, plugin, versionNum));
            }
        }
        return out;
    }

    static Finding schemaUsage(SchemaFacts s, RoleFacts role) {
        if (!s.exists()) {
            return new Finding(CheckId.GRANT_SCHEMA_USAGE, Status.FAIL, s.name(), "Schema " + s.name()
                    + " does not exist in this database: check the schema names.", null);
        }
        if (s.usage()) {
            return Finding.ok(CheckId.GRANT_SCHEMA_USAGE, s.name(), role.name() + " may use schema " + s.name() + ".");
        }
        return new Finding(CheckId.GRANT_SCHEMA_USAGE, Status.FAIL, s.name(), role.name()
                + " has no USAGE on schema " + s.name() + ": it cannot read its tables.", Fixes.grantSchemaUsage(s.name(), role.name()));
    }

    static Finding select(TableFacts t, RoleFacts role) {
        if (t.canSelect()) {
            return Finding.ok(CheckId.GRANT_TABLE_SELECT, t.subject(), role.name() + " may read " + t.subject() + ".");
        }
        return new Finding(CheckId.GRANT_TABLE_SELECT, Status.FAIL, t.subject(), role.name() + " may not SELECT from "
                + t.subject() + ": the initial snapshot cannot read it.", Fixes.grantSelect(t, role.name()));
    }

    static Finding primaryKey(TableFacts t, Plugin plugin) {
        if (t.hasPrimaryKey()) {
            return Finding.ok(CheckId.TABLE_PRIMARY_KEY, t.subject(), t.subject() + " has a primary key.");
        }
        if (t.replicaIdentity() == 'i' && t.identityIndex() != null) {
            return new Finding(CheckId.TABLE_PRIMARY_KEY, Status.INFO, t.subject(), t.subject()
                    + " has no primary key; its replica identity index " + t.identityIndex() + " keys the changes.", null);
        }
        if (t.replicaIdentity() == 'f') {
            return new Finding(CheckId.TABLE_PRIMARY_KEY, Status.WARN, t.subject(), t.subject()
                    + " has no primary key: updates and deletes carry the whole old row (REPLICA IDENTITY FULL) but no key to match it by.", null);
        }
        if (plugin == Plugin.WAL2JSON) {
            return new Finding(CheckId.TABLE_PRIMARY_KEY, Status.FAIL, t.subject(), t.subject()
                    + " has no primary key: wal2json skips its updates and deletes (wal2json#30). Add a primary key or set REPLICA IDENTITY FULL.", null);
        }
        return new Finding(CheckId.TABLE_PRIMARY_KEY, Status.WARN, t.subject(), t.subject()
                + " has no primary key: updates and deletes cannot be keyed. Add a primary key or set REPLICA IDENTITY FULL.", null);
    }

    static Finding replicaIdentity(TableFacts t, RoleFacts role) {
        boolean su = !t.owned() && !role.superuser();
        String ri = "REPLICA IDENTITY " + t.replicaIdentityName();
        String part = t.isPartition() ? " (a partition of " + t.parent() + ": each partition has its own replica identity)" : "";
        switch (t.replicaIdentity()) {
            case 'f':
                return Finding.ok(CheckId.TABLE_REPLICA_IDENTITY, t.subject(), t.subject() + " has " + ri + ": updates and deletes carry the whole old row" + part + ".");
            case 'n':
                return new Finding(CheckId.TABLE_REPLICA_IDENTITY, Status.FAIL, t.subject(), t.subject() + " has " + ri
                        + ": updates and deletes carry no old values, and a publication refuses them" + part + ".", Fixes.replicaIdentityFull(t, su));
            case 'i':
                if (t.identityIndex() == null) {
                    return new Finding(CheckId.TABLE_REPLICA_IDENTITY, Status.FAIL, t.subject(), t.subject() + " has " + ri
                            + " but its index is gone: it behaves like NOTHING" + part + ".", Fixes.replicaIdentityFull(t, su));
                }
                return new Finding(CheckId.TABLE_REPLICA_IDENTITY, Status.WARN, t.subject(), t.subject() + " has " + ri + " "
                        + t.identityIndex() + ": before-images carry only the index columns; FULL sends whole old rows" + part + ".", Fixes.replicaIdentityFull(t, su));
            default:
                if (!t.hasPrimaryKey()) {
                    return new Finding(CheckId.TABLE_REPLICA_IDENTITY, Status.FAIL, t.subject(), t.subject() + " has " + ri
                            + " and no primary key: updates and deletes carry no old values, and a publication refuses them" + part + ".", Fixes.replicaIdentityFull(t, su));
                }
                return new Finding(CheckId.TABLE_REPLICA_IDENTITY, Status.WARN, t.subject(), t.subject() + " has " + ri
                        + ": before-images carry only the primary key; FULL sends whole old rows" + part + ".", Fixes.replicaIdentityFull(t, su));
        }
    }

    static Finding toast(TableFacts t) {
        if (t.toastColumns().isEmpty()) {
            return Finding.ok(CheckId.TABLE_TOAST, t.subject(), t.subject() + " has no TOAST-able columns.");
        }
        String cols = String.join(", ", t.toastColumns());
        if (t.replicaIdentity() == 'f') {
            return Finding.ok(CheckId.TABLE_TOAST, t.subject(), "Unchanged TOASTed values of " + cols
                    + " are not sent in updates, but the full before-image (REPLICA IDENTITY FULL) carries them.");
        }
        return new Finding(CheckId.TABLE_TOAST, Status.INFO, t.subject(), "Updates that leave " + cols + " of " + t.subject()
                + " unchanged do not send their TOASTed values (shown as unchanged, not NULL) unless REPLICA IDENTITY is FULL.", null);
    }

    static Finding partitioned(TableFacts t, Plugin plugin, int versionNum) {
        String n = t.subject() + " is partitioned (" + t.partitions() + " partition" + (t.partitions() == 1 ? "" : "s") + ")";
        if (plugin == Plugin.WAL2JSON) {
            return new Finding(CheckId.TABLE_PARTITIONED, Status.WARN, t.subject(), n
                    + ": wal2json cannot publish via the partition root (wal2json#259); changes arrive under each partition's name.", null);
        }
        if (plugin != Plugin.PGOUTPUT) {
            return new Finding(CheckId.TABLE_PARTITIONED, Status.INFO, t.subject(), n + ": " + plugin.id()
                    + " reports changes under each partition's name.", null);
        }
        if (versionNum < 130000) {
            return new Finding(CheckId.TABLE_PARTITIONED, Status.WARN, t.subject(), n
                    + ": publishing under the root needs PostgreSQL 13+; here each partition is published on its own.", null);
        }
        return Finding.ok(CheckId.TABLE_PARTITIONED, t.subject(), n + ": published under the root with publish_via_partition_root.");
    }
}
