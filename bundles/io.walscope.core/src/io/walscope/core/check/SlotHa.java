package io.walscope.core.check;

/**
 * A replication slot as failover and standby decoding see it.
 *
 * @param failover           17+: synced to standbys that have sync_replication_slots (false before 17)
 * @param synced             17+: this slot was synced from the primary (on a standby: not usable until promotion)
 * @param invalidationReason why the slot cannot decode any more: 17+ {@code invalidation_reason} (wal_removed,
 *                           rows_removed, wal_level_insufficient, idle_timeout), 16 {@code conflicting} as
 *                           "conflicting"; {@code null} when valid
 */
public record SlotHa(String name, String slotType, String database, boolean temporary, boolean active,
        boolean failover, boolean synced, String invalidationReason) {

    public boolean logical() {
        return "logical".equals(slotType);
    }
}
