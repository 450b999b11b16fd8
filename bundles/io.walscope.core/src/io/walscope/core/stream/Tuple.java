package io.walscope.core.stream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The column values of one row image (before, after or key) of a {@link ChangeEvent}. Values are written as
 * Walscope's canonical JSON (see {@code io.walscope.core.types}), straight from the plugin's bytes.
 * <p>
 * A tuple delivered to a {@link ChangeListener} may be a view over the decoder's buffers, valid only during the
 * callback; {@link #copy()} gives an immutable one with each value rendered to its JSON text.
 */
public interface Tuple {
    /** The column has a value. */
    int VALUE = 0;
    /** The column is SQL NULL. */
    int NULL = 1;
    /** The column is an unchanged TOASTed value the plugin did not send: not NULL, just not known here. */
    int UNCHANGED_TOAST = 2;

    /** Number of columns. */
    int size();

    /** The column's name (as stored, not quoted). */
    String name(int i);

    /**
     * The column's name as a JSON field name, encoded once where the tuple can keep it (the writer's hot path);
     * by default encoded anew.
     */
    default SerializableString jsonName(int i) {
        return new SerializedString(name(i));
    }

    /** {@link #VALUE}, {@link #NULL} or {@link #UNCHANGED_TOAST}. */
    int state(int i);

    /** Writes the canonical JSON value of column {@code i} ({@code null} for a NULL column). */
    void writeValue(int i, JsonGenerator out) throws IOException;

    /**
     * The value of column {@code i} as PostgreSQL's text output, as the plugin sent it (pgoutput in text mode,
     * test_decoding, wal2json's value turned back into PostgreSQL's text: string content unquoted, booleans as
     * {@code t}/{@code f}, bytea with its {@code \x}); null when the plugin sent it otherwise (pgoutput binary
     * mode, decoderbufs) or the column is NULL or an unchanged TOAST value. Allocates: for viewers.
     */
    default String text(int i) {
        return null;
    }

    /** The canonical JSON text of column {@code i} (allocates: for viewers, not for the hot path). */
    default String json(int i) {
        return RenderedTuple.render(this, i);
    }

    /** An immutable copy that outlives the callback. */
    default Tuple copy() {
        return RenderedTuple.of(this);
    }

    /** Index of the column called {@code name}, or -1. */
    default int indexOf(String name) {
        for (int i = 0; i < size(); i++) {
            if (name(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Writes {@code {"col": value, ...}}, leaving out unchanged TOAST columns. */
    default void writeObject(JsonGenerator out) throws IOException {
        out.writeStartObject();
        int n = size();
        for (int i = 0; i < n; i++) {
            int s = state(i);
            if (s == UNCHANGED_TOAST) {
                continue;
            }
            out.writeFieldName(jsonName(i));
            if (s == NULL) {
                out.writeNull();
            } else {
                writeValue(i, out);
            }
        }
        out.writeEndObject();
    }

    /** True when any column is an unchanged TOAST value. */
    default boolean hasUnchangedToast() {
        for (int i = 0; i < size(); i++) {
            if (state(i) == UNCHANGED_TOAST) {
                return true;
            }
        }
        return false;
    }
}
