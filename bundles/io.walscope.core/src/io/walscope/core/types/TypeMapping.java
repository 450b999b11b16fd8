package io.walscope.core.types;

import java.util.Objects;

/**
 * What one PostgreSQL column type becomes: the canonical type, the JSON form (in words), the ClickHouse column
 * type, the support status with its reason, and the converter that produces the JSON values.
 *
 * @param pgType the PostgreSQL type as {@code format_type} prints it, e.g. {@code numeric(10,2)}, {@code integer[]}
 * @param canonical Walscope's canonical type
 * @param json the JSON form in words, e.g. {@code string: decimal text, NaN/Infinity/-Infinity as strings}
 * @param clickhouse the ClickHouse column type, {@code Nullable(...)} where the column is nullable and ClickHouse
 *            allows it
 * @param status full, lossy or unsupported
 * @param note why the status is what it is, and value-level caveats; empty when there is nothing to say
 * @param converter turns the column's PostgreSQL text (or binary) values into the JSON form
 */
public record TypeMapping(String pgType, CanonicalType canonical, String json, String clickhouse, Status status,
        String note, ValueConverter converter) {

    /** Checks required parts. */
    public TypeMapping {
        Objects.requireNonNull(pgType, "pgType");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(clickhouse, "clickhouse");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(converter, "converter");
        note = note == null ? "" : note;
    }

    /** The same mapping under another PostgreSQL type name. */
    public TypeMapping withPgType(String name) {
        return new TypeMapping(name, canonical, json, clickhouse, status, note, converter);
    }

    /** The same mapping with {@code extra} appended to the note and the status made at least {@code atLeast}. */
    public TypeMapping amend(Status atLeast, String extra) {
        String n = note.isEmpty() ? extra : extra == null || extra.isEmpty() ? note : note + "; " + extra;
        return new TypeMapping(pgType, canonical, json, clickhouse, status.worst(atLeast), n, converter);
    }

    /** The same mapping with another ClickHouse type. */
    public TypeMapping withClickhouse(String type) {
        return new TypeMapping(pgType, canonical, json, type, status, note, converter);
    }
}
