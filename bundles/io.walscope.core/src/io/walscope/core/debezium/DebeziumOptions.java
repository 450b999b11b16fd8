package io.walscope.core.debezium;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.walscope.core.stream.Op;

/**
 * The settings of {@code --format debezium}, named and valued as Debezium's PostgreSQL connector names its own
 * ({@code topic.prefix}, {@code decimal.handling.mode}, ...); {@link #defaults(String)} are Debezium's defaults.
 *
 * @param topicPrefix {@code topic.prefix}: the first part of every schema name and of {@code source.name}
 * @param schemas JsonConverter's {@code schemas.enable}: each key and value as {@code {"schema", "payload"}}
 * @param decimal {@code decimal.handling.mode}
 * @param time {@code time.precision.mode}
 * @param interval {@code interval.handling.mode}
 * @param binary {@code binary.handling.mode}
 * @param skipped {@code skipped.operations}: the operations not written ({@code c u d t})
 * @param placeholder {@code unavailable.value.placeholder}: stands for an unchanged TOASTed value
 * @param withKey each line {@code {"key": ..., "value": ...}}, and a tombstone after each delete
 * @param messages logical decoding messages as Debezium's {@code <prefix>.message} records
 * @param database the database name ({@code source.db})
 */
public record DebeziumOptions(String topicPrefix, boolean schemas, DecimalHandling decimal, TimePrecision time,
        IntervalHandling interval, BinaryHandling binary, Set<Op> skipped, String placeholder, boolean withKey,
        boolean messages, String database) {

    /** Debezium's {@code unavailable.value.placeholder} default. */
    public static final String DEFAULT_PLACEHOLDER = "__debezium_unavailable_value";

    /** {@code decimal.handling.mode}. */
    public enum DecimalHandling {
        PRECISE, STRING, DOUBLE
    }

    /** {@code time.precision.mode}. */
    public enum TimePrecision {
        ADAPTIVE, ADAPTIVE_TIME_MICROSECONDS, CONNECT, ISOSTRING, MICROSECONDS, NANOSECONDS
    }

    /** {@code interval.handling.mode}. */
    public enum IntervalHandling {
        NUMERIC, STRING
    }

    /** {@code binary.handling.mode}. */
    public enum BinaryHandling {
        BYTES, BASE64, BASE64_URL_SAFE, HEX
    }

    /** Copies {@code skipped}; checks the prefix. */
    public DebeziumOptions {
        if (topicPrefix == null || topicPrefix.isBlank()) {
            throw new IllegalArgumentException("--topic-prefix takes a name, such as walscope.");
        }
        skipped = skipped.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(skipped));
    }

    /** Debezium's defaults: topic prefix {@code walscope}, schemas on, truncates skipped, no key, no messages. */
    public static DebeziumOptions defaults(String database) {
        return new DebeziumOptions("walscope", true, DecimalHandling.PRECISE, TimePrecision.ADAPTIVE,
                IntervalHandling.NUMERIC, BinaryHandling.BYTES, EnumSet.of(Op.TRUNCATE), DEFAULT_PLACEHOLDER, false,
                false, database);
    }

    /** These options for another database. */
    public DebeziumOptions withDatabase(String db) {
        return new DebeziumOptions(topicPrefix, schemas, decimal, time, interval, binary, skipped, placeholder,
                withKey, messages, db);
    }

    /** {@code true|false}. */
    public static boolean parseBoolean(String flag, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
        case "true":
            return true;
        case "false":
            return false;
        default:
            throw new IllegalArgumentException(flag + " takes true or false, not '" + v + "'.");
        }
    }

    /** A mode by Debezium's name of it ({@code precise}, {@code adaptive_time_microseconds}, {@code base64-url-safe}). */
    public static <E extends Enum<E>> E parseMode(String flag, Class<E> modes, String v) {
        String n = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : modes.getEnumConstants()) {
            if (e.name().equals(n)) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : modes.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(modeName(e));
        }
        throw new IllegalArgumentException(flag + " takes " + names + "; '" + v + "' is not one.");
    }

    /** Debezium's name of a mode. */
    public static String modeName(Enum<?> e) {
        String n = e.name().toLowerCase(Locale.ROOT);
        return e == BinaryHandling.BASE64_URL_SAFE ? n.replace('_', '-') : n;
    }

    /**
     * {@code skipped.operations}: a comma-separated list of {@code c}, {@code u}, {@code d}, {@code t}, or
     * {@code none}.
     */
    public static Set<Op> parseSkipped(String v) {
        EnumSet<Op> out = EnumSet.noneOf(Op.class);
        if (v.trim().equalsIgnoreCase("none")) {
            return out;
        }
        for (String p : v.split(",")) {
            switch (p.trim()) {
            case "c":
                out.add(Op.INSERT);
                break;
            case "u":
                out.add(Op.UPDATE);
                break;
            case "d":
                out.add(Op.DELETE);
                break;
            case "t":
                out.add(Op.TRUNCATE);
                break;
            default:
                throw new IllegalArgumentException("--skipped-operations takes c, u, d, t (comma-separated) or none;"
                        + " '" + p.trim() + "' is not one.");
            }
        }
        return out;
    }
}
