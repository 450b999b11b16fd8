package io.walscope.core.debezium;

/**
 * How one column type travels in Debezium's records: its Connect schema, the Connect value of a PostgreSQL text
 * value, the value of an unchanged TOAST column, Debezium's fallback for a NOT NULL column without a value, and
 * the value of a column default.
 */
final class Codec {
    /** Where a value comes from: Debezium converts each path's Java objects a little differently. */
    enum Path {
        /** A streamed change (Debezium parses pgoutput's text itself). */
        STREAM,
        /** A snapshot row (Debezium reads it through pgjdbc's {@code getObject}). */
        SNAPSHOT,
        /** An array element (Debezium reads arrays through pgjdbc's {@code PgArray}). */
        ELEMENT
    }

    /** The Connect value of PostgreSQL's text; throws where Debezium's conversion fails (the field is then NULL). */
    interface Conv {
        Object of(String text, Path path);
    }

    /** The Connect value of a column default's expression ({@code pg_get_expr}), or null for none. */
    interface Default {
        Object of(String expression);
    }

    private static final Default NO_DEFAULT = e -> null;

    final ConnectSchema schema;
    final Conv conv;
    final Object fallback;
    final Object toast;
    final Default defaults;

    Codec(ConnectSchema schema, Conv conv, Object fallback, Object toast, Default defaults) {
        this.schema = schema;
        this.conv = conv;
        this.fallback = fallback;
        this.toast = toast;
        this.defaults = defaults == null ? NO_DEFAULT : defaults;
    }

    Codec withToast(Object t) {
        return new Codec(schema, conv, fallback, t, defaults);
    }

    Codec withDefaults(Default d) {
        return new Codec(schema, conv, fallback, toast, d);
    }

    /** The value of {@code text}, or null where Debezium cannot convert it. */
    Object value(String text, Path path) {
        try {
            return conv.of(text, path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The default of {@code expression}, or null where Debezium does not parse it. */
    Object defaultOf(String expression) {
        if (expression == null) {
            return null;
        }
        try {
            return defaults.of(expression);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
