package io.walscope.core.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The type catalog: what each PostgreSQL column type becomes in Walscope's canonical types, JSON and ClickHouse.
 * Never throws for an unknown type: a type Walscope does not know maps to {@code string}, status lossy, with the
 * reason in the note.
 * <p>
 * ClickHouse nullability: {@code Nullable(T)} for a nullable column, {@code LowCardinality(Nullable(String))} for
 * enums. ClickHouse allows no {@code Nullable(Array(...))} or {@code Nullable(Map(...))}: nullable array and hstore
 * columns map to {@code Array(Nullable(T))} / {@code Map(...)}, a SQL NULL loads as empty, and the mapping is lossy.
 * Array elements are always {@code Nullable} (PostgreSQL arrays may hold NULLs); nesting follows {@code attndims}.
 * <p>
 * Domains map to their base type (CHECK constraints are not carried); enums to {@code LowCardinality(String)};
 * ranges and multiranges to the JSON objects of {@link RangeConverter} kept in a {@code String}; composite types
 * to their row text (lossy); pseudo types are unsupported.
 */
public final class TypeCatalog {
    private TypeCatalog() {
    }

    /** The mapping of a column type as the catalog describes it. */
    public static TypeMapping map(PgColumnType column) {
        TypeMapping raw = mapRaw(column);
        String ch = raw.clickhouse();
        TypeMapping m = raw.withPgType(BuiltinTypes.formatType(column)).withClickhouse(nullable(ch, column.nullable()));
        if (column.nullable() && (ch.startsWith("Array(") || ch.startsWith("Map("))) {
            m = m.amend(Status.LOSSY, "ClickHouse has no Nullable(" + ch.substring(0, ch.indexOf('('))
                    + "): a NULL column value loads as empty");
        }
        return m;
    }

    /** The mapping of a built-in type known by OID and typmod (a pgoutput Relation message's column). */
    public static TypeMapping forOid(int oid, int typmod) {
        return map(PgColumnType.ofOid(oid, typmod));
    }

    /**
     * Every catalog entry, for {@code walscope types --catalog}: each built-in type, each known extension type
     * (citext, hstore, PostGIS geometry/geography), the array of each, typmod variants and examples of enum,
     * domain, composite and unknown types. The ClickHouse type is the one for a NOT NULL column.
     */
    public static List<TypeMapping> all() {
        List<TypeMapping> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (BuiltinTypes.Builtin b : BuiltinTypes.ALL) {
            names.add(b.typname());
        }
        names.addAll(BuiltinTypes.EXTENSION_TYPES);
        for (String name : names) {
            all.add(map(BuiltinTypes.column(name, -1, false)));
        }
        all.add(map(BuiltinTypes.column("numeric", numericTypmod(10, 2), false)));
        all.add(map(BuiltinTypes.column("numeric", numericTypmod(100, 20), false)));
        all.add(map(BuiltinTypes.column("numeric", numericTypmod(5, -2), false)));
        all.add(map(BuiltinTypes.column("varchar", 24, false)));
        all.add(map(BuiltinTypes.column("bit", 8, false)));
        all.add(map(BuiltinTypes.column("timestamptz", 3, false)));
        all.add(map(BuiltinTypes.column("geometry", -1, false).withTypmod(-1, "geometry(Point,4326)")));
        PgColumnType mood = PgColumnType.enumType("public", "mood", List.of("sad", "ok", "happy")).withNullable(false);
        all.add(map(mood.withTypmod(-1, "mood (enum example)")));
        PgColumnType posint = PgColumnType.domain("public", "posint", BuiltinTypes.column("int4", -1, true));
        all.add(map(posint.withNullable(false).withTypmod(-1, "posint (domain example)")));
        all.add(map(PgColumnType.composite("public", "address").withNullable(false)
                .withTypmod(-1, "address (composite example)")));
        all.add(map(BuiltinTypes.column("ltree", -1, false).withTypmod(-1, "ltree (unknown type example)")));
        for (String name : names) {
            all.add(map(BuiltinTypes.column("_" + name, -1, false)));
        }
        return Collections.unmodifiableList(all);
    }

