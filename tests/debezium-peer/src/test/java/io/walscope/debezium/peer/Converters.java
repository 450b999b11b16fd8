package io.walscope.debezium.peer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/** Kafka Connect's JsonConverter, for keys and values, with schemas on or off: the real consumer's reader. */
final class Converters {
    final JsonConverter key = new JsonConverter();
    final JsonConverter value = new JsonConverter();

    Converters(boolean schemas) {
        key.configure(Map.of("schemas.enable", String.valueOf(schemas)), true);
        value.configure(Map.of("schemas.enable", String.valueOf(schemas)), false);
    }

    /** {@code {"key":...,"value":...}} as JsonConverter writes the record's key and value (null stays null). */
    String line(SourceRecord r) {
        return "{\"key\":" + text(key.fromConnectData(r.topic(), r.keySchema(), r.key())) + ",\"value\":"
                + text(value.fromConnectData(r.topic(), r.valueSchema(), r.value())) + "}";
    }

    /** The value alone, as JsonConverter writes it. */
    String valueText(SourceRecord r) {
        return text(value.fromConnectData(r.topic(), r.valueSchema(), r.value()));
    }

    static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }
}
