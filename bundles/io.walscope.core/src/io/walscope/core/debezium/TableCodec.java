package io.walscope.core.debezium;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import io.walscope.core.debezium.Codec.Path;
import io.walscope.core.debezium.ConnectSchema.Type;
import io.walscope.core.stream.Tuple;
import io.walscope.core.stream.TextTuple;

/**
 * One table in Debezium's form: the fields Debezium keeps (columns of known types), their schemas with
 * optionality and defaults, the key, the value/key/envelope schema names ({@code <prefix>.<schema>.<table>} as a
 * Kafka topic name, characters outside {@code [A-Za-z0-9._-]} replaced by {@code _}) and the schemas pre-written
 * as JsonConverter writes them.
 */
final class TableCodec {
    private static final JsonFactory JSON = new JsonFactory();

    /** A field of the value (and maybe of the key). */
    record Field(String name, Codec codec, ConnectSchema schema, boolean optional, Object defaultValue,
            boolean generated) {
    }

    final TableShape shape;
    final String topic;
    final List<Field> fields;
    final ConnectSchema value;
    final ConnectSchema key;
    final ConnectSchema envelope;
    final SerializedString envelopeJson;
    final SerializedString keyJson;
    private final int[] keyFields;
    private final Map<String, Integer> byName = new HashMap<>();

    /**
     * The codec of {@code shape}. {@code streamed}: whether a column is in the streamed row it is made for, or null
     * for a snapshot row. pgoutput leaves generated columns out (before PostgreSQL 18's publish_generated_columns),
     * and Debezium's streamed records, built from pgoutput's relation, have no field for them; its snapshot has.
     */
    TableCodec(TableShape shape, DebeziumOptions o, java.util.function.Predicate<String> streamed) {
        this.shape = shape;
        this.topic = topicName(o.topicPrefix() + "." + shape.schema() + "." + shape.table());
        List<Field> f = new ArrayList<>();
        for (ColumnShape c : shape.columns()) {
            if (c.generated() && streamed != null && !streamed.test(c.name())) {
                continue;
            }
            Codec k = Codecs.forColumn(c, o);
            if (k == null) {
                continue;
            }
            Object def = c.defaultExpression() == null ? null : k.defaultOf(c.defaultExpression());
            ConnectSchema s = k.schema.optional(c.optional() || k.schema.optional).withDefault(def);
            byName.put(c.name(), f.size());
            f.add(new Field(c.name(), k, s, c.optional(), def, c.generated()));
        }
        this.fields = List.copyOf(f);
        List<ConnectSchema.Field> vf = new ArrayList<>();
        for (Field x : fields) {
            vf.add(new ConnectSchema.Field(x.name, x.schema));
        }
        this.value = ConnectSchema.struct(vf).named(topic + ".Value", null).optional();
        List<ConnectSchema.Field> kf = new ArrayList<>();
        List<Integer> kidx = new ArrayList<>();
        for (String k : shape.key()) {
            Integer i = byName.get(k);
            if (i != null) {
                kf.add(new ConnectSchema.Field(k, fields.get(i).schema));
                kidx.add(i);
            }
        }
        this.keyFields = kidx.stream().mapToInt(Integer::intValue).toArray();
        this.key = shape.key().isEmpty() ? null : ConnectSchema.struct(kf).named(topic + ".Key", null);
        this.envelope = ConnectSchema.struct("before", value, "after", value, "source", Sources.SOURCE,
                "transaction", Sources.TRANSACTION, "op", ConnectSchema.of(Type.STRING), "ts_ms",
                ConnectSchema.of(Type.INT64).optional(), "ts_us", ConnectSchema.of(Type.INT64).optional(), "ts_ns",
                ConnectSchema.of(Type.INT64).optional()).named(topic + ".Envelope", 2);
        this.envelopeJson = new SerializedString(json(envelope));
        this.keyJson = key == null ? null : new SerializedString(json(key));
    }

    static String json(ConnectSchema s) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            s.write(g, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Debezium's topic name sanitizing: characters outside {@code [A-Za-z0-9._-]} become {@code _}. */
    static String topicName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c == '.' || c == '_' || c == '-' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9' ? c : '_');
        }
        String s = b.length() > 249 ? b.substring(0, 249) : b.toString();
        return s.equals(".") ? "_" : s.equals("..") ? "__" : s;
    }

    /**
     * Whether a row's columns are those this codec was made for: else the table changed (read it again), or a
     * streamed row meets a codec made for the snapshot (generated columns).
     */
    boolean matches(Tuple t) {
        int expected = 0;
        for (ColumnShape c : shape.columns()) {
            if (!c.generated() || byName.containsKey(c.name())) {
                expected++;
            }
        }
        if (t.size() != expected) {
            return false;
        }
        for (int i = 0; i < t.size(); i++) {
            if (!byName.containsKey(t.name(i)) && !hasColumn(t.name(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean hasColumn(String name) {
        for (ColumnShape c : shape.columns()) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value struct of a row image: each field's Connect value, a column the image does not have (a key-only
     * old row) as NULL, Debezium's fallback for a NOT NULL one.
     */
    ConnectJson.Struct row(Tuple t, Path path) {
        Object[] v = new Object[fields.size()];
        boolean[] seen = new boolean[fields.size()];
        for (int i = 0; i < t.size(); i++) {
            Integer f = byName.get(t.name(i));
            if (f == null) {
                continue;
            }
            Field field = fields.get(f);
            seen[f] = true;
            int state = t.state(i);
            if (state == Tuple.UNCHANGED_TOAST) {
                v[f] = field.codec.toast;
            } else if (state == Tuple.NULL) {
                v[f] = missing(field);
            } else {
                String text = text(t, i);
                v[f] = text == null ? null : field.codec.value(text, path);
            }
        }
        for (int f = 0; f < v.length; f++) {
            if (!seen[f]) {
                v[f] = missing(fields.get(f));
            }
        }
        return new ConnectJson.Struct(value, v);
    }

    private static Object missing(Field f) {
        if (f.optional) {
            return null;
        }
        return f.defaultValue != null ? f.defaultValue : f.codec.fallback;
    }

    /** PostgreSQL's text of a value: what the plugin sent, or the text a decoder rebuilt from typed values. */
    private static String text(Tuple t, int i) {
        String s = t.text(i);
        if (s == null && t instanceof TextTuple tt) {
            s = tt.value(i);
        }
        return s;
    }

    /** The key struct of a row's values, or null when the table has no key. */
    ConnectJson.Struct key(ConnectJson.Struct row) {
        if (key == null) {
            return null;
        }
        Object[] k = new Object[keyFields.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = row.values()[keyFields[i]];
        }
        return new ConnectJson.Struct(key, k);
    }

    /** Whether two key structs hold the same values. */
    static boolean sameKey(ConnectJson.Struct a, ConnectJson.Struct b) {
        return Arrays.deepEquals(a.values(), b.values());
    }
}
