package io.walscope.core.check;

import java.util.List;
import java.util.Set;

/**
 * One table of the chosen schemas, as read by one set-based catalog query; also the row of the per-table
 * matrix of the Preparation editor.
 *
 * @param kind            {@code 'r'} an ordinary table or a partition, {@code 'p'} a partitioned (root) table
 * @param parent          for a partition, its partitioned parent as {@code schema.table}; else {@code null}
 * @param replicaIdentity {@code 'd'} default, {@code 'n'} nothing, {@code 'f'} full, {@code 'i'} index
 * @param identityIndex   the index of REPLICA IDENTITY USING INDEX, or {@code null}
 * @param owned           the login role owns the table (or is a member of the owner role)
 * @param toastColumns    columns whose values may be stored out of line (TOAST)
 * @param partitions      for a partitioned table, how many partitions it has
 * @param publications    the publications that publish the table's changes (directly, through its root, or
 *                        FOR ALL TABLES)
 * @param storedGenerated  columns {@code GENERATED ALWAYS AS (...) STORED} (PG 12+)
 * @param virtualGenerated columns {@code GENERATED ALWAYS AS (...) VIRTUAL} (PG 18+): never written to the WAL
 */
public record TableFacts(String schema, String name, char kind, String parent, char replicaIdentity,
        boolean hasPrimaryKey, String identityIndex, boolean canSelect, boolean owned, List<String> toastColumns,
        int partitions, Set<String> publications, List<String> storedGenerated, List<String> virtualGenerated) {

    public TableFacts {
        toastColumns = List.copyOf(toastColumns);
        publications = Set.copyOf(publications);
        storedGenerated = List.copyOf(storedGenerated);
        virtualGenerated = List.copyOf(virtualGenerated);
    }

    /** A table without generated columns. */
    public TableFacts(String schema, String name, char kind, String parent, char replicaIdentity,
            boolean hasPrimaryKey, String identityIndex, boolean canSelect, boolean owned, List<String> toastColumns,
            int partitions, Set<String> publications) {
        this(schema, name, kind, parent, replicaIdentity, hasPrimaryKey, identityIndex, canSelect, owned, toastColumns,
                partitions, publications, List.of(), List.of());
    }

    /** {@code schema.table}, unquoted: the subject of the table's findings. */
    public String subject() {
        return Sql.display(schema, name);
    }

    /** The quoted name for SQL. */
    public String sqlName() {
        return Sql.qualified(schema, name);
    }

    public boolean isPartitionedRoot() {
        return kind == 'p';
    }

    public boolean isPartition() {
        return parent != null;
    }

    /** DEFAULT, NOTHING, FULL or INDEX, as {@code ALTER TABLE ... REPLICA IDENTITY} spells it. */
    public String replicaIdentityName() {
        return switch (replicaIdentity) {
            case 'f' -> "FULL";
            case 'n' -> "NOTHING";
            case 'i' -> "INDEX";
            default -> "DEFAULT";
        };
    }
}
