package io.walscope.core.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's built-in types with their fixed OIDs (stable since the version that introduced them), array OIDs
 * and SQL names, plus {@code format_type}-style naming with typmods.
 */
final class BuiltinTypes {
    /** typname, oid, array oid, SQL name ('_' means same as typname), typtype, range subtype ('-' none). */
    private static final String TABLE = String.join("\n",
            "bool 16 1000 boolean b -", "bytea 17 1001 _ b -", "char 18 1002 \"char\" b -", "name 19 1003 _ b -",
            "int8 20 1016 bigint b -", "int2 21 1005 smallint b -", "int2vector 22 1006 _ b -",
            "int4 23 1007 integer b -", "regproc 24 1008 _ b -", "text 25 1009 _ b -", "oid 26 1028 _ b -",
            "tid 27 1010 _ b -", "xid 28 1011 _ b -", "cid 29 1012 _ b -", "oidvector 30 1013 _ b -",
            "json 114 199 _ b -", "xml 142 143 _ b -", "point 600 1017 _ b -", "lseg 601 1018 _ b -",
            "path 602 1019 _ b -", "box 603 1020 _ b -", "polygon 604 1027 _ b -", "line 628 629 _ b -",
            "cidr 650 651 _ b -", "float4 700 1021 real b -", "float8 701 1022 double_precision b -",
            "circle 718 719 _ b -", "macaddr8 774 775 _ b -", "money 790 791 _ b -", "macaddr 829 1040 _ b -",
            "inet 869 1041 _ b -", "aclitem 1033 1034 _ b -", "bpchar 1042 1014 character b -",
            "varchar 1043 1015 character_varying b -", "date 1082 1182 _ b -",
            "time 1083 1183 time_without_time_zone b -", "timestamp 1114 1115 timestamp_without_time_zone b -",
            "timestamptz 1184 1185 timestamp_with_time_zone b -", "interval 1186 1187 _ b -",
            "timetz 1266 1270 time_with_time_zone b -", "bit 1560 1561 _ b -", "varbit 1562 1563 bit_varying b -",
            "numeric 1700 1231 _ b -", "refcursor 1790 2201 _ b -", "regprocedure 2202 2207 _ b -",
            "regoper 2203 2208 _ b -", "regoperator 2204 2209 _ b -", "regclass 2205 2210 _ b -",
            "regtype 2206 2211 _ b -", "regrole 4096 4097 _ b -", "regnamespace 4089 4090 _ b -",
            "regconfig 3734 3735 _ b -", "regdictionary 3769 3770 _ b -", "regcollation 4191 4192 _ b -",
            "uuid 2950 2951 _ b -", "pg_lsn 3220 3221 _ b -", "tsvector 3614 3643 _ b -",
            "tsquery 3615 3645 _ b -", "jsonb 3802 3807 _ b -", "jsonpath 4072 4073 _ b -",
            "txid_snapshot 2970 2949 _ b -", "pg_snapshot 5038 5039 _ b -", "xid8 5069 271 _ b -",
            "int4range 3904 3905 _ r int4", "numrange 3906 3907 _ r numeric", "tsrange 3908 3909 _ r timestamp",
            "tstzrange 3910 3911 _ r timestamptz", "daterange 3912 3913 _ r date",
            "int8range 3926 3927 _ r int8", "int4multirange 4451 6150 _ m int4",
            "nummultirange 4532 6151 _ m numeric", "tsmultirange 4533 6152 _ m timestamp",
            "tstzmultirange 4534 6153 _ m timestamptz", "datemultirange 4535 6155 _ m date",
            "int8multirange 4536 6157 _ m int8");

    /** Extension types with no fixed OID, known by name wherever their extension is installed. */
    static final List<String> EXTENSION_TYPES = List.of("citext", "hstore", "geometry", "geography");

    record Builtin(String typname, int oid, int arrayOid, String sqlName, char typtype, String subtype) {
    }

