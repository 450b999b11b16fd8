package io.walscope.core.check;

/**
 * A logical slot's decoding statistics from {@code pg_stat_replication_slots} (PostgreSQL 14+): transactions
 * spilled to disk because they outgrew {@code logical_decoding_work_mem}, transactions streamed to the consumer
 * before their commit, and everything decoded, since {@code statsReset}.
 */
public record SlotStats(long spillTxns, long spillCount, long spillBytes, long streamTxns, long streamCount,
        long streamBytes, long totalTxns, long totalBytes, String statsReset) {
}
