package io.walscope.core.check;

/**
 * The server settings the checks judge, read in one query.
 *
 * @param walLevelPending true when a changed value waits for a restart ({@code pg_settings.pending_restart})
 * @param slotsInUse      replication slots that exist now (every database, temporary ones included)
 * @param outputPluginLibraries the setting {@code output_plugin_libraries} as SHOW prints it, {@code null} where the
 *                        server has no such setting (before the minors of late 2026, and 13 and older) or where the
 *                        login role may not read it
 * @param outputPluginLibrariesHidden true when the server has the setting but hides it from the login role (neither
 *                        superuser nor member of pg_read_all_settings)
 */
public record ServerFacts(String version, int versionNum, String walLevel, boolean walLevelPending,
        int maxReplicationSlots, boolean maxReplicationSlotsPending, int maxWalSenders,
        boolean maxWalSendersPending, int slotsInUse, String database, String outputPluginLibraries,
        boolean outputPluginLibrariesHidden) {

    /** Facts of a server whose {@code output_plugin_libraries} (if any) the role can read. */
    public ServerFacts(String version, int versionNum, String walLevel, boolean walLevelPending,
            int maxReplicationSlots, boolean maxReplicationSlotsPending, int maxWalSenders,
            boolean maxWalSendersPending, int slotsInUse, String database, String outputPluginLibraries) {
        this(version, versionNum, walLevel, walLevelPending, maxReplicationSlots, maxReplicationSlotsPending,
                maxWalSenders, maxWalSendersPending, slotsInUse, database, outputPluginLibraries, false);
    }

    /** Facts of a server without {@code output_plugin_libraries}. */
    public ServerFacts(String version, int versionNum, String walLevel, boolean walLevelPending,
            int maxReplicationSlots, boolean maxReplicationSlotsPending, int maxWalSenders,
            boolean maxWalSendersPending, int slotsInUse, String database) {
        this(version, versionNum, walLevel, walLevelPending, maxReplicationSlots, maxReplicationSlotsPending,
                maxWalSenders, maxWalSendersPending, slotsInUse, database, null, false);
    }
}
