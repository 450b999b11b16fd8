package io.walscope.core.debezium;

import io.walscope.core.types.PgColumnType;

/**
 * One column of a table as Debezium's schema needs it.
 *
 * @param name the column name
 * @param type the column type, domains, array elements and enum labels resolved (the catalog's)
 * @param optional whether the column may be NULL ({@code NOT attnotnull})
 * @param defaultExpression {@code pg_get_expr(adbin)} of the column's default, or null
 * @param generated whether the column is generated ({@code attgenerated}): pgoutput leaves such columns out
 */
public record ColumnShape(String name, PgColumnType type, boolean optional, String defaultExpression,
        boolean generated) {
}
