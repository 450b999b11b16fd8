package io.walscope.core.check;

/**
 * A slot judged over a sampling window: what {@code walscope slots --json} adds to {@link SlotInfo}.
 *
 * @param lagBytes       logical: the current WAL position minus {@code confirmed_flush_lsn}; physical: minus
 *                       {@code restart_lsn}; null when unknown
 * @param walBytesPerSec the server's WAL rate over the window
 * @param lostInSeconds  {@code safe_wal_size} / rate when {@code max_slot_wal_keep_size} limits slots, or for an
 *                       inactive slot the time left of {@code idle_replication_slot_timeout} (PG 18) when that is
 *                       sooner (0 once lost); null when unlimited, unknown or nothing is written
 * @param stats          spill and stream statistics (PG 14+), else null
 * @param stuck          why the slot does not advance, or null
 * @param idleLeft       seconds until {@code idle_replication_slot_timeout} (PG 18) invalidates the inactive slot, or null
 */
public record SlotHealth(SlotInfo slot, Long lagBytes, Double walBytesPerSec, Double lostInSeconds, SlotStats stats,
        Long xmin, Long catalogXmin, Stuck stuck, Double idleLeft) {

    public String name() {
        return slot.name();
    }
}
