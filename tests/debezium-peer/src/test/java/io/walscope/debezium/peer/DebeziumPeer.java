package io.walscope.debezium.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.walscope.testbed.TestServer;

/**
 * Debezium 3.4's PostgreSQL connector in its embedded engine, keeping every record it emits (Kafka Connect
 * {@link SourceRecord}s, before any converter) in order. Default settings except what the test names: pgoutput,
 * the test's publication and slot, topic prefix {@code walscope}, offsets in memory.
 */
final class DebeziumPeer implements AutoCloseable {
    private final List<SourceRecord> records = new ArrayList<>();
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private volatile String failure;

    /** Offsets in memory only (Kafka Connect 4 leaves {@code connectorPartitions} to subclasses). */
    public static final class MemoryOffsets extends MemoryOffsetBackingStore {
        @Override
        public Set<Map<String, Object>> connectorPartitions(String connectorName) {
            return Set.of();
        }
    }

    DebeziumPeer(TestServer server, String database, String slot, Map<String, String> settings) {
        Properties p = new Properties();
        p.setProperty("name", "peer-" + slot);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", MemoryOffsets.class.getName());
        p.setProperty("offset.flush.interval.ms", "60000");
        p.setProperty("database.hostname", "127.0.0.1");
        p.setProperty("database.port", String.valueOf(server.port()));
        p.setProperty("database.user", server.cluster().superuser());
        p.setProperty("database.password", server.cluster().password());
        p.setProperty("database.dbname", database);
        p.setProperty("topic.prefix", "walscope");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", "dbz_publication");
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("errors.max.retries", "0");
        settings.forEach(p::setProperty);
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class)).using(p)
                .notifying((batch, committer) -> {
                    synchronized (records) {
                        for (RecordChangeEvent<SourceRecord> r : batch) {
                            records.add(r.record());
                            committer.markProcessed(r);
                        }
                        records.notifyAll();
                    }
                    committer.markBatchFinished();
                }).using((success, message, error) -> {
                    if (!success) {
                        failure = message + (error == null ? "" : ": " + error);
                        synchronized (records) {
                            records.notifyAll();
                        }
                    }
                }).build();
        executor.execute(engine);
    }

    /** Waits until a record matches {@code p}; returns every record so far. */
    List<SourceRecord> await(Predicate<SourceRecord> p, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (true) {
                if (failure != null) {
                    throw new AssertionError("Debezium failed: " + failure);
                }
                if (records.stream().anyMatch(p)) {
                    return new ArrayList<>(records);
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Debezium did not emit " + what + " in " + timeout.toSeconds() + " s; got "
                            + records.size() + " records");
                }
                TimeUnit.NANOSECONDS.timedWait(records, left);
            }
        }
    }

    @Override
    public void close() throws Exception {
        engine.close();
        executor.shutdown();
        executor.awaitTermination(60, TimeUnit.SECONDS);
    }
}
