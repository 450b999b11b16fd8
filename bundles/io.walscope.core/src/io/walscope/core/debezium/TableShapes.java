package io.walscope.core.debezium;

/** Where the Debezium writer learns a table's columns, types, defaults and key (the database's catalog). */
public interface TableShapes {
    /** The shape of {@code schema.table} as the catalog describes it now; null when the table does not exist. */
    TableShape shape(String schema, String table) throws Exception;
}
