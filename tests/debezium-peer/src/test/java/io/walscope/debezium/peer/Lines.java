package io.walscope.debezium.peer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compares record lines: Debezium's (its records through JsonConverter) against Walscope's. Timing fields are set
 * aside: the envelope's {@code ts_ms}/{@code ts_us}/{@code ts_ns} (when the record was made), a message's
 * {@code ts_ms}, and in snapshot records the {@code source} fields that belong to each side's own snapshot
 * transaction and slot ({@code ts_*}, {@code txId}, {@code lsn}, {@code sequence}). Everything else must be equal,
 * as JSON and as text (so formatting, key order and escapes count too).
 */
final class Lines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENVELOPE_TIME = Pattern.compile(
            "(\"op\":\"[crudt]\",\"ts_ms\":)-?\\d+(,\"ts_us\":)-?\\d+(,\"ts_ns\":)-?\\d+");
    private static final Pattern MESSAGE_TIME = Pattern.compile("(\"op\":\"m\",\"ts_ms\":)-?\\d+");
    private static final Pattern SNAPSHOT_FIELDS = Pattern.compile(
            "\"(ts_ms|ts_us|ts_ns|txId|lsn)\":-?\\d+|\"sequence\":\"\\[null,\\\\\"\\d+\\\\\"\\]\"");

    private Lines() {
    }

    /** The line with its timing fields replaced by {@code T}. */
    static String normalizedText(String line) {
        String s = ENVELOPE_TIME.matcher(line).replaceAll("$1T$2T$3T");
        s = MESSAGE_TIME.matcher(s).replaceAll("$1T");
        if (s.contains("\"op\":\"r\"")) {
            s = SNAPSHOT_FIELDS.matcher(s).replaceAll(m -> m.group(1) != null ? "\"" + m.group(1) + "\":T"
                    : "\"sequence\":T");
        }
        return s;
    }

    /** The line as a tree, timing fields removed. */
    static JsonNode normalizedTree(String line) throws Exception {
        JsonNode n = JSON.readTree(line);
        for (JsonNode value : List.of(n.path("value"), n)) {
            JsonNode payload = value.has("payload") ? value.path("payload") : value;
            if (payload instanceof ObjectNode p && p.has("op")) {
                p.remove(List.of("ts_ms", "ts_us", "ts_ns"));
                if ("r".equals(p.path("op").asText()) && p.path("source") instanceof ObjectNode src) {
                    src.remove(List.of("ts_ms", "ts_us", "ts_ns", "txId", "lsn", "sequence"));
                }
            }
        }
        return n;
    }

    /** Differences between two lines, one per field path (empty when equal); at most {@code max}. */
    static List<String> diff(String expected, String actual, int max) throws Exception {
        List<String> out = new ArrayList<>();
        diff("", normalizedTree(expected), normalizedTree(actual), out, max);
        if (out.isEmpty() && !normalizedText(expected).equals(normalizedText(actual))) {
            out.add("same JSON, different text:\n  debezium: " + normalizedText(expected) + "\n  walscope: "
                    + normalizedText(actual));
        }
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out, int max) {
        if (out.size() >= max || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
                String k = it.next().getKey();
                if (!names.contains(k)) {
                    names.add(k);
                }
            }
            for (String k : names) {
                diff(path + "." + k, a.path(k), b.path(k), out, max);
            }
            return;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out, max);
            }
            return;
        }
        out.add(path + ": debezium " + abbreviate(a) + " walscope " + abbreviate(b));
    }

    private static String abbreviate(JsonNode n) {
        String s = n.isMissingNode() ? "<absent>" : n.toString();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
