package io.walscope.core.stream;

import java.util.HashMap;
import java.util.Map;

import io.walscope.core.types.PgColumnType;
import io.walscope.core.types.TypeCatalog;
import io.walscope.core.types.ValueConverter;

/**
 * The type catalog's value converters, looked up once per type: by OID and typmod (pgoutput, wal2json,
 * decoderbufs) or by the type name {@code format_type} prints (test_decoding, wal2json's types).
 */
public final class Converters {
    private static final Map<String, String> SQL_NAMES = Map.ofEntries(Map.entry("boolean", "bool"),
            Map.entry("bigint", "int8"), Map.entry("smallint", "int2"), Map.entry("integer", "int4"),
            Map.entry("real", "float4"), Map.entry("double precision", "float8"), Map.entry("character", "bpchar"),
            Map.entry("character varying", "varchar"), Map.entry("time without time zone", "time"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time with time zone", "timetz"), Map.entry("bit varying", "varbit"), Map.entry("\"char\"", "char"));

    private final Map<Long, ValueConverter> byOid = new HashMap<>();
    private final Map<String, ValueConverter> byName = new HashMap<>();
    private final Map<Integer, String> userTypes = new HashMap<>();
    /** Built-in types without typmod (wal2json's every column) by OID, without boxing a key per value. */
    private final ValueConverter[] plain = new ValueConverter[FIRST_NORMAL_OID];
    private static final int FIRST_NORMAL_OID = 16384;
    private TypeLookup types = TypeLookup.NONE;

    /**
     * Where types that are not built in are resolved (domains to their base type, arrays of domains and
     * composites, enums); converters looked up before are forgotten.
     */
    public void setTypes(TypeLookup types) {
        this.types = types == null ? TypeLookup.NONE : types;
        byOid.clear();
        byName.clear();
        java.util.Arrays.fill(plain, null);
    }

    /** The converter of a column of type {@code oid} with {@code typmod}. */
    public ValueConverter forOid(int oid, int typmod) {
        if (typmod == -1 && oid >= 0 && oid < FIRST_NORMAL_OID) {
            ValueConverter c = plain[oid];
            if (c == null) {
                c = plain[oid] = lookup(oid, typmod);
            }
            return c;
        }
        return lookup(oid, typmod);
    }

    private ValueConverter lookup(int oid, int typmod) {
        long k = (long) oid << 32 | (typmod & 0xFFFFFFFFL);
        ValueConverter c = byOid.get(k);
        if (c == null) {
            PgColumnType t = oid >= FIRST_NORMAL_OID || oid < 0 ? types.byOid(oid, typmod) : null;
            String name = userTypes.get(oid);
            c = t != null ? TypeCatalog.map(t).converter()
                    : name != null ? forName(name) : TypeCatalog.forOid(oid, typmod).converter();
            byOid.put(k, c);
        }
        return c;
    }

    /** Tells the name of a type that is not built in (pgoutput's Type message, the catalog). */
    public void defineType(int oid, String typname) {
        if (oid >= 0 && oid < FIRST_NORMAL_OID) {
            plain[oid] = null;
        }
        if (!typname.equals(userTypes.put(oid, typname))) {
            byOid.keySet().removeIf(k -> (int) (k >>> 32) == oid);
        }
    }

    /**
     * The converter for a type as {@code format_type} names it: {@code integer}, {@code character varying(20)},
     * {@code timestamp(3) with time zone}, {@code text[]}, {@code public.mood}.
     */
    public ValueConverter forName(String formatType) {
        ValueConverter c = byName.get(formatType);
        if (c == null) {
            PgColumnType builtin = PgColumnType.of(typname(formatType));
            PgColumnType t = builtin.knownByName() ? null : types.byName(formatType);
            c = TypeCatalog.map(t != null ? t : builtin).converter();
            byName.put(formatType, c);
        }
        return c;
    }

    /** {@code pg_type.typname} for a {@code format_type} text (arrays as {@code _elem}). */
    static String typname(String formatType) {
        String t = formatType.strip();
        int dims = 0;
        while (t.endsWith("[]")) {
            t = t.substring(0, t.length() - 2).strip();
            dims++;
        }
        // typmods: numeric(10,2), character varying(20), timestamp(3) with time zone
        t = t.replaceAll("\\(\\d+(,\\s*-?\\d+)?\\)", "").replaceAll("\\s+", " ").strip();
        if (t.startsWith("pg_catalog.")) {
            t = t.substring("pg_catalog.".length());
        }
        String n = SQL_NAMES.get(t);
        if (n == null) {
            n = t;
            int dot = n.lastIndexOf('.');
            if (dot > 0 && !n.endsWith("\"")) {
                n = n.substring(dot + 1);
            }
        }
        return dims > 0 ? "_" + n : n;
    }
}
