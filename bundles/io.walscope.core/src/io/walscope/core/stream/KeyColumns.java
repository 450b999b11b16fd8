package io.walscope.core.stream;

import java.util.List;

/**
 * Names a table's key columns (primary key, else the replica identity index) where the plugin does not tell
 * them. The reader implements it from the catalog; decoders ask once per table.
 */
@FunctionalInterface
public interface KeyColumns {
    /** Never knows anything: events carry a key only where the plugin names it. */
    KeyColumns NONE = (schema, table) -> null;

    /** The key column names of {@code schema.table}, or null when it has none or it is not known. */
    List<String> keyColumns(String schema, String table);
}
