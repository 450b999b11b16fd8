package io.walscope.core.debezium;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * A Kafka Connect schema, as much of Connect's model as Debezium's records use, written the way Kafka Connect's
 * JsonConverter writes schemas: {@code type}, then {@code fields} (struct) or {@code items} (array) or
 * {@code keys}/{@code values} (map), {@code optional}, {@code name}, {@code version}, {@code doc},
 * {@code parameters}, {@code default}, and {@code field} for a struct's field. Immutable; the {@code with}
 * methods copy.
 */
final class ConnectSchema {
    /** Connect's schema types with JsonConverter's names for them. */
    enum Type {
        INT8("int8"), INT16("int16"), INT32("int32"), INT64("int64"), FLOAT32("float"), FLOAT64("double"),
        BOOLEAN("boolean"), STRING("string"), BYTES("bytes"), ARRAY("array"), MAP("map"), STRUCT("struct");

        final String json;

        Type(String json) {
            this.json = json;
        }
    }

    /** A struct's field; its name encoded once for the writer. */
    record Field(String name, ConnectSchema schema, SerializedString jsonName) {
        Field(String name, ConnectSchema schema) {
            this(name, schema, new SerializedString(name));
        }
    }

    final Type type;
    final boolean optional;
    final String name;
    final Integer version;
    final String doc;
    final Map<String, String> parameters;
    final List<Field> fields;
    final ConnectSchema items;
    final ConnectSchema keys;
    /** The default value, in the form {@link ConnectJson} writes (null: none). */
    final Object defaultValue;

    private ConnectSchema(Type type, boolean optional, String name, Integer version, String doc,
            Map<String, String> parameters, List<Field> fields, ConnectSchema items, ConnectSchema keys,
            Object defaultValue) {
        this.type = type;
        this.optional = optional;
        this.name = name;
        this.version = version;
        this.doc = doc;
        this.parameters = parameters;
        this.fields = fields;
        this.items = items;
        this.keys = keys;
        this.defaultValue = defaultValue;
    }

    static ConnectSchema of(Type t) {
        return new ConnectSchema(t, false, null, null, null, Map.of(), List.of(), null, null, null);
    }

    static ConnectSchema array(ConnectSchema items) {
        return new ConnectSchema(Type.ARRAY, false, null, null, null, Map.of(), List.of(), items, null, null);
    }

    static ConnectSchema map(ConnectSchema keys, ConnectSchema values) {
        return new ConnectSchema(Type.MAP, false, null, null, null, Map.of(), List.of(), values, keys, null);
    }

    static ConnectSchema struct(List<Field> fields) {
        return new ConnectSchema(Type.STRUCT, false, null, null, null, Map.of(), List.copyOf(fields), null, null,
                null);
    }

    /** A struct of {@code name, schema} pairs. */
    static ConnectSchema struct(Object... nameAndSchema) {
        List<Field> f = new ArrayList<>();
        for (int i = 0; i < nameAndSchema.length; i += 2) {
            f.add(new Field((String) nameAndSchema[i], (ConnectSchema) nameAndSchema[i + 1]));
        }
        return struct(f);
    }

    ConnectSchema optional(boolean o) {
        return new ConnectSchema(type, o, name, version, doc, parameters, fields, items, keys, defaultValue);
    }

    ConnectSchema optional() {
        return optional(true);
    }

    /** A logical type's name and version. */
    ConnectSchema named(String n, Integer v) {
        return new ConnectSchema(type, optional, n, v, doc, parameters, fields, items, keys, defaultValue);
    }

    ConnectSchema doc(String d) {
        return new ConnectSchema(type, optional, name, version, d, parameters, fields, items, keys, defaultValue);
    }

    ConnectSchema param(String k, String v) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(k, v);
        return new ConnectSchema(type, optional, name, version, doc, Collections.unmodifiableMap(p), fields, items,
                keys, defaultValue);
    }

    ConnectSchema withDefault(Object d) {
        return new ConnectSchema(type, optional, name, version, doc, parameters, fields, items, keys, d);
    }

    /** Writes the schema as JsonConverter does; {@code field} is the struct field's name, or null. */
    void write(JsonGenerator g, String field) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type.json);
        if (type == Type.STRUCT) {
            g.writeArrayFieldStart("fields");
            for (Field f : fields) {
                f.schema.write(g, f.name);
            }
            g.writeEndArray();
        } else if (type == Type.ARRAY) {
            g.writeFieldName("items");
            items.write(g, null);
        } else if (type == Type.MAP) {
            g.writeFieldName("keys");
            keys.write(g, null);
            g.writeFieldName("values");
            items.write(g, null);
        }
        g.writeBooleanField("optional", optional);
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (version != null) {
            g.writeNumberField("version", version);
        }
        if (doc != null) {
            g.writeStringField("doc", doc);
        }
        if (!parameters.isEmpty()) {
            g.writeObjectFieldStart("parameters");
            for (Map.Entry<String, String> e : parameters.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (defaultValue != null) {
            g.writeFieldName("default");
            ConnectJson.write(this, defaultValue, g);
        }
        if (field != null) {
            g.writeStringField("field", field);
        }
        g.writeEndObject();
    }
}
