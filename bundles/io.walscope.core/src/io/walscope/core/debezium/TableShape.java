package io.walscope.core.debezium;

import java.util.List;

/**
 * A table as Debezium's schema needs it: its live columns in {@code attnum} order and the columns of its key.
 *
 * @param schema the table's schema
 * @param table the table's name
 * @param columns the columns in {@code attnum} order
 * @param key the key columns in key order: the primary key, else the first unique index (by name) without
 *            expressions, as Debezium picks it; empty when there is none (the record then has no key)
 */
public record TableShape(String schema, String table, List<ColumnShape> columns, List<String> key) {

    /** Copies the lists. */
    public TableShape {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }
}