    /** The typmod PostgreSQL stores for {@code numeric(p,s)}. */
    public static int numericTypmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7FF)) + 4;
    }

    /**
     * Wraps a NOT NULL ClickHouse type for a nullable column where ClickHouse allows it:
     * {@code Nullable(T)}, {@code LowCardinality(Nullable(T))}; arrays, maps and tuples stay as they are.
     */
    public static String nullable(String ch, boolean nullable) {
        if (!nullable || ch.startsWith("Nullable(") || ch.startsWith("Array(") || ch.startsWith("Map(")
                || ch.startsWith("Tuple(")) {
            return ch;
        }
        if (ch.startsWith("LowCardinality(")) {
            return "LowCardinality(" + nullable(ch.substring(15, ch.length() - 1), true) + ")";
        }
        return "Nullable(" + ch + ")";
    }

    /** The mapping with the ClickHouse type of a NOT NULL column. */
    private static TypeMapping mapRaw(PgColumnType c) {
        String pg = BuiltinTypes.formatType(c);
        char typtype = c.typtype();
        BuiltinTypes.Builtin builtin = BuiltinTypes.byName(c.typname());
        if (typtype == 0 && builtin != null) {
            typtype = builtin.typtype();
        }
        switch (typtype) {
        case 'd':
            return domain(c, pg);
        case 'e':
            return new TypeMapping(pg, CanonicalType.enumOf(c.enumLabels()), JsonForms.ENUM, "LowCardinality(String)",
                    Status.FULL, "", Scalars.STRING);
        case 'c':
            return new TypeMapping(pg, CanonicalType.STRING, JsonForms.COMPOSITE, "String", Status.LOSSY,
                    "composite type: carried as PostgreSQL's row text, its fields are not split", Scalars.TEXT_ONLY);
        case 'p':
            return new TypeMapping(pg, CanonicalType.STRING, JsonForms.STRING, "String", Status.UNSUPPORTED,
                    "pseudo-type " + c.typname() + " cannot be a stored column type", Scalars.TEXT_ONLY);
        case 'r':
        case 'm':
            return range(c, pg, typtype == 'm', builtin);
        default:
            break;
        }
        if (c.isArray()) {
            return array(c, pg);
        }
        TypeMapping m = BaseMappings.of(c.typname(), c.typmod(), pg);
        if (m != null) {
            return m;
        }
        String why = c.typname().startsWith("oid:")
                ? "type " + c.typname() + " is not built-in: read the catalog to resolve it"
                : "type " + pg + " is not in Walscope's catalog";
        return new TypeMapping(pg, CanonicalType.STRING, JsonForms.STRING, "String", Status.LOSSY,
                why + "; carried as its text", Scalars.TEXT_ONLY);
    }

    private static TypeMapping domain(PgColumnType c, String pg) {
        PgColumnType base = c.element();
        if (base == null) {
            return new TypeMapping(pg, CanonicalType.STRING, JsonForms.STRING, "String", Status.LOSSY,
                    "domain whose base type was not read; carried as its text", Scalars.TEXT_ONLY);
        }
        TypeMapping b = mapRaw(base);
        String note = "domain over " + BuiltinTypes.formatType(base) + " (CHECK constraints not carried)";
        return new TypeMapping(pg, b.canonical(), b.json(), b.clickhouse(), b.status(),
                b.note().isEmpty() ? note : note + "; " + b.note(), b.converter());
    }

    private static TypeMapping range(PgColumnType c, String pg, boolean multi, BuiltinTypes.Builtin builtin) {
        PgColumnType sub = c.element();
        if (sub == null && builtin != null && builtin.subtype() != null) {
            sub = BuiltinTypes.column(builtin.subtype(), -1, true);
        }
        if (sub == null) {
            return new TypeMapping(pg, CanonicalType.STRING, JsonForms.STRING, "String", Status.LOSSY,
                    "range whose subtype was not read; carried as its text", Scalars.TEXT_ONLY);
        }
        TypeMapping s = mapRaw(sub);
        String note = "ClickHouse String holds the JSON text" + (multi ? "; multiranges need PG 14+" : "");
        // the bounds live in JSON text, so only a subtype that is lossy as text (not merely in its own ClickHouse
        // column type, like unbounded numeric) makes the range lossy
        boolean boundsLossy = s.status() != Status.FULL && s.clickhouse().equals("String");
        return new TypeMapping(pg, CanonicalType.range(s.canonical(), multi),
                multi ? JsonForms.MULTIRANGE : JsonForms.RANGE, "String", boundsLossy ? s.status() : Status.FULL,
                boundsLossy ? note + "; bounds: " + s.note() : note, new RangeConverter(s.converter(), multi));
    }

    private static TypeMapping array(PgColumnType c, String pg) {
        PgColumnType e = c.element() != null ? c.element()
                : BuiltinTypes.column(c.typname().substring(1), c.typmod(), true);
        if (e.typmod() < 0 && c.typmod() >= 0) {
            e = e.withTypmod(c.typmod(), e.formatType());
        }
        TypeMapping em = mapRaw(e);
        int depth = Math.max(1, c.dims());
        CanonicalType t = em.canonical();
        String ch = nullable(em.clickhouse(), true);
        for (int i = 0; i < depth; i++) {
            t = CanonicalType.array(t);
            ch = "Array(" + ch + ")";
        }
        String note = depth > 1 ? depth + " dimensions (attndims; PostgreSQL does not enforce it)" : "";
        if (!em.note().isEmpty()) {
            note = note.isEmpty() ? "elements: " + em.note() : note + "; elements: " + em.note();
        }
        char delimiter = "box".equals(e.typname()) ? ';' : ',';
        return new TypeMapping(pg, t, JsonForms.array(em.json(), depth), ch, em.status(), note,
                new ArrayConverter(em.converter(), delimiter));
    }
}
