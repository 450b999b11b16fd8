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
    public static final String PUBLICATION_EXISTS = "publication.exists";
    public static final String PUBLICATION_TABLES = "publication.tables";
    public static final String PLUGIN_AVAILABLE = "plugin.available";
    public static final String HBA_REPLICATION = "hba.replication";
    public static final String SLOT_INACTIVE = "slot.inactive";
    public static final String SLOT_RETAINED_WAL = "slot.retained_wal";

    /** Every id, in the order the checks run. */
    public static final List<String> ALL = List.of(SERVER_VERSION, SERVER_WAL_LEVEL, SERVER_MAX_REPLICATION_SLOTS,
            SERVER_MAX_WAL_SENDERS, ROLE_REPLICATION, ROLE_CREATE_PUBLICATION, GRANT_SCHEMA_USAGE,
            GRANT_TABLE_SELECT, TABLE_PRIMARY_KEY, TABLE_REPLICA_IDENTITY, TABLE_TOAST, TABLE_PARTITIONED,
            PUBLICATION_EXISTS, PUBLICATION_TABLES, PLUGIN_AVAILABLE, HBA_REPLICATION, SLOT_INACTIVE,
            SLOT_RETAINED_WAL);

    private CheckId() {
    }
}
