package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges {@code table.clickhouse_toast}: where {@code walscope tail --format clickhouse} could load a wrong row. An
 * update that leaves a TOASTed value unchanged does not carry it; the ClickHouse row must hold it all the same
 * (ReplacingMergeTree replaces whole rows). The writer takes it from the old row (REPLICA IDENTITY FULL) or reads it
 * by primary key; a table with TOAST-able columns, no primary key and no FULL identity gives it neither, so such a
 * row would lose those columns (NULL or empty). Only those tables get a finding. Pure.
 */
public final class ClickHouseToastRules {
    private ClickHouseToastRules() {
    }

    public static List<Finding> judge(List<TableFacts> tables) {
        List<Finding> out = new ArrayList<>();
        for (TableFacts t : tables) {
            if (t.isPartitionedRoot() || t.toastColumns().isEmpty() || t.replicaIdentity() == 'f'
                    || t.hasPrimaryKey()) {
                continue;
            }
            String cols = String.join(", ", t.toastColumns());
            out.add(new Finding(CheckId.TABLE_CLICKHOUSE_TOAST, Status.WARN, t.subject(), "An update of "
                    + t.subject() + " that leaves " + cols + " unchanged does not send " + (t.toastColumns().size() == 1
                            ? "its TOASTed value" : "their TOASTed values")
                    + ", and with no primary key and no REPLICA IDENTITY FULL --format clickhouse can neither take "
                    + (t.toastColumns().size() == 1 ? "it" : "them") + " from the old row nor read "
                    + (t.toastColumns().size() == 1 ? "it" : "them") + " by key: the ClickHouse row would hold NULL or"
                    + " empty there. Set REPLICA IDENTITY FULL (the fix of table.replica_identity) or add a primary key.",
                    null)); // no fix of its own: apply would run table.replica_identity's statement twice
        }
        return out;
    }
}
