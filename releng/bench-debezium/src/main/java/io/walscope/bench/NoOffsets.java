package io.walscope.bench;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Offsets in memory only (the bench drains a fresh slot once). Kafka Connect 4's MemoryOffsetBackingStore leaves
 * {@code connectorPartitions} to subclasses.
 */
public final class NoOffsets extends MemoryOffsetBackingStore {
    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
