package io.walscope.core.stream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import io.walscope.core.types.PgValueFormatException;
import io.walscope.core.types.ValueConverter;

/**
 * A reusable tuple of PostgreSQL text values (test_decoding, wal2json, decoderbufs, snapshot reads), converted by
 * the type catalog's converters when written.
 */
public final class TextTuple implements Tuple {
    private String[] names = new String[16];
    private ValueConverter[] converters = new ValueConverter[16];
    private String[] values = new String[16];
    private int[] states = new int[16];
    private SerializedString[] jsonNames = new SerializedString[16];
    private int n;
    private final boolean pgText;

    /** A tuple whose values are PostgreSQL's text output ({@link #text(int)} gives them). */
    public TextTuple() {
        this(true);
    }

    /**
     * A tuple whose values are PostgreSQL's text output when {@code pgText}, otherwise text rebuilt from another
     * form (decoderbufs): then {@link #text(int)} is null.
     */
    public TextTuple(boolean pgText) {
        this.pgText = pgText;
    }

    /** Empties the tuple for reuse. */
    public TextTuple clear() {
        n = 0;
        return this;
    }

    /** Adds a column: its text value (null unless {@code state} is {@link #VALUE}) and its converter. */
    public void add(String name, ValueConverter c, String value, int state) {
        if (n == names.length) {
            names = java.util.Arrays.copyOf(names, n * 2);
            converters = java.util.Arrays.copyOf(converters, n * 2);
            values = java.util.Arrays.copyOf(values, n * 2);
            states = java.util.Arrays.copyOf(states, n * 2);
            jsonNames = java.util.Arrays.copyOf(jsonNames, n * 2);
        }
        names[n] = name;
        converters[n] = c;
        values[n] = value;
        states[n] = state;
        n++;
    }

    /** Marks columns of {@code full} missing here as unchanged TOAST (wal2json leaves them out). */
    void addMissingAsUnchanged(TextTuple full) {
        for (int i = 0; i < full.n; i++) {
            if (indexOf(full.names[i]) < 0) {
                add(full.names[i], full.converters[i], null, UNCHANGED_TOAST);
            }
        }
    }

    /** Takes unchanged TOAST values from a full old row image (REPLICA IDENTITY FULL) that has them. */
    void fillUnchangedFrom(TextTuple old) {
        for (int i = 0; i < n; i++) {
            if (states[i] == UNCHANGED_TOAST) {
                int j = old.indexOf(names[i]);
                if (j >= 0 && old.states[j] == VALUE) {
                    values[i] = old.values[j];
                    converters[i] = old.converters[j];
                    states[i] = VALUE;
                }
            }
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public String name(int i) {
        return names[i];
    }

    /** Encoded once per name: a decoder that passes the same name String row after row writes it for free. */
    @Override
    public SerializableString jsonName(int i) {
        SerializedString s = jsonNames[i];
        if (s == null || s.getValue() != names[i]) {
            s = jsonNames[i] = new SerializedString(names[i]);
        }
        return s;
    }

    @Override
    public int state(int i) {
        return states[i];
    }

    @Override
    public String text(int i) {
        return pgText && states[i] == VALUE ? values[i] : null;
    }

    /**
     * The text the value of column {@code i} is converted from: PostgreSQL's output, or the text a decoder rebuilt
     * from typed values (decoderbufs); null unless the column has a value.
     */
    public String value(int i) {
        return states[i] == VALUE ? values[i] : null;
    }

    @Override
    public void writeValue(int i, JsonGenerator out) throws IOException {
        if (states[i] != VALUE) {
            out.writeNull();
            return;
        }
        ValueConverter c = converters[i];
        if (c == null) {
            out.writeString(values[i]);
            return;
        }
        try {
            c.writeText(values[i], out);
        } catch (PgValueFormatException e) {
            out.writeString(values[i]);
        }
    }
}
