package io.walscope.core.types;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Walscope's own small, exact type system: what a PostgreSQL column <i>is</i>, independent of the server's type
 * names and of any target. {@link #toString()} gives the canonical spelling shown to users, e.g.
 * {@code int32}, {@code decimal(10,2)}, {@code decimal}, {@code timestamptz(3)}, {@code array<array<int32>>},
 * {@code range<date>}, {@code enum('red','green')}, {@code reg(regclass)}.
 * <p>
 * {@code precision} is the declared length/precision or -1 when none was declared; {@code scale} only means
 * something for {@link Kind#DECIMAL}; {@code element} is set for arrays, ranges and multiranges; {@code labels}
 * are an enum's labels in sort order; {@code detail} names the PostgreSQL type for kinds that group several
 * (the reg* kinds, {@code oid}-like types).
 *
 * @param kind the kind
 * @param precision declared precision, length or fractional-second digits; -1 if undeclared
 * @param scale declared decimal scale (may be negative or exceed precision on PG 15+); 0 otherwise
 * @param element element/sub-type for {@code ARRAY}, {@code RANGE}, {@code MULTIRANGE}; else null
 * @param labels enum labels; empty otherwise
 * @param detail the PostgreSQL type name for grouping kinds ({@code REG}); else null
 */
public record CanonicalType(Kind kind, int precision, int scale, CanonicalType element, List<String> labels,
        String detail) {

    /** The kinds of canonical type. */
    public enum Kind {
        STRING, INT16, INT32, INT64, DECIMAL, FLOAT32, FLOAT64, BOOL, BYTES, BITS, VARBITS,
        DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL, UUID, JSON, XML,
        INET, CIDR, MACADDR, MACADDR8,
        POINT, LINE, LSEG, BOX, PATH, POLYGON, CIRCLE, GEOMETRY, GEOGRAPHY,
        TSVECTOR, TSQUERY, ENUM, ARRAY, RANGE, MULTIRANGE, MONEY, OID, REG, HSTORE;

        /** The lower-case spelling used in {@link CanonicalType#toString()}. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Canonical {@code string}. */
    public static final CanonicalType STRING = of(Kind.STRING);

    /** Normalizes {@code labels} to an immutable list. */
    public CanonicalType {
        Objects.requireNonNull(kind, "kind");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A type with no parameters. */
    public static CanonicalType of(Kind kind) {
        return new CanonicalType(kind, -1, 0, null, List.of(), null);
    }

    /** A type with a declared precision/length (-1 for none). */
    public static CanonicalType of(Kind kind, int precision) {
        return new CanonicalType(kind, precision, 0, null, List.of(), null);
    }

    /** {@code decimal(p,s)}; {@code precision} -1 for the unbounded {@code decimal}. */
    public static CanonicalType decimal(int precision, int scale) {
        return new CanonicalType(Kind.DECIMAL, precision, precision < 0 ? 0 : scale, null, List.of(), null);
    }

    /** {@code array<element>}. */
    public static CanonicalType array(CanonicalType element) {
        return new CanonicalType(Kind.ARRAY, -1, 0, element, List.of(), null);
    }

    /** {@code range<element>} or {@code multirange<element>}. */
    public static CanonicalType range(CanonicalType element, boolean multi) {
        return new CanonicalType(multi ? Kind.MULTIRANGE : Kind.RANGE, -1, 0, element, List.of(), null);
    }

    /** {@code enum('a','b')}. */
    public static CanonicalType enumOf(List<String> labels) {
        return new CanonicalType(Kind.ENUM, -1, 0, null, labels, null);
    }

    /** {@code reg(regclass)} and the like. */
    public static CanonicalType reg(String pgTypeName) {
        return new CanonicalType(Kind.REG, -1, 0, null, List.of(), pgTypeName);
    }

    /** Array nesting depth of this type (0 for a non-array). */
    public int depth() {
        return kind == Kind.ARRAY ? 1 + element.depth() : 0;
    }

    @Override
    public String toString() {
        String k = kind.spelling();
        switch (kind) {
        case DECIMAL:
            return precision < 0 ? k : k + "(" + precision + "," + scale + ")";
        case ARRAY:
        case RANGE:
        case MULTIRANGE:
            return k + "<" + element + ">";
        case ENUM: {
            StringBuilder b = new StringBuilder("enum(");
            for (int i = 0; i < labels.size(); i++) {
                b.append(i == 0 ? "'" : ",'").append(labels.get(i).replace("'", "''")).append('\'');
            }
            return b.append(')').toString();
        }
        case REG:
            return "reg(" + detail + ")";
        case GEOMETRY:
        case GEOGRAPHY:
            return detail == null ? k : k + "(" + detail + ")";
        default:
            return precision < 0 ? k : k + "(" + precision + ")";
        }
    }
}
