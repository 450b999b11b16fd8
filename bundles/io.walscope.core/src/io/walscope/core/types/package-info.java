/**
 * Walscope core: the type catalog. What every PostgreSQL column type becomes: a {@link
 * io.walscope.core.types.CanonicalType canonical type}, a JSON form, a ClickHouse column type and a {@link
 * io.walscope.core.types.Status status} with its reason, plus the {@link io.walscope.core.types.ValueConverter
 * converter} that turns the column's values into that JSON.
 * <p>
 * Entry points: {@link io.walscope.core.types.TypeCatalog#map(PgColumnType)} for a column read from the catalog
 * ({@link io.walscope.core.types.PgColumnType}), {@link io.walscope.core.types.TypeCatalog#forOid(int, int)} for a
 * pgoutput Relation column, {@link io.walscope.core.types.TypeCatalog#all()} for {@code walscope types --catalog}.
 * No database and no I/O here; the only library is Jackson's streaming {@code JsonGenerator}.
 */
package io.walscope.core.types;
