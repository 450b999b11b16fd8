package io.walscope.core.clickhouse;

import java.util.List;

import io.walscope.core.types.TypeMapping;

/**
 * A table as the ClickHouse writer needs it: its columns with their mappings (the same mappings as its DDL), its
 * key columns and its DDL.
 *
 * @param schema the PostgreSQL schema
 * @param table the PostgreSQL table
 * @param columns the columns in {@code attnum} order
 * @param key the primary key columns (the DDL's ORDER BY), empty when the table has none
 * @param ddl Walscope's {@code CREATE TABLE} for it ({@code walscope types --ddl clickhouse})
 */
public record ChTable(String schema, String table, List<Column> columns, List<String> key, String ddl) {
    /** One column and what it becomes. */
    public record Column(String name, TypeMapping mapping) {
    }

    /** Copies the lists. */
    public ChTable {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }
}
