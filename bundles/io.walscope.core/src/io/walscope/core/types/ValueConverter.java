package io.walscope.core.types;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Converts one PostgreSQL value to Walscope's canonical JSON value, written straight to a Jackson
 * {@link JsonGenerator} (no tree, no intermediate objects for the common scalars).
 * <p>
 * <b>Text input</b> is PostgreSQL's output-function text, which is what pgoutput (text mode), test_decoding,
 * wal2json and JDBC {@code getString} all produce. Converters assume the session settings pgjdbc uses:
 * {@code DateStyle=ISO}, {@code IntervalStyle=postgres}, {@code extra_float_digits} &ge; 1 and
 * {@code bytea_output} hex (escape is read too). Text in another style raises {@link PgValueFormatException}.
 * <p>
 * <b>Binary input</b> is the type's {@code typsend} format, as pgoutput sends with {@code binary=true} (PG 14+).
 * Only some converters support it ({@link #supportsBinary()}); pgoutput falls back to text for a column whose
 * type lacks binary send/receive, and a decoder should request text mode for a relation if any column's
 * converter does not support binary.
 * <p>
 * Generators: a UTF-8 byte generator is the fast path. Enable
 * {@code JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8} (Jackson 2.18+) on its factory so characters
 * outside the BMP (emoji) are written as UTF-8 rather than as escaped surrogate pairs; both are valid JSON.
 * <p>
 * Instances are immutable and thread-safe. A SQL NULL is written by {@link #write(String, JsonGenerator)} as JSON
 * {@code null}; {@link #writeText} itself never receives null.
 */
public interface ValueConverter {

    /**
     * Writes the canonical JSON value for PostgreSQL's text output {@code text} (never null).
     *
     * @throws PgValueFormatException if the text is not in the expected output format
     * @throws IOException from the generator
     */
    void writeText(String text, JsonGenerator out) throws IOException;

    /** Writes {@code text}, or JSON {@code null} if {@code text} is null (SQL NULL). */
    default void write(String text, JsonGenerator out) throws IOException {
        if (text == null) {
            out.writeNull();
        } else {
            writeText(text, out);
        }
    }

    /** Whether {@link #writeBinary} is implemented for this type. */
    default boolean supportsBinary() {
        return false;
    }

    /**
     * Writes the canonical JSON value for the type's binary ({@code typsend}) representation.
     *
     * @param buf the buffer holding the value
     * @param off the offset of the value's first byte
     * @param len the value's length in bytes
     * @throws UnsupportedOperationException if {@link #supportsBinary()} is false
     * @throws PgValueFormatException if the bytes are malformed
     * @throws IOException from the generator
     */
    default void writeBinary(byte[] buf, int off, int len, JsonGenerator out) throws IOException {
        throw new UnsupportedOperationException("binary format not supported by " + getClass().getSimpleName()
                + "; request text mode for this column");
    }
}
