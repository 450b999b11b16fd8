/**
 * PostgreSQL access: the catalog. {@link io.walscope.core.pg.catalog.CatalogReader} reads the columns of the
 * chosen tables with their types resolved (set-based, two queries whatever the table count) and maps each with
 * the core type catalog; {@link io.walscope.core.pg.catalog.SampleReader} reads a bounded number of real rows per
 * table as PostgreSQL text; {@link io.walscope.core.pg.catalog.ClickHouseDdl} writes the ClickHouse table for a
 * table's mapped columns.
 */
package io.walscope.core.pg.catalog;
