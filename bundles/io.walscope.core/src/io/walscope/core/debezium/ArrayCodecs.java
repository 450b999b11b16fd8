package io.walscope.core.debezium;

import java.util.ArrayList;
import java.util.List;

import io.walscope.core.debezium.Codec.Path;
import io.walscope.core.debezium.ConnectSchema.Type;
import io.walscope.core.types.PgColumnType;

/**
 * Arrays as Debezium reads them: through pgjdbc's {@code PgArray}, each element converted like a snapshot value of
 * the element type. The arrays Debezium names get optional items; enum arrays and the other arrays of a known
 * element type get required items (Debezium builds those schemas another way); arrays of money, name, interval,
 * varbit, xml, point, refcursor, bit and of types Debezium does not know are left out. As in Debezium, an element
 * pgjdbc cannot read (numeric NaN) makes the whole array NULL, and each element of a multi-dimensional array is
 * NULL.
 */
final class ArrayCodecs {
    private ArrayCodecs() {
    }

    static Codec forArray(PgColumnType array, int typmod, DebeziumOptions o) {
        PgColumnType e = array.element() != null ? array.element()
                : PgColumnType.of(array.typname().substring(1));
        boolean builtin = e.typeSchema() == null || "pg_catalog".equals(e.typeSchema());
        if (e.typtype() == 'e') {
            return of(Codecs.forType(e, -1, o), false);
        }
        if (e.typtype() == 'd') {
            return null;
        }
        String n = e.typname();
        if (!builtin) {
            switch (n) {
            case "geometry":
            case "geography":
                return of(Codecs.forType(e, -1, o), true, ':');
            case "citext":
            case "hstore":
            case "ltree":
                return of(Codecs.forType(e, -1, o), true);
            default:
                return null;
            }
        }
        switch (n) {
        case "money":
        case "name":
        case "interval":
        case "varbit":
        case "bit":
        case "xml":
        case "point":
        case "refcursor":
            return null;
        case "int2":
        case "int4":
        case "int8":
        case "oid":
        case "char":
        case "varchar":
        case "text":
        case "bpchar":
        case "inet":
        case "cidr":
        case "macaddr":
        case "macaddr8":
        case "tsrange":
        case "tstzrange":
        case "daterange":
        case "int4range":
        case "numrange":
        case "int8range":
        case "float4":
        case "float8":
        case "bool":
        case "date":
        case "uuid":
        case "jsonb":
        case "json":
        case "timetz":
        case "timestamptz":
        case "bytea":
            return of(Codecs.forType(e, typmod, o), true);
        case "numeric": {
            // pgjdbc reads numeric elements as BigDecimal: NaN and the infinities fail the whole array
            Codec d = Numerics.numeric(typmod, o.decimal());
            return of(new Codec(d.schema, (t, p) -> {
                if (t.equals("NaN") || t.endsWith("Infinity")) {
                    throw new PgText.Unconvertible("numeric element");
                }
                return d.conv.of(t, p);
            }, d.fallback, null, null), true);
        }
        case "time":
            return of(TimeCodecs.time(o.time(), typmod < 0 ? 6 : typmod), true);
        case "timestamp":
            return of(TimeCodecs.timestamp(o.time(), typmod < 0 ? 6 : typmod), true);
        default:
            return of(Codecs.forType(e, typmod, o), false);
        }
    }

    /** An array of {@code element}'s values; items optional or not (Debezium's two ways of building it). */
    private static Codec of(Codec element, boolean optionalItems) {
        return of(element, optionalItems, ',');
    }

    /** As {@link #of(Codec, boolean)} for an element type whose array delimiter ({@code typdelim}) is not ','. */
    private static Codec of(Codec element, boolean optionalItems, char delimiter) {
        if (element == null || element.schema.type == Type.ARRAY) {
            return null;
        }
        ConnectSchema items = optionalItems ? element.schema.optional() : element.schema;
        ConnectSchema s = ConnectSchema.array(items);
        return new Codec(s, (v, p) -> {
            List<Object> raw = PgText.array(v, delimiter);
            List<Object> out = new ArrayList<>(raw.size());
            for (Object x : raw) {
                if (x instanceof String t) {
                    out.add(element.conv.of(t, Path.ELEMENT));
                } else {
                    out.add(null);
                }
            }
            return out;
        }, List.of(), null, null);
    }

    /** int2vector / oidvector: Debezium's PgArray finds no elements in {@code 1 2}. */
    static Codec vector(ConnectSchema item) {
        return new Codec(ConnectSchema.array(item), (v, p) -> List.of(), List.of(), null, null);
    }
}
