package io.walscope.core.pg.catalog;

import java.util.Comparator;
import java.util.List;

import io.walscope.core.types.Status;

/**
 * One table (ordinary or partitioned root) with its columns in {@code attnum} order.
 *
 * @param schema {@code pg_namespace.nspname}
 * @param name {@code pg_class.relname}
 * @param partitioned whether this is a partitioned table (relkind {@code p}, PG 10+)
 * @param columns the live columns in {@code attnum} order
 */
public record CatalogTable(String schema, String name, boolean partitioned, List<CatalogColumn> columns) {

    /** Copies {@code columns}. */
    public CatalogTable {
        columns = List.copyOf(columns);
    }

    /** The primary key columns in key order; empty if the table has no primary key. */
    public List<CatalogColumn> primaryKey() {
        return columns.stream().filter(c -> c.keyPosition() > 0)
                .sorted(Comparator.comparingInt(CatalogColumn::keyPosition)).toList();
    }

    /** The column called {@code column}, or null. */
    public CatalogColumn column(String column) {
        for (CatalogColumn c : columns) {
            if (c.name().equals(column)) {
                return c;
            }
        }
        return null;
    }

    /** The worst status of the table's columns. */
    public Status worstStatus() {
        Status s = Status.FULL;
        for (CatalogColumn c : columns) {
            s = s.worst(c.mapping().status());
        }
        return s;
    }

    /** {@code schema.name} with each part quoted only where PostgreSQL needs it. */
    public String qualifiedName() {
        return TableName.quoteIfNeeded(schema) + "." + TableName.quoteIfNeeded(name);
    }
}
