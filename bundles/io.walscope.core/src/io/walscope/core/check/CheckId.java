package io.walscope.core.check;

import java.util.List;

/** The stable ids of the checks (used by automation: do not rename). */
public final class CheckId {
    public static final String SERVER_VERSION = "server.version";
    public static final String SERVER_WAL_LEVEL = "server.wal_level";
    public static final String SERVER_MAX_REPLICATION_SLOTS = "server.max_replication_slots";
    public static final String SERVER_MAX_WAL_SENDERS = "server.max_wal_senders";
    public static final String ROLE_REPLICATION = "role.replication";
    public static final String ROLE_CREATE_PUBLICATION = "role.create_publication";
    public static final String GRANT_SCHEMA_USAGE = "grant.schema_usage";
    public static final String GRANT_TABLE_SELECT = "grant.table_select";
    public static final String TABLE_PRIMARY_KEY = "table.primary_key";
    public static final String TABLE_REPLICA_IDENTITY = "table.replica_identity";
    public static final String TABLE_TOAST = "table.toast";
    public static final String TABLE_PARTITIONED = "table.partitioned";
    public static final String TABLE_GENERATED_COLUMNS = "table.generated_columns";
    /** Tables whose ClickHouse rows could lose unchanged TOASTed values (issue 13). */
    public static final String TABLE_CLICKHOUSE_TOAST = "table.clickhouse_toast";
    public static final String PUBLICATION_EXISTS = "publication.exists";
    public static final String PUBLICATION_TABLES = "publication.tables";
    public static final String PLUGIN_ALLOWED = "plugin.allowed";
    public static final String PLUGIN_AVAILABLE = "plugin.available";
    public static final String HBA_REPLICATION = "hba.replication";
    public static final String SLOT_INACTIVE = "slot.inactive";
    public static final String SLOT_RETAINED_WAL = "slot.retained_wal";
    // slot health (issue 15)
    public static final String SLOT_STUCK = "slot.stuck";
    public static final String SLOT_FORECAST = "slot.forecast";
    public static final String SLOT_HEARTBEAT = "slot.heartbeat";
    public static final String SERVER_MAX_SLOT_WAL_KEEP_SIZE = "server.max_slot_wal_keep_size";
    // replicated architectures (issue 14)
    public static final String SERVER_ROLE = "server.role";
    public static final String STANDBY_VERSION = "standby.version";
    public static final String STANDBY_HOT_STANDBY_FEEDBACK = "standby.hot_standby_feedback";
    public static final String STANDBY_PRIMARY_SLOT = "standby.primary_slot";
    public static final String STANDBY_SLOT_SYNC = "standby.slot_sync";
    public static final String SLOT_FAILOVER = "slot.failover";
    public static final String SERVER_SYNCHRONIZED_STANDBY_SLOTS = "server.synchronized_standby_slots";
    public static final String SLOT_INVALIDATED = "slot.invalidated";
    public static final String HA_FAILOVER_SLOTS = "ha.failover_slots";
    public static final String MANAGED_LOGICAL = "managed.logical";

    /** Every id, in the order the checks run. */
    public static final List<String> ALL = List.of(SERVER_ROLE, SERVER_VERSION, MANAGED_LOGICAL, SERVER_WAL_LEVEL,
            SERVER_MAX_REPLICATION_SLOTS, SERVER_MAX_WAL_SENDERS, STANDBY_VERSION, STANDBY_HOT_STANDBY_FEEDBACK,
            STANDBY_PRIMARY_SLOT, STANDBY_SLOT_SYNC, ROLE_REPLICATION, ROLE_CREATE_PUBLICATION, GRANT_SCHEMA_USAGE,
            GRANT_TABLE_SELECT, TABLE_PRIMARY_KEY, TABLE_REPLICA_IDENTITY, TABLE_TOAST, TABLE_PARTITIONED,
            TABLE_GENERATED_COLUMNS, TABLE_CLICKHOUSE_TOAST,
            PUBLICATION_EXISTS, PUBLICATION_TABLES, PLUGIN_ALLOWED, PLUGIN_AVAILABLE, HBA_REPLICATION, SLOT_INACTIVE,
            SLOT_RETAINED_WAL, SLOT_INVALIDATED, SLOT_FAILOVER, SERVER_SYNCHRONIZED_STANDBY_SLOTS, HA_FAILOVER_SLOTS,
            SLOT_STUCK, SLOT_FORECAST, SLOT_HEARTBEAT, SERVER_MAX_SLOT_WAL_KEEP_SIZE);

    private CheckId() {
    }
}
