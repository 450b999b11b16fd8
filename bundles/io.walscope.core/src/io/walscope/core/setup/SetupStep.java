package io.walscope.core.setup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;

/**
 * The steps of the source guide's preparation, in its order, as the setup wizard walks them. Findings land on a
 * step by their check id: an exact id or id prefix first ({@code role.create_publication} belongs to the
 * publications, {@code plugin.allowed} to the server), then the area (the id's part before the dot). An area no
 * step names lands on the server step, so a new check is shown somewhere without code changes. Pure.
 */
public enum SetupStep {
    SERVER("Server", "1", "Version, wal_level, replication slots and WAL senders, and output_plugin_libraries: what is"
            + " wrong, and which change needs a restart and which a reload."),
    USER("CDC user", "2", "A dedicated login role with REPLICATION, USAGE on the schemas and SELECT on their tables"
            + " (or the current role, checked)."),
    TABLES("Tables", "3", "Primary keys and REPLICA IDENTITY per table: FULL where before-images are needed; tables"
            + " without a key risk losing updates and deletes."),
    PUBLICATIONS("Publications", "4", "The publications pgoutput reads, with publish_via_partition_root for"
            + " partitioned tables (PostgreSQL 13+)."),
    PLUGIN("Plugin and pg_hba", "4.5-4.7", "Whether this server really has the plugin, and the pg_hba.conf line a replication"
            + " connection needs on this version."),
    TEST("Test", "5", "The guide's test done for real: a slot with the plugin, a row written to a test table and"
            + " read back through the plugin, then both dropped."),
    LAST_UPDATE("Timestamp polling", "5.6", "Optional: a last_update column and trigger per table, for incremental"
            + " sync by timestamp where logical decoding is not available."),
    SSL("SSL", "SSL", "Optional: the server's SSL state, and a CA, server and client certificate set with the"
            + " postgresql.conf lines that use it.");

    /** Exact ids and id prefixes, checked before the area. */
    private static final Map<String, SetupStep> BY_ID = Map.of("role.create_publication", PUBLICATIONS,
            "plugin.allowed", SERVER);
    private static final Map<String, SetupStep> BY_AREA = areas();

    private final String title;
    private final String guideStep;
    private final String description;

    SetupStep(String title, String guideStep, String description) {
        this.title = title;
        this.guideStep = guideStep;
        this.description = description;
    }

    private static Map<String, SetupStep> areas() {
        Map<String, SetupStep> m = new LinkedHashMap<>();
        for (String a : List.of("server", "standby", "slot", "failover", "wal")) {
            m.put(a, SERVER);
        }
        m.put("role", USER);
        m.put("grant", USER);
        m.put("table", TABLES);
        m.put("publication", PUBLICATIONS);
        m.put("plugin", PLUGIN);
        m.put("hba", PLUGIN);
        m.put("poll", LAST_UPDATE);
        m.put("ssl", SSL);
        return m;
    }

    public String title() {
        return title;
    }

    /** The step of the source guide this follows ("1", "2", ... "SSL"). */
    public String guideStep() {
        return guideStep;
    }

    /** "3. Tables": the wizard's page number and the title. */
    public String label() {
        return (ordinal() + 1) + ". " + title;
    }

    public String description() {
        return description;
    }

    /** The step a check id belongs to. */
    public static SetupStep of(String checkId) {
        String best = null;
        for (String k : BY_ID.keySet()) {
            if ((checkId.equals(k) || checkId.startsWith(k + ".")) && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        if (best != null) {
            return BY_ID.get(best);
        }
        int dot = checkId.indexOf('.');
        String area = dot < 0 ? checkId : checkId.substring(0, dot);
        return BY_AREA.getOrDefault(area, SERVER);
    }

    public static SetupStep of(Finding f) {
        return of(f.id());
    }

    /** The findings of {@code r} that belong to this step, in the report's order. */
    public List<Finding> findings(CheckReport r) {
        return r == null ? List.of() : r.findings().stream().filter(f -> of(f) == this).toList();
    }
}