    private static final Map<String, Builtin> BY_NAME = new HashMap<>();
    private static final Map<Integer, Builtin> BY_OID = new HashMap<>();
    private static final Map<Integer, Builtin> BY_ARRAY_OID = new HashMap<>();
    static final List<Builtin> ALL;

    static {
        List<Builtin> all = new ArrayList<>();
        for (String line : TABLE.split("\n")) {
            String[] f = line.split(" ");
            Builtin b = new Builtin(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    f[3].equals("_") ? f[0] : f[3].replace('_', ' '), f[4].charAt(0), f[5].equals("-") ? null : f[5]);
            all.add(b);
            BY_NAME.put(b.typname(), b);
            BY_OID.put(b.oid(), b);
            BY_ARRAY_OID.put(b.arrayOid(), b);
        }
        ALL = Collections.unmodifiableList(all);
    }

    private BuiltinTypes() {
    }

    static Builtin byName(String typname) {
        return BY_NAME.get(typname);
    }

    /** A column of built-in or extension type {@code typname} (a leading '_' makes an array of it). */
    static PgColumnType column(String typname, int typmod, boolean nullable) {
        if (typname.startsWith("_") && typname.length() > 1) {
            PgColumnType e = column(typname.substring(1), typmod, true);
            Builtin b = BY_NAME.get(e.typname());
            return new PgColumnType(e.typeSchema(), typname, b == null ? 0 : b.arrayOid(), 'b', 'A', null, typmod, 1,
                    nullable, List.of(), e);
        }
        Builtin b = BY_NAME.get(typname);
        if (b == null) {
            return new PgColumnType(null, typname, 0, 'b', (char) 0, null, typmod, 0, nullable, List.of(), null);
        }
        PgColumnType sub = b.subtype() == null ? null : column(b.subtype(), -1, true);
        return new PgColumnType("pg_catalog", typname, b.oid(), b.typtype(), (char) 0, null, typmod, 0, nullable,
                List.of(), sub);
    }

    static PgColumnType columnByOid(int oid, int typmod) {
        Builtin b = BY_OID.get(oid);
        if (b != null) {
            return column(b.typname(), typmod, true);
        }
        b = BY_ARRAY_OID.get(oid);
        if (b != null) {
            return column("_" + b.typname(), typmod, true);
        }
        return new PgColumnType(null, "oid:" + (oid & 0xFFFFFFFFL), oid, (char) 0, (char) 0, null, typmod, 0, true,
                List.of(), null);
    }

    /** {@code format_type}'s text for a type and typmod (used when the catalog did not supply it). */
    static String formatType(PgColumnType c) {
        if (c.formatType() != null) {
            return c.formatType();
        }
        if (c.isArray() && c.element() != null) {
            return formatType(c.element().withTypmod(c.typmod(), null)) + "[]";
        }
        Builtin b = BY_NAME.get(c.typname());
        String name = b == null ? c.typname() : b.sqlName();
        int mod = c.typmod();
        if (b == null || mod < 0) {
            return name;
        }
        switch (c.typname()) {
        case "numeric":
            return mod >= 4 ? "numeric(" + numericPrecision(mod) + "," + numericScale(mod) + ")" : name;
        case "varchar":
        case "bpchar":
            return mod >= 4 ? name + "(" + (mod - 4) + ")" : name;
        case "bit":
        case "varbit":
            return name + "(" + mod + ")";
        case "time":
        case "timetz":
        case "timestamp":
        case "timestamptz": {
            int sp = name.indexOf(' ');
            return name.substring(0, sp) + "(" + mod + ")" + name.substring(sp);
        }
        default:
            return name;
        }
    }

    /** Declared precision of a numeric typmod. */
    static int numericPrecision(int typmod) {
        return ((typmod - 4) >> 16) & 0xFFFF;
    }

    /** Declared scale of a numeric typmod: an 11-bit signed field since PG 15 (negative or above precision). */
    static int numericScale(int typmod) {
        return (((typmod - 4) & 0x7FF) ^ 1024) - 1024;
    }
}
