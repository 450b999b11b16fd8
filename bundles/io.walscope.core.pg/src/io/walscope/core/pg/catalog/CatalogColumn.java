package io.walscope.core.pg.catalog;

import io.walscope.core.types.PgColumnType;
import io.walscope.core.types.TypeMapping;

/**
 * One column of a table as the catalog describes it, with what Walscope maps it to.
 *
 * @param name {@code pg_attribute.attname}
 * @param attnum {@code pg_attribute.attnum} (1-based; gaps where columns were dropped)
 * @param type the column type, domains and array elements resolved
 * @param mapping {@link io.walscope.core.types.TypeCatalog#map(PgColumnType)} of {@code type}
 * @param keyPosition the 1-based position of the column in the table's primary key, 0 if not a key column
 */
public record CatalogColumn(String name, int attnum, PgColumnType type, TypeMapping mapping, int keyPosition) {

    /** {@code format_type(atttypid, atttypmod)}. */
    public String pgType() {
        return mapping.pgType();
    }
}
