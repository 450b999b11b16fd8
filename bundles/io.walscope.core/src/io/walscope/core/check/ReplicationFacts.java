package io.walscope.core.check;

/**
 * Where the server stands in a replication setup, read in one query: recovery, the WAL receiver (whose primary),
 * and the settings decoding on a standby and failover slots depend on. {@code null} marks a setting the version
 * does not have (or the login role may not read).
 *
 * @param port                   the port this server listens on (to name a physical slot for it)
 * @param primaryHost            a standby's primary as its WAL receiver reports it ({@code sender_host}, 11+; else
 *                               parsed from {@code conninfo}); {@code null} when unknown
 * @param receiverStatus         {@code streaming}, {@code catchup}, ...; {@code null} without a WAL receiver
 * @param receiverSlot           the physical slot the WAL receiver streams from
 * @param primarySlotName        {@code primary_slot_name} (12+; empty when not set)
 * @param primaryConninfo        {@code primary_conninfo} (12+; superusers and pg_read_all_settings only)
 * @param syncReplicationSlots   {@code sync_replication_slots} (17+)
 * @param synchronizedStandbySlots {@code synchronized_standby_slots} (17+; empty when not set)
 */
public record ReplicationFacts(int versionNum, boolean inRecovery, int port, String primaryHost, Integer primaryPort,
        String receiverStatus, String receiverSlot, boolean hotStandbyFeedback, String primarySlotName,
        String primaryConninfo, Boolean syncReplicationSlots, String synchronizedStandbySlots,
        String sharedPreloadLibraries) {

    /** {@code host:port} of the primary a standby streams from, or {@code null}. */
    public String primary() {
        if (primaryHost == null) {
            return null;
        }
        return (primaryHost.contains(":") ? "[" + primaryHost + "]" : primaryHost)
                + (primaryPort == null ? "" : ":" + primaryPort);
    }

    /** True when {@code shared_preload_libraries} loads pg_failover_slots (keeps logical slots on standbys, 11-16). */
    public boolean failoverSlotsExtension() {
        return sharedPreloadLibraries != null && sharedPreloadLibraries.contains("pg_failover_slots");
    }

    /** True when {@code primary_conninfo} names a database (the slot sync worker of 17+ needs one). */
    public boolean conninfoHasDbname() {
        return primaryConninfo != null && (primaryConninfo.matches("(?s).*(^|\\s)dbname\\s*=.*")
                || primaryConninfo.matches("(?s)^postgres(ql)?://[^?]*/[^/?]+.*"));
    }
}
