package io.walscope.core.clickhouse;

import java.util.List;
import java.util.Map;

/** Where the ClickHouse writer learns a table's columns (the database's catalog) and reads values it was not sent. */
public interface ChTables {
    /** The table as the catalog describes it now; null when it does not exist. */
    ChTable table(String schema, String table) throws Exception;

    /**
     * The current values (PostgreSQL text, null for NULL) of {@code columns} in the row whose key columns hold
     * {@code keyValues} (text); null when there is no such row (deleted since). Used for unchanged TOASTed values
     * when the stream carries no before-image (replica identity not FULL).
     */
    Map<String, String> current(String schema, String table, List<String> keyColumns, List<String> keyValues,
            List<String> columns) throws Exception;
}
