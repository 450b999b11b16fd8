package io.walscope.core.check;

import java.util.List;
import java.util.Objects;

/**
 * The SQL that fixes a finding, shown before it runs.
 *
 * @param sql            the statements, in order, each complete without a trailing semicolon
 * @param needsRestart   true when the change takes effect only after a server restart (ALTER SYSTEM of
 *                       {@code wal_level} and friends)
 * @param needsSuperuser true when the statements need a superuser (or the owner of the objects, where the
 *                       login role is not): apply reports them instead of failing the whole transaction
 * @param transactional  false for statements PostgreSQL refuses inside a transaction block (ALTER SYSTEM) or
 *                       that cannot be rolled back (dropping a slot): they run one by one after the
 *                       transaction of the others
 * @param explicitOnly   true for fixes that destroy something (dropping a slot): applied only when chosen
 *                       by id or subject, never as part of "apply everything"
 * @param primary        {@code null} when {@code sql} runs on the server that was checked; otherwise that server is a
 *                       standby and {@code sql} must run on its primary (named here: {@code host:port}, or empty
 *                       when the standby does not say): shown as such, never applied on the standby
 * @param then           statements for the checked standby itself, to run after {@code sql} ran on the primary
 *                       (e.g. {@code primary_slot_name} once the primary has the slot); empty otherwise
 * @param replication    true when the statements are replication-protocol commands ({@code ALTER_REPLICATION_SLOT}),
 *                       run on a replication connection
 */
public record Fix(List<String> sql, boolean needsRestart, boolean needsSuperuser, boolean transactional,
        boolean explicitOnly, String primary, List<String> then, boolean replication) {

    public Fix {
        sql = List.copyOf(Objects.requireNonNull(sql));
        then = then == null ? List.of() : List.copyOf(then);
        if (sql.isEmpty()) {
            throw new IllegalArgumentException("a fix needs at least one statement");
        }
    }

    /** A fix that runs on the server checked. */
    public Fix(List<String> sql, boolean needsRestart, boolean needsSuperuser, boolean transactional,
            boolean explicitOnly) {
        this(sql, needsRestart, needsSuperuser, transactional, explicitOnly, null, List.of(), false);
    }

    /** Ordinary statements that run inside the apply transaction. */
    public static Fix of(boolean needsSuperuser, String... sql) {
        return new Fix(List.of(sql), false, needsSuperuser, true, false);
    }

    /** True when the fix reloads the server's configuration (ALTER SYSTEM of a reloadable setting). */
    public boolean reloads() {
        return sql.stream().anyMatch(s -> s.startsWith("SELECT pg_reload_conf"));
    }

    /** "the primary 10.0.0.5:5432" (or "the primary"), for messages. */
    public String primaryName() {
        return primary == null || primary.isEmpty() ? "the primary" : "the primary " + primary;
    }

    /** True when the statements must run on the primary of the standby that was checked. */
    public boolean onPrimary() {
        return primary != null;
    }

    /** This fix, to run on {@code primaryName} instead of the standby that was checked; {@code then} on the standby after. */
    public Fix onPrimary(String primaryName, List<String> thenOnStandby) {
        return new Fix(sql, needsRestart, needsSuperuser, transactional, explicitOnly,
                primaryName == null ? "" : primaryName, thenOnStandby, replication);
    }

    /** The fix as a script fragment: every statement on its own line, ended by a semicolon; where it runs, as comments. */
    public String script() {
        StringBuilder b = new StringBuilder();
        if (onPrimary()) {
            b.append("-- on the primary").append(primary.isEmpty() ? "" : " " + primary).append(" (not on this standby):\n");
        }
        for (String s : sql) {
            b.append(s).append(";\n");
        }
        if (!then.isEmpty()) {
            b.append("-- then on this standby:\n");
            for (String s : then) {
                b.append(s).append(";\n");
            }
        }
        return b.toString();
    }
}
