package io.walscope.debezium.peer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.debezium.transforms.ExtractNewRecordState;

/**
 * The real consumers over Walscope's lines: Kafka Connect's JsonConverter reads each key and value (the text
 * exactly as written), and Debezium's ExtractNewRecordState flattens the records it makes.
 */
final class ConnectRead {
    private static final JsonFactory JSON = new JsonFactory();

    private ConnectRead() {
    }

    /** A {@code {"key":...,"value":...}} line split into the exact text of its key and value. */
    record Parts(String key, String value) {
    }

    static Parts parts(String line) throws Exception {
        String[] texts = new String[2];
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getCharOffset();
                texts[name.equals("key") ? 0 : 1] = line.substring(start, end);
            }
        }
        return new Parts(texts[0], texts[1]);
    }

    /**
     * The Connect record JsonConverter reads from a line (the topic as Debezium names it: the value schema's name
     * without {@code .Envelope}, or the message topic).
     */
    static SourceRecord read(String line, Converters c, String topic) throws Exception {
        Parts p = parts(line);
        SchemaAndValue k = c.key.toConnectData(topic, bytes(p.key()));
        SchemaAndValue v = c.value.toConnectData(topic, bytes(p.value()));
        return new SourceRecord(Map.of(), Map.of(), topic, null, k.schema(), k.value(), v.schema(), v.value());
    }

    private static byte[] bytes(String s) {
        return s.equals("null") ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** ExtractNewRecordState configured with {@code config}. */
    static Transformation<SourceRecord> flattener(Map<String, String> config) {
        ExtractNewRecordState<SourceRecord> t = new ExtractNewRecordState<>();
        t.configure(config);
        return t;
    }

    /** Each record flattened and written by JsonConverter with schemas ({@code "dropped"} for a dropped one). */
    static List<String> flatten(List<SourceRecord> records, Transformation<SourceRecord> smt) {
        Converters out = new Converters(true);
        List<String> lines = new ArrayList<>();
        for (SourceRecord r : records) {
            SourceRecord f = smt.apply(r);
            lines.add(f == null ? "dropped" : out.line(f));
        }
        return lines;
    }
}
