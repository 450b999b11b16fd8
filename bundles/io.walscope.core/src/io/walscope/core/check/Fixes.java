package io.walscope.core.check;

import java.util.List;
import java.util.stream.Collectors;

/** The SQL of every fix, with identifiers quoted by {@link Sql}. One place, unit-tested. */
public final class Fixes {
    /** The reload that follows ALTER SYSTEM of a setting that needs no restart. */
    public static final String RELOAD = "SELECT pg_reload_conf()";

    private Fixes() {
    }

    public static Fix replicaIdentityFull(TableFacts t, boolean needsSuperuser) {
        return Fix.of(needsSuperuser, "ALTER TABLE " + t.sqlName() + " REPLICA IDENTITY FULL");
    }

    public static Fix grantSchemaUsage(String schema, String role) {
        return Fix.of(true, "GRANT USAGE ON SCHEMA " + Sql.ident(schema) + " TO " + Sql.ident(role));
    }

    public static Fix grantSelect(TableFacts t, String role) {
        return Fix.of(true, "GRANT SELECT ON TABLE " + t.sqlName() + " TO " + Sql.ident(role));
    }

    public static Fix grantCreateOnDatabase(String database, String role) {
        return Fix.of(true, "GRANT CREATE ON DATABASE " + Sql.ident(database) + " TO " + Sql.ident(role));
    }

    public static Fix alterRoleReplication(String role) {
        return Fix.of(true, "ALTER ROLE " + Sql.ident(role) + " WITH REPLICATION");
    }

    /**
     * {@code ALTER SYSTEM SET name = value} and a reload, so that {@code pending_restart} shows the change.
     * ALTER SYSTEM cannot run inside a transaction block: the fix is not transactional.
     */
    public static Fix alterSystem(String setting, String value, boolean needsRestart) {
        return new Fix(List.of("ALTER SYSTEM SET " + Sql.ident(setting) + " = " + value, RELOAD),
                needsRestart, true, false, false);
    }

    /**
     * {@code ALTER SYSTEM SET output_plugin_libraries = 'a', 'b', ...} (a list of literals: one quoted string holding
     * commas would be ONE element) and a reload, which is enough for this setting.
     */
    public static Fix outputPluginLibraries(List<String> elements) {
        return new Fix(List.of("ALTER SYSTEM SET " + PluginAllowList.SETTING + " = " + PluginAllowList.sqlValue(elements),
                "SELECT pg_reload_conf()"), false, true, false, false);
    }

    /** {@code CREATE PUBLICATION}; {@code viaRoot} adds {@code publish_via_partition_root} (PG 13+). */
    public static Fix createPublication(String name, List<TableFacts> tables, boolean viaRoot, boolean needsSuperuser) {
        StringBuilder b = new StringBuilder("CREATE PUBLICATION ").append(Sql.ident(name));
        if (!tables.isEmpty()) {
            b.append(" FOR TABLE ").append(tables.stream().map(TableFacts::sqlName).collect(Collectors.joining(", ")));
        }
        if (viaRoot) {
            b.append(" WITH (publish_via_partition_root = true)");
        }
        return Fix.of(needsSuperuser, b.toString());
    }

    public static Fix addToPublication(String name, TableFacts t, boolean needsSuperuser) {
        return Fix.of(needsSuperuser, "ALTER PUBLICATION " + Sql.ident(name) + " ADD TABLE " + t.sqlName());
    }

    public static Fix publishViaRoot(String name, boolean needsSuperuser) {
        return Fix.of(needsSuperuser, "ALTER PUBLICATION " + Sql.ident(name) + " SET (publish_via_partition_root = true)");
    }

    /**
     * Drops a slot. Not transactional (a drop cannot be rolled back) and applied only when chosen: an
     * inactive slot may belong to a consumer that is merely down.
     */
    /** {@code ALTER SYSTEM RESET name} and a reload. */
    public static Fix alterSystemReset(String setting) {
        return new Fix(List.of("ALTER SYSTEM RESET " + Sql.ident(setting), RELOAD), false, true, false, false);
    }

    /**
     * Makes a logical slot a failover slot (PostgreSQL 17+): {@code ALTER_REPLICATION_SLOT}, a replication-protocol
     * command (no SQL function does it), run on a replication connection while the slot is not in use.
     */
    public static Fix failoverSlot(String slot) {
        return new Fix(List.of("ALTER_REPLICATION_SLOT " + Sql.ident(slot) + " (FAILOVER true)"), false, false, false,
                false, null, List.of(), true);
    }

    public static Fix dropSlot(String slot) {
        return new Fix(List.of("SELECT pg_drop_replication_slot(" + Sql.literal(slot) + ")"), false, false, false,
                true);
    }
}
