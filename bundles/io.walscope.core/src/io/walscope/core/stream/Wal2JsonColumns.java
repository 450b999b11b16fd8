package io.walscope.core.stream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.walscope.core.types.ValueConverter;

/**
 * The columns of one wal2json row image as they arrive, reused from message to message: version 2's
 * {@code [{"name", "type", "typeoid", "value"}, ...]} or version 1's parallel arrays ({@code columnnames},
 * {@code columntypes}, {@code columntypeoids}, {@code columnvalues} and their {@code key*} twins), put into a
 * {@link TextTuple} once the change is read.
 */
final class Wal2JsonColumns {
    private String[] names = new String[16];
    private String[] types = new String[16];
    private int[] oids = new int[16];
    private String[] values = new String[16];
    private int n;

    /** Forgets the columns (keeps the arrays). */
    void clear() {
        n = 0;
    }

    /** Makes column {@code i} (and any before it) exist, empty. */
    void touch(int i) {
        if (i >= names.length) {
            int m = Math.max(i + 1, names.length * 2);
            names = java.util.Arrays.copyOf(names, m);
            types = java.util.Arrays.copyOf(types, m);
            oids = java.util.Arrays.copyOf(oids, m);
            values = java.util.Arrays.copyOf(values, m);
        }
        while (n <= i) {
            names[n] = null;
            types[n] = null;
            oids[n] = 0;
            values[n] = null;
            n++;
        }
    }

    private static final int OBJECTS = 0;
    private static final int NAMES = 1;
    private static final int TYPES = 2;
    private static final int OIDS = 3;
    private static final int VALUES = 4;

    /** Version 2's {@code [{"name", "type", "typeoid", "value"}, ...]} or one of version 1's parallel arrays. */
    void read(JsonParser p, String field, TextPool pool) throws IOException {
        int kind;
        switch (field) {
        case "columns":
        case "identity":
            kind = OBJECTS;
            break;
        case "columnnames":
        case "keynames":
            kind = NAMES;
            break;
        case "columntypes":
        case "keytypes":
            kind = TYPES;
            break;
        case "columntypeoids":
        case "keytypeoids":
            kind = OIDS;
            break;
        case "columnvalues":
        case "keyvalues":
            kind = VALUES;
            break;
        default:
            kind = -1;
        }
        if (kind < 0 || p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            touch(i);
            if (kind == OBJECTS) {
                column(p, i, pool);
            } else if (kind == NAMES) {
                names[i] = pool.of(p);
            } else if (kind == TYPES) {
                types[i] = pool.of(p);
            } else if (kind == OIDS) {
                oids[i] = p.getIntValue();
            } else {
                values[i] = text(p, t);
            }
            i++;
        }
    }

    /** One {@code {"name", "type", "typeoid", "value"}} object into column {@code i}. */
    private void column(JsonParser p, int i, TextPool pool) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            switch (k) {
            case "name":
                names[i] = pool.of(p);
                break;
            case "type":
                types[i] = pool.of(p);
                break;
            case "typeoid":
                oids[i] = p.getIntValue();
                break;
            case "value":
                values[i] = text(p, v);
                break;
            default:
                p.skipChildren();
            }
        }
    }

    /** Puts the columns into {@code t}, each with its converter. */
    void fill(TextTuple t, Converters converters) {
        for (int i = 0; i < n; i++) {
            int oid = oids[i];
            String type = types[i];
            String value = bytea(oid, type, values[i]);
            t.add(names[i], converter(converters, oid, type), value, value == null ? Tuple.NULL : Tuple.VALUE);
        }
    }

    /** wal2json prints bytea as hex without the {@code \x} of PostgreSQL's output: put it back. */
    private static String bytea(int oid, String type, String value) {
        if (value != null && (oid == 17 || oid == 0 && "bytea".equals(type)) && !value.startsWith("\\x")) {
            return "\\x" + value;
        }
        return value;
    }

    /** PostgreSQL's text of a wal2json value. */
    static String text(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
        case VALUE_NULL:
            return null;
        case VALUE_TRUE:
            return "t";
        case VALUE_FALSE:
            return "f";
        case START_OBJECT:
        case START_ARRAY:
            p.skipChildren();
            return null;
        default:
            return p.getText();
        }
    }

    private static ValueConverter converter(Converters converters, int oid, String type) {
        if (oid != 0) {
            return converters.forOid(oid, -1);
        }
        return type == null ? null : converters.forName(type);
    }
}
