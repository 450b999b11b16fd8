package io.walscope.core.check;

/**
 * The server settings the checks judge, read in one query.
 *
 * @param walLevelPending true when a changed value waits for a restart ({@code pg_settings.pending_restart})
 * @param slotsInUse      replication slots that exist now (every database, temporary ones included)
 */
public record ServerFacts(String version, int versionNum, String walLevel, boolean walLevelPending,
        int maxReplicationSlots, boolean maxReplicationSlotsPending, int maxWalSenders,
        boolean maxWalSendersPending, int slotsInUse, String database) {
}
