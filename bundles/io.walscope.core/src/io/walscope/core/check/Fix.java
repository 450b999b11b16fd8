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
 */
public record Fix(List<String> sql, boolean needsRestart, boolean needsSuperuser, boolean transactional,
        boolean explicitOnly) {

    public Fix {
        sql = List.copyOf(Objects.requireNonNull(sql));
        if (sql.isEmpty()) {
            throw new IllegalArgumentException("a fix needs at least one statement");
        }
    }

    /** Ordinary statements that run inside the apply transaction. */
    public static Fix of(boolean needsSuperuser, String... sql) {
        return new Fix(List.of(sql), false, needsSuperuser, true, false);
    }

    /** The fix as a script fragment: every statement on its own line, ended by a semicolon. */
    public String script() {
        StringBuilder b = new StringBuilder();
        for (String s : sql) {
            b.append(s).append(";\n");
        }
        return b.toString();
    }
}
