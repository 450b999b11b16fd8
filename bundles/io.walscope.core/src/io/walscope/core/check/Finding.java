package io.walscope.core.check;

import java.util.Objects;
import java.util.Optional;

/**
 * One result of one check about one subject: a value, never an exception.
 *
 * @param id      the stable check id ({@code server.wal_level}, {@code table.replica_identity}, ...), see
 *                {@link CheckId}
 * @param status  how it stands
 * @param subject what it is about: a setting, a role, a schema, {@code schema.table} (unquoted, as a person
 *                reads it), a slot or plugin name
 * @param message one or two sentences a person understands
 * @param fix     the SQL that fixes it, or {@code null}
 */
public record Finding(String id, Status status, String subject, String message, Fix fix) {
    public Finding {
        Objects.requireNonNull(id);
        Objects.requireNonNull(status);
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(message);
    }

    public static Finding ok(String id, String subject, String message) {
        return new Finding(id, Status.OK, subject, message, null);
    }

    public Optional<Fix> optionalFix() {
        return Optional.ofNullable(fix);
    }

    /** The area a finding belongs to: the part of its id before the dot ({@code server}, {@code table}, ...). */
    public String area() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
