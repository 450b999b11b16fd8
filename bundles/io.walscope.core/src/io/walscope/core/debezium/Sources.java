package io.walscope.core.debezium;

import io.walscope.core.debezium.ConnectSchema.Type;
import io.walscope.core.debezium.DebeziumOptions.BinaryHandling;

/**
 * The schemas every record shares: Debezium's PostgreSQL {@code source} block, the {@code transaction} block, and
 * the logical decoding message's key and value.
 */
final class Sources {
    /** The Debezium release whose records these are ({@code source.version}). */
    static final String VERSION = "3.4.3.Final";

    static final ConnectSchema SNAPSHOT = ConnectSchema.of(Type.STRING).named("io.debezium.data.Enum", 1)
            .param("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
            .withDefault("false").optional();

    static final ConnectSchema SOURCE = ConnectSchema.struct("version", ConnectSchema.of(Type.STRING), "connector",
            ConnectSchema.of(Type.STRING), "name", ConnectSchema.of(Type.STRING), "ts_ms",
            ConnectSchema.of(Type.INT64), "snapshot", SNAPSHOT, "db", ConnectSchema.of(Type.STRING), "sequence",
            ConnectSchema.of(Type.STRING).optional(), "ts_us", ConnectSchema.of(Type.INT64).optional(), "ts_ns",
            ConnectSchema.of(Type.INT64).optional(), "schema", ConnectSchema.of(Type.STRING), "table",
            ConnectSchema.of(Type.STRING), "txId", ConnectSchema.of(Type.INT64).optional(), "lsn",
            ConnectSchema.of(Type.INT64).optional(), "xmin", ConnectSchema.of(Type.INT64).optional())
            .named("io.debezium.connector.postgresql.Source", 1);

    static final ConnectSchema TRANSACTION = ConnectSchema.struct("id", ConnectSchema.of(Type.STRING),
            "total_order", ConnectSchema.of(Type.INT64), "data_collection_order", ConnectSchema.of(Type.INT64))
            .named("event.block", 1).optional();

    static final ConnectSchema MESSAGE_KEY = ConnectSchema.struct("prefix", ConnectSchema.of(Type.STRING).optional())
            .named("io.debezium.connector.postgresql.MessageKey", 1);

    private Sources() {
    }

    /** The message value schema for a {@code binary.handling.mode} (the content's type follows it). */
    static ConnectSchema messageValue(BinaryHandling binary) {
        ConnectSchema content = ConnectSchema.of(binary == BinaryHandling.BYTES ? Type.BYTES : Type.STRING)
                .optional();
        ConnectSchema block = ConnectSchema.struct("prefix", ConnectSchema.of(Type.STRING).optional(), "content",
                content).named("io.debezium.connector.postgresql.Message", 1);
        return ConnectSchema.struct("op", ConnectSchema.of(Type.STRING), "ts_ms",
                ConnectSchema.of(Type.INT64).optional(), "source", SOURCE, "transaction", TRANSACTION, "message",
                block).named("io.debezium.connector.postgresql.MessageValue", 1);
    }
}
