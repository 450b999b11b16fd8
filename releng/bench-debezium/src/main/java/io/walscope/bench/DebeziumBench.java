package io.walscope.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;


import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;

/**
 * Debezium's embedded engine as the peer of {@code walscope tail} in releng/bench: the PostgreSQL connector with
 * pgoutput drains an existing slot (no snapshot), every change serialized to JSON (key and value, Debezium's own
 * JsonConverter, schemas off unless {@code --schemas true}), until the expected number of changes arrived. Prints on stderr the same final line
 * as {@code walscope tail}: {@code events=N seconds=S events_per_s=R}, seconds from the engine's start to the last
 * change (connector start-up included, JVM start-up excluded).
 */
public final class DebeziumBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long expected = Long.parseLong(a.get("events"));
        Properties p = new Properties();
        p.setProperty("name", "walscope-bench");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", NoOffsets.class.getName());
        p.setProperty("offset.flush.interval.ms", "10000");
        p.setProperty("database.hostname", a.getOrDefault("host", "127.0.0.1"));
        p.setProperty("database.port", a.get("port"));
        p.setProperty("database.user", a.getOrDefault("user", "postgres"));
        p.setProperty("database.password", a.getOrDefault("password", ""));
        p.setProperty("database.dbname", a.get("dbname"));
        p.setProperty("topic.prefix", "bench");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", a.get("slot"));
        p.setProperty("publication.name", a.getOrDefault("publication", "dbz_publication"));
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("snapshot.mode", "no_data");
        // schemas off for the jsonl comparison; on (JsonConverter's default) beside walscope's --format debezium
        String schemas = a.getOrDefault("schemas", "false");
        p.setProperty("key.converter.schemas.enable", schemas);
        p.setProperty("value.converter.schemas.enable", schemas);
        p.setProperty("max.batch.size", a.getOrDefault("batch", "2048"));
        p.setProperty("max.queue.size", a.getOrDefault("queue", "8192"));

        CountDownLatch done = new CountDownLatch(1);
        long[] count = { 0 };
        long[] bytes = { 0 };
        long[] last = { 0 };
        long start = System.nanoTime();
        try (DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class).using(p)
                .notifying((records, committer) -> {
                    for (ChangeEvent<String, String> r : records) {
                        if (r.value() != null) {
                            bytes[0] += r.value().length();
                            if (++count[0] == expected) {
                                last[0] = System.nanoTime();
                                done.countDown();
                            }
                        }
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                }).using((success, message, error) -> {
                    if (!success) {
                        System.err.println("debezium: " + message + (error == null ? "" : ": " + error));
                    }
                    done.countDown();
                }).build()) {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            ex.execute(engine);
            long timeout = Long.parseLong(a.getOrDefault("timeout", "600"));
            if (!done.await(timeout, TimeUnit.SECONDS) || count[0] < expected) {
                System.err.println("debezium: got " + count[0] + " of " + expected + " changes");
                System.exit(1);
            }
            double s = (last[0] - start) / 1e9;
            System.err.printf("events=%d transactions=- seconds=%.3f events_per_s=%.1f json_bytes=%d%n", count[0], s,
                    count[0] / s, bytes[0]);
            System.exit(0); // the numbers are out; the engine's orderly shutdown is not part of the measurement
        }
    }
}
