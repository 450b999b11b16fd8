package io.walscope.core.stream;

/** What a {@link ChangeEvent} did to its table. */
public enum Op {
    INSERT("insert", "c"), UPDATE("update", "u"), DELETE("delete", "d"), TRUNCATE("truncate", "t"),
    /** A row read by the initial snapshot (or by timestamp polling). */
    READ("read", "r"),
    /** A logical decoding message ({@code pg_logical_emit_message}). */
    MESSAGE("message", "m");

    private final String json;
    private final String debezium;

    Op(String json, String debezium) {
        this.json = json;
        this.debezium = debezium;
    }

    /** The name in Walscope's JSON Lines ({@code insert}, ...). */
    public String json() {
        return json;
    }

    /** Debezium's one-letter code ({@code c u d t r m}). */
    public String debezium() {
        return debezium;
    }
}
