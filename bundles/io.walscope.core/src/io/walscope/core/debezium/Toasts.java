package io.walscope.core.debezium;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.walscope.core.debezium.ConnectSchema.Type;
import io.walscope.core.debezium.DebeziumOptions.BinaryHandling;
import io.walscope.core.types.PgColumnType;

/**
 * What Debezium writes for an unchanged TOASTed value (pgoutput sends none): {@code unavailable.value.placeholder}
 * as text where the field is a string, as bytes for bytea, as a one-element list for text, json, bytea and uuid
 * arrays, as a list of the placeholder's bytes for integer and date arrays, as a one-entry map for hstore. Where
 * Debezium's placeholder does not fit the field's schema (Kafka Connect would refuse the record), the field is NULL.
 */
final class Toasts {
    private Toasts() {
    }

    static Object of(PgColumnType root, Codec k, DebeziumOptions o) {
        String ph = o.placeholder();
        byte[] bytes = ph.getBytes(StandardCharsets.UTF_8);
        String n = root.typname();
        switch (n) {
        case "_text":
        case "_varchar":
        case "_bpchar":
        case "_json":
        case "_jsonb":
            return List.of(ph);
        case "_bytea":
            return List.of(Codecs.binary(bytes, o.binary()));
        case "_int4":
        case "_date": {
            List<Object> l = new ArrayList<>();
            for (byte b : bytes) {
                l.add((int) b);
            }
            return l;
        }
        case "_int8": {
            List<Object> l = new ArrayList<>();
            for (byte b : bytes) {
                l.add((long) b);
            }
            return l;
        }
        case "_uuid":
            return List.of(UUID.nameUUIDFromBytes(bytes).toString());
        case "hstore":
            return Codecs.hstoreJson(Map.of(ph, ph));
        case "bytea":
            return o.binary() == BinaryHandling.BYTES ? bytes : o.binary() == BinaryHandling.HEX ? ph : null;
        default:
            return k.schema.type == Type.STRING ? ph : null;
        }
    }
}
