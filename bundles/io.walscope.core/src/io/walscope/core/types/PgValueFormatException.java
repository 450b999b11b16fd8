package io.walscope.core.types;

/**
 * A value handed to a converter is not in the PostgreSQL output format the converter expects (for example a
 * date printed with {@code DateStyle} other than ISO). The catalog never throws this: only value conversion does,
 * and callers such as the stream decoder may choose to fall back to emitting the raw text.
 */
public class PgValueFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A format error for {@code value}, with what was expected. */
    public PgValueFormatException(String expected, CharSequence value) {
        super("not a PostgreSQL " + expected + " value: " + abbreviate(value));
    }

    private static String abbreviate(CharSequence value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? "'" + value + "'" : "'" + value.subSequence(0, 77) + "...'";
    }
}
