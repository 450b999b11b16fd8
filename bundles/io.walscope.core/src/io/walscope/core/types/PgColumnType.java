package io.walscope.core.types;

import java.util.List;

/**
 * What PostgreSQL's catalog says of a column's type: the input of {@link TypeCatalog#map(PgColumnType)}.
 * <p>
 * Designed to be filled from one set-based catalog query per schema, joining {@code pg_attribute},
 * {@code pg_type}, {@code pg_namespace}, {@code pg_enum} (labels aggregated in {@code enumsortorder}) and
 * {@code pg_range}: the reader first loads every type the schema's columns reference (following
 * {@code typelem}, {@code typbasetype} and {@code rngsubtype}) into a map by OID and links the
 * {@link #element()} chain from it, so no per-column round trip is needed.
 *
 * @param typeSchema {@code pg_namespace.nspname} of the type ({@code pg_catalog} for built-ins); may be null
 * @param typname {@code pg_type.typname}, e.g. {@code int4}, {@code _int4}, {@code geometry}
 * @param oid the type's OID, 0 if unknown
 * @param typtype {@code pg_type.typtype}: b base, c composite, d domain, e enum, r range, m multirange, p pseudo;
 *            0 if unknown (then inferred from the name for built-ins)
 * @param typcategory {@code pg_type.typcategory} (A for arrays, N numeric, ...); 0 if unknown
 * @param formatType {@code format_type(atttypid, atttypmod)}, e.g. {@code numeric(10,2)},
 *            {@code timestamp(3) with time zone}, {@code character varying(20)[]}; null to derive it
 * @param typmod {@code pg_attribute.atttypmod} (for a domain's base: {@code typtypmod}); -1 if none
 * @param dims {@code pg_attribute.attndims} for arrays (0 when unknown, treated as 1; PostgreSQL does not
 *            enforce it)
 * @param nullable {@code NOT attnotnull}: decides {@code Nullable(...)} on the ClickHouse side
 * @param enumLabels for enums, the labels in {@code enumsortorder}; empty otherwise
 * @param element the array element type ({@code typelem}), the domain base type ({@code typbasetype} with
 *            {@code typtypmod}), or the range/multirange subtype ({@code rngsubtype}); null otherwise
 */
public record PgColumnType(String typeSchema, String typname, int oid, char typtype, char typcategory,
        String formatType, int typmod, int dims, boolean nullable, List<String> enumLabels, PgColumnType element) {

    /** Normalizes {@code enumLabels}. */
    public PgColumnType {
        if (typname == null || typname.isEmpty()) {
            throw new IllegalArgumentException("typname is required");
        }
        enumLabels = enumLabels == null ? List.of() : List.copyOf(enumLabels);
    }

    /** A built-in or extension type known by name, nullable, no typmod: e.g. {@code of("int4")}, {@code of("_text")}. */
    public static PgColumnType of(String typname) {
        return BuiltinTypes.column(typname, -1, true);
    }

    /**
     * A built-in type with a typmod, as a pgoutput Relation message describes a column (type OID and typmod only).
     * An OID that is not built-in (user types, extension types) yields a type named {@code oid:<n>} that maps to
     * {@code string}/lossy until the catalog reader has resolved it.
     */
    public static PgColumnType ofOid(int oid, int typmod) {
        return BuiltinTypes.columnByOid(oid, typmod);
    }

    /** An enum type with its labels. */
    public static PgColumnType enumType(String schema, String typname, List<String> labels) {
        return new PgColumnType(schema, typname, 0, 'e', 'E', null, -1, 0, true, labels, null);
    }

    /** A domain over {@code base}. */
    public static PgColumnType domain(String schema, String typname, PgColumnType base) {
        return new PgColumnType(schema, typname, 0, 'd', base.typcategory, null, -1, 0, true, List.of(), base);
    }

    /** An array whose element is {@code element} (e.g. an array of an enum or a domain). */
    public static PgColumnType arrayOf(PgColumnType element) {
        return new PgColumnType(element.typeSchema, "_" + element.typname, 0, 'b', 'A', null, -1, 1, true,
                List.of(), element.withNullable(true));
    }

    /** A composite (row) type: unsupported as a structure, carried as its text. */
    public static PgColumnType composite(String schema, String typname) {
        return new PgColumnType(schema, typname, 0, 'c', 'C', null, -1, 0, true, List.of(), null);
    }

    /** This type with another nullability. */
    public PgColumnType withNullable(boolean n) {
        return n == nullable ? this
                : new PgColumnType(typeSchema, typname, oid, typtype, typcategory, formatType, typmod, dims, n,
                        enumLabels, element);
    }

    /** This type with another typmod (and a format_type text re-derived unless given). */
    public PgColumnType withTypmod(int mod, String format) {
        return new PgColumnType(typeSchema, typname, oid, typtype, typcategory, format, mod, dims, nullable,
                enumLabels, element);
    }

    /** This type with another {@code attndims}. */
    public PgColumnType withDims(int d) {
        return new PgColumnType(typeSchema, typname, oid, typtype, typcategory, formatType, typmod, d, nullable,
                enumLabels, element);
    }

    /**
     * Whether this is a true array type: a non-domain whose name starts with '_' (PostgreSQL's name for every
     * array type) and whose category is A or unknown. {@code int2vector} and {@code oidvector} are category A with
     * an element type too, but print as {@code 1 2 3}, not as an array literal, so the name decides.
     */
    public boolean isArray() {
        return typtype != 'd' && typname.startsWith("_") && typname.length() > 1
                && (typcategory == 'A' || typcategory == 0);
    }

    /** Whether Walscope knows this type by its name alone: a built-in or known extension type, or an array of one. */
    public boolean knownByName() {
        PgColumnType t = isArray() && element() != null ? element() : this;
        return BuiltinTypes.byName(t.typname()) != null || BuiltinTypes.EXTENSION_TYPES.contains(t.typname());
    }
}
