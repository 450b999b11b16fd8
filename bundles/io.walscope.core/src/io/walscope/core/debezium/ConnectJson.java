package io.walscope.core.debezium;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes Connect values as Kafka Connect's JsonConverter writes them (its {@code convertToJson}): a NULL takes the
 * schema's default when it has one ({@code replace.null.with.default}, on by default), bytes are base64, floats and
 * doubles as Java prints them ({@code NaN} and the infinities as strings, Jackson's default), structs field by
 * field in schema order. Values are already in Connect's forms: {@link Short}/{@link Integer}/{@link Long},
 * {@link Float}/{@link Double}, {@link Boolean}, {@link String}, {@code byte[]} (a Decimal's unscaled bytes too),
 * {@link List}, {@link Map} with string keys, {@link Struct}.
 */
final class ConnectJson {
    /** A struct's values in the order of its schema's fields. */
    record Struct(ConnectSchema schema, Object[] values) {
    }

    private ConnectJson() {
    }

    static void write(ConnectSchema s, Object v, JsonGenerator g) throws IOException {
        if (v == null) {
            if (s.defaultValue != null) {
                write(s, s.defaultValue, g);
            } else {
                g.writeNull();
            }
            return;
        }
        switch (s.type) {
        case INT8:
        case INT16:
        case INT32:
        case INT64:
            g.writeNumber(((Number) v).longValue());
            break;
        case FLOAT32:
            g.writeNumber(((Number) v).floatValue());
            break;
        case FLOAT64:
            g.writeNumber(((Number) v).doubleValue());
            break;
        case BOOLEAN:
            g.writeBoolean((Boolean) v);
            break;
        case STRING:
            g.writeString(v.toString());
            break;
        case BYTES:
            g.writeBinary((byte[]) v);
            break;
        case ARRAY:
            g.writeStartArray();
            for (Object e : (List<?>) v) {
                write(s.items, e, g);
            }
            g.writeEndArray();
            break;
        case MAP:
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(s.items, e.getValue(), g);
            }
            g.writeEndObject();
            break;
        case STRUCT: {
            Struct st = (Struct) v;
            g.writeStartObject();
            for (int i = 0; i < s.fields.size(); i++) {
                ConnectSchema.Field f = s.fields.get(i);
                g.writeFieldName(f.jsonName());
                write(f.schema(), st.values()[i], g);
            }
            g.writeEndObject();
            break;
        }
        default:
            throw new IllegalStateException("no JSON for " + s.type);
        }
    }
}
