package io.walscope.testbed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table with one column of every type in Walscope's catalog, rows of edge values, and the canonical JSON each
 * value must become: the shared fixture of the type conformance tests. The catalog test reads the rows back
 * through JDBC {@code getString}; the stream engine's tests decode the same rows from every plugin (pgoutput,
 * test_decoding, wal2json, decoderbufs) and must get the same JSON.
 * <p>
 * Use: {@code TypeFixture f = TypeFixture.forServer("16"); server.sql(db, f.setupSql().toArray(String[]::new));
 * server.sql(db, f.insertSql().toArray(String[]::new));} then compare each converted value with
 * {@link #expected(String, int)}. Columns are chosen per server version (multiranges and numeric infinity need
 * PG 14, negative numeric scale 15, PostGIS only on the test bed's 15, and so on). Row {@code i} (0-based) holds
 * case {@code i} of each column, or NULL where a column has fewer cases; {@code row_no} ({@code i + 1}) is the
 * primary key. Types live in schema {@link #SCHEMA}, an enum also in {@link #OTHER_SCHEMA}, hstore and citext in
 * {@link #EXT_SCHEMA} (off the search path, so {@code format_type} qualifies them).
 * <p>
 * Values are chosen to print the same on every version with pgjdbc's session settings (DateStyle ISO,
 * extra_float_digits 3, IntervalStyle postgres, bytea_output hex, --no-locale so lc_monetary C); floats are
 * only compared after conversion, which normalizes their digits.
 */
public final class TypeFixture {
    /** The schema of the table and its types. */
    public static final String SCHEMA = "fx";
    /** A second schema holding a type the table uses. */
    public static final String OTHER_SCHEMA = "fx_other";
    /** The schema hstore and citext are installed in. */
    public static final String EXT_SCHEMA = "fx_ext";
    /** The table. */
    public static final String TABLE = "all_types";
    /** The primary key column. */
    public static final String KEY = "row_no";

    /** One value: PostgreSQL input text and the canonical JSON it becomes. */
    public record Case(String input, String expected) {
    }

    /**
     * One column of the table.
     *
     * @param name the column name
     * @param type the SQL type as written in CREATE TABLE
     * @param pgType {@code format_type} as the catalog prints it (with the search path {@code "$user", public})
     * @param cases the values, row by row
     */
    public record Column(String name, String type, String pgType, List<Case> cases) {
    }

    private final String major;
    private final int version;
    private final boolean postgis;
    private final Map<String, Column> columns = new LinkedHashMap<>();

    private TypeFixture(String major, boolean postgis) {
        this.major = major;
        this.version = major.equals("9.6") ? 9 : Integer.parseInt(major);
        this.postgis = postgis;
        build();
    }

    /** The fixture for a server of the test bed: PostGIS columns on {@link PgTestBed#PLUGINS_VERSION} only. */
    public static TypeFixture forServer(String major) {
        return new TypeFixture(major, major.equals(PgTestBed.PLUGINS_VERSION));
    }

    /** The fixture for a server version, with or without PostGIS columns. */
    public static TypeFixture of(String major, boolean postgis) {
        return new TypeFixture(major, postgis);
    }

    public String major() {
        return major;
    }

    /** The columns, {@link #KEY} first. */
    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    /** The column called {@code name}. */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("The fixture has no column " + name + " on PostgreSQL " + major);
        }
        return c;
    }

    /** How many rows {@link #insertSql()} inserts. */
    public int rows() {
        int n = 0;
        for (Column c : columns.values()) {
            n = Math.max(n, c.cases().size());
        }
        return n;
    }

    /** The PostgreSQL input of {@code column} in row {@code row} (0-based), null for SQL NULL. */
    public String input(String column, int row) {
        List<Case> cases = column(column).cases();
        return row < cases.size() ? cases.get(row).input() : null;
    }

    /** The canonical JSON text of {@code column} in row {@code row} (0-based): {@code null} for SQL NULL. */
    public String expected(String column, int row) {
        List<Case> cases = column(column).cases();
        return row < cases.size() ? cases.get(row).expected() : "null";
    }

    /** Extensions, schemas, types, domains and the table (run as superuser in a fresh database). */
    public List<String> setupSql() {
        List<String> s = new ArrayList<>();
        s.add("CREATE SCHEMA " + SCHEMA);
        s.add("CREATE SCHEMA " + OTHER_SCHEMA);
        s.add("CREATE SCHEMA " + EXT_SCHEMA);
        s.add("CREATE EXTENSION hstore SCHEMA " + EXT_SCHEMA);
        s.add("CREATE EXTENSION citext SCHEMA " + EXT_SCHEMA);
        if (postgis) {
            s.add("CREATE EXTENSION postgis");
        }
        s.add("CREATE TYPE fx.mood AS ENUM ('sad', 'ok', 'happy', 'so-so \"meh\"')");
        s.add("CREATE TYPE fx_other.color AS ENUM ('red', 'green')");
        s.add("CREATE TYPE fx.pair AS (a integer, b text)");
        s.add("CREATE DOMAIN fx.posint AS integer CHECK (VALUE > 0)");
        s.add("CREATE DOMAIN fx.smallpos AS fx.posint CHECK (VALUE < 100)");
        s.add("CREATE DOMAIN fx.price AS numeric(6,2)");
        s.add("CREATE DOMAIN fx.intlist AS integer[]");
        StringBuilder t = new StringBuilder("CREATE TABLE " + SCHEMA + "." + TABLE + " (");
        boolean first = true;
        for (Column c : columns.values()) {
            t.append(first ? "" : ", ").append('"').append(c.name()).append("\" ").append(c.type());
            first = false;
        }
        s.add(t.append(")").toString());
        return s;
    }

    /** One INSERT per row. */
    public List<String> insertSql() {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows(); r++) {
            StringBuilder names = new StringBuilder();
            StringBuilder values = new StringBuilder();
            for (Column c : columns.values()) {
                names.append(names.length() == 0 ? "" : ", ").append('"').append(c.name()).append('"');
                String v = input(c.name(), r);
                values.append(values.length() == 0 ? "" : ", ")
                        .append(v == null ? "NULL" : "'" + v.replace("'", "''") + "'");
            }
            out.add("INSERT INTO " + SCHEMA + "." + TABLE + " (" + names + ") VALUES (" + values + ")");
        }
        return out;
    }

    // ---- the columns ----

    private void col(int minVersion, String name, String type, String pgType, String... inputAndExpected) {
        if (version < minVersion) {
            return;
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < inputAndExpected.length; i += 2) {
            cases.add(new Case(inputAndExpected[i], inputAndExpected[i + 1]));
        }
        columns.put(name, new Column(name, type, pgType, List.copyOf(cases)));
    }

    private void col(String name, String type, String pgType, String... inputAndExpected) {
        col(0, name, type, pgType, inputAndExpected);
    }

    private static String s(String jsonStringContent) {
        return "\"" + jsonStringContent + "\"";
    }

    private static String interval(String iso, long months, long days, long micros) {
        return "{\"iso\":\"" + iso + "\",\"months\":" + months + ",\"days\":" + days + ",\"microseconds\":" + micros
                + "}";
    }

    private static String range(String lower, String upper, boolean lowerInc, boolean upperInc) {
        return "{\"lower\":" + lower + ",\"upper\":" + upper + ",\"lower_inc\":" + lowerInc + ",\"upper_inc\":"
                + upperInc + "}";
    }

    private void build() {
        int rows = 4;
        String[] keys = new String[rows * 2];
        for (int i = 0; i < rows; i++) {
            keys[2 * i] = String.valueOf(i + 1);
            keys[2 * i + 1] = String.valueOf(i + 1);
        }
        col(KEY, "integer PRIMARY KEY", "integer", keys);
        numbers();
        strings();
        times();
        network();
        geometric();
        system();
        ranges();
        userTypes();
        arrays();
        if (postgis) {
            col("c_geometry", "geometry(Point,4326)", "geometry(Point,4326)",
                    "SRID=4326;POINT(1 2)", s("0101000020E6100000000000000000F03F0000000000000040"));
            col("c_geography", "geography", "geography",
                    "POINT(1 2)", s("0101000020E6100000000000000000F03F0000000000000040"));
        }
    }

    private void numbers() {
        col("c_int2", "smallint", "smallint", "-32768", "-32768", "32767", "32767", "0", "0");
        col("c_int4", "integer", "integer", "-2147483648", "-2147483648", "2147483647", "2147483647");
        col("c_int8", "bigint", "bigint", "-9223372036854775808", "-9223372036854775808",
                "9223372036854775807", "9223372036854775807");
        col("c_float4", "real", "real", "0.1", "0.1", "3.4028235e+38", "3.4028235E38", "NaN", s("NaN"),
                "-Infinity", s("-Infinity"));
        col("c_float8", "double precision", "double precision", "0.1", "0.1", "1e+20", "1.0E20", "5e-324",
                "4.9E-324", "Infinity", s("Infinity"));
        col("c_numeric", "numeric", "numeric", "-123.4500", s("-123.4500"),
                "12345678901234567890.123456789012345678901", s("12345678901234567890.123456789012345678901"),
                "NaN", s("NaN"), "0", s("0"));
        col(14, "c_numeric_inf", "numeric", "numeric", "Infinity", s("Infinity"), "-Infinity", s("-Infinity"));
        col("c_numeric_10_2", "numeric(10,2)", "numeric(10,2)", "12345678.99", s("12345678.99"), "-0.5",
                s("-0.50"), "0", s("0.00"));
        col(15, "c_numeric_neg_scale", "numeric(5,-2)", "numeric(5,-2)", "12345", s("12300"));
        col("c_money", "money", "money", "1234.56", s("1234.56"), "-0.01", s("-0.01"));
        col("c_bool", "boolean", "boolean", "true", "true", "false", "false");
        col("c_oid", "oid", "oid", "4294967295", "4294967295", "0", "0");
    }

    private void strings() {
        col("c_text", "text", "text", "plain", s("plain"),
                "quote \" backslash \\ newline \n tab \t", s("quote \\\" backslash \\\\ newline \\n tab \\t"),
                "Gr\u00fc\u00dfe \u6f22\u5b57 \uD83D\uDE00", s("Gr\u00fc\u00dfe \u6f22\u5b57 \uD83D\uDE00"),
                "", s(""));
        col("c_varchar", "varchar(20)", "character varying(20)", "abc", s("abc"));
        col("c_char", "char(5)", "character(5)", "ab", s("ab   "));
        col("c_name", "name", "name", "pg_class", s("pg_class"));
        col("c_qchar", "\"char\"", "\"char\"", "x", s("x"));
        col("c_citext", "fx_ext.citext", "fx_ext.citext", "MiXeD Case", s("MiXeD Case"));
        col("c_bytea", "bytea", "bytea", "\\x0001ff", s("AAH/"), "", s(""), "\\x00", s("AA=="));
        col("c_bit", "bit(4)", "bit(4)", "0101", s("0101"));
        col("c_varbit", "bit varying", "bit varying", "", s(""), "1", s("1"));
        col("c_xml", "xml", "xml", "<a>x &amp; y</a>", s("<a>x &amp; y</a>"));
        col("c_json", "json", "json", "{\"b\": 1,  \"a\": [true, null]}", "{\"b\": 1,  \"a\": [true, null]}",
                "[]", "[]", "\"str\"", "\"str\"");
        col("c_jsonb", "jsonb", "jsonb", "{\"b\": 1,  \"a\": [true, null]}", "{\"a\": [true, null], \"b\": 1}",
                "{}", "{}");
        col("c_uuid", "uuid", "uuid", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
                s("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        col("c_tsvector", "tsvector", "tsvector", "a fat cat", s("'a' 'cat' 'fat'"));
        col("c_tsquery", "tsquery", "tsquery", "fat & rat", s("'fat' & 'rat'"));
    }

    private void times() {
        col("c_date", "date", "date", "2024-02-29", s("2024-02-29"), "0044-03-15 BC", s("-0043-03-15"),
                "infinity", s("infinity"), "-infinity", s("-infinity"));
        col("c_time", "time", "time without time zone", "04:05:06.789", s("04:05:06.789000"), "24:00:00",
                s("24:00:00.000000"));
        col("c_timetz", "timetz", "time with time zone", "04:05:06.789+05:30", s("04:05:06.789000+05:30"),
                "23:59:59-09:30", s("23:59:59.000000-09:30"));
        col("c_timestamp", "timestamp", "timestamp without time zone", "2024-01-31 12:00:00",
                s("2024-01-31T12:00:00.000000"), "0044-03-15 10:30:00 BC", s("-0043-03-15T10:30:00.000000"),
                "infinity", s("infinity"), "294276-12-31 23:59:59.999999", s("+294276-12-31T23:59:59.999999"));
        col("c_timestamptz", "timestamptz", "timestamp with time zone", "2024-01-31 12:00:00.123+05:30",
                s("2024-01-31T06:30:00.123000Z"), "-infinity", s("-infinity"), "2000-01-01 00:00:00+00",
                s("2000-01-01T00:00:00.000000Z"));
        col("c_timestamptz_3", "timestamptz(3)", "timestamp(3) with time zone", "2024-01-31 12:00:00.12345+00",
                s("2024-01-31T12:00:00.123000Z"));
        col("c_interval", "interval", "interval", "1 year 2 mons 3 days 04:05:06.000007",
                interval("P1Y2M3DT4H5M6.000007S", 14, 3, 14_706_000_007L), "-1 days", interval("P-1D", 0, -1, 0),
                "00:00:00", interval("PT0S", 0, 0, 0));
    }

    private void network() {
        col("c_inet", "inet", "inet", "192.168.0.1/24", s("192.168.0.1/24"), "::1", s("::1"));
        col("c_cidr", "cidr", "cidr", "10.0.0.0/8", s("10.0.0.0/8"));
        col("c_macaddr", "macaddr", "macaddr", "08:00:2B:01:02:03", s("08:00:2b:01:02:03"));
        col(10, "c_macaddr8", "macaddr8", "macaddr8", "08:00:2b:01:02:03:04:05", s("08:00:2b:01:02:03:04:05"));
    }

    private void geometric() {
        col("c_point", "point", "point", "(1,2)", s("POINT(1 2)"), "(-1.5,0)", s("POINT(-1.5 0)"));
        col("c_line", "line", "line", "{1,-1,0}", s("{1,-1,0}"));
        col("c_lseg", "lseg", "lseg", "[(1,2),(3,4)]", s("LINESTRING(1 2,3 4)"));
        col("c_box", "box", "box", "(3,4),(1,2)", s("POLYGON((1 2,3 2,3 4,1 4,1 2))"));
        col("c_path", "path", "path", "[(0,0),(1,1),(2,0)]", s("LINESTRING(0 0,1 1,2 0)"), "((0,0),(1,1),(2,0))",
                s("POLYGON((0 0,1 1,2 0,0 0))"));
        col("c_polygon", "polygon", "polygon", "((0,0),(0,1),(1,1),(1,0))", s("POLYGON((0 0,0 1,1 1,1 0,0 0))"));
        col("c_circle", "circle", "circle", "<(1,2),3>", s("<(1,2),3>"));
    }

    private void system() {
        col("c_xid", "xid", "xid", "123", "123");
        col("c_cid", "cid", "cid", "7", "7");
        col("c_tid", "tid", "tid", "(0,1)", s("(0,1)"));
        col("c_pg_lsn", "pg_lsn", "pg_lsn", "16/B374D848", s("16/B374D848"));
        col("c_regclass", "regclass", "regclass", "pg_class", s("pg_class"));
        col("c_regtype", "regtype", "regtype", "integer", s("integer"));
        col("c_regproc", "regproc", "regproc", "now", s("now"));
        col("c_regprocedure", "regprocedure", "regprocedure", "abs(integer)", s("abs(integer)"));
        col("c_regoperator", "regoperator", "regoperator", "+(integer,integer)", s("+(integer,integer)"));
        col("c_regnamespace", "regnamespace", "regnamespace", "pg_catalog", s("pg_catalog"));
        col("c_regconfig", "regconfig", "regconfig", "english", s("english"));
        col("c_regdictionary", "regdictionary", "regdictionary", "simple", s("simple"));
        col(13, "c_regcollation", "regcollation", "regcollation", "\"C\"", s("\\\"C\\\""));
        col("c_int2vector", "int2vector", "int2vector", "1 2", s("1 2"));
        col("c_oidvector", "oidvector", "oidvector", "1 2", s("1 2"));
        col("c_refcursor", "refcursor", "refcursor", "cur", s("cur"));
        col("c_txid_snapshot", "txid_snapshot", "txid_snapshot", "10:20:10,14,15", s("10:20:10,14,15"));
        col(12, "c_jsonpath", "jsonpath", "jsonpath", "$.a[*] ? (@ > 1)", s("$.\\\"a\\\"[*]?(@ > 1)"));
        col(13, "c_xid8", "xid8", "xid8", "123", "123");
        col("c_hstore", "fx_ext.hstore", "fx_ext.hstore", "\"a\"=>\"1\", \"b\"=>NULL", "{\"a\":\"1\",\"b\":null}",
                "", "{}");
    }

    private void ranges() {
        col("c_int4range", "int4range", "int4range", "[1,10)", range("1", "10", true, false), "empty",
                "{\"empty\":true}");
        col("c_int8range", "int8range", "int8range", "(,5]", range("null", "6", false, false));
        col("c_numrange", "numrange", "numrange", "(1.5,)", range(s("1.5"), "null", false, false));
        col("c_tsrange", "tsrange", "tsrange", "[2024-01-01 00:00,2024-01-02 00:00)",
                range(s("2024-01-01T00:00:00.000000"), s("2024-01-02T00:00:00.000000"), true, false));
        col("c_tstzrange", "tstzrange", "tstzrange", "[2024-01-01 00:00+00,2024-01-02 00:00+00)",
                range(s("2024-01-01T00:00:00.000000Z"), s("2024-01-02T00:00:00.000000Z"), true, false));
        col("c_daterange", "daterange", "daterange", "[2024-01-01,infinity)",
                range(s("2024-01-01"), s("infinity"), true, false));
        col(14, "c_int4multirange", "int4multirange", "int4multirange", "{[1,3),[5,7)}",
                "[" + range("1", "3", true, false) + "," + range("5", "7", true, false) + "]", "{}", "[]");
        col(14, "c_datemultirange", "datemultirange", "datemultirange", "{[2024-01-01,2024-02-01)}",
                "[" + range(s("2024-01-01"), s("2024-02-01"), true, false) + "]");
    }

    private void userTypes() {
        col("c_enum", "fx.mood", "fx.mood", "happy", s("happy"), "so-so \"meh\"", s("so-so \\\"meh\\\""));
        col("c_enum_other", "fx_other.color", "fx_other.color", "green", s("green"));
        col("c_domain", "fx.posint", "fx.posint", "42", "42");
        col("c_domain_nested", "fx.smallpos", "fx.smallpos", "7", "7");
        col("c_domain_numeric", "fx.price", "fx.price", "12.3", s("12.30"));
        col("c_domain_array", "fx.intlist", "fx.intlist", "{1,2}", "[1,2]");
        col("c_composite", "fx.pair", "fx.pair", "(1,\"x y\")", s("(1,\\\"x y\\\")"));
    }

    private void arrays() {
        col("c_int4_array", "integer[]", "integer[]", "{}", "[]", "{1,NULL,3}", "[1,null,3]");
        col("c_int4_2d", "integer[][]", "integer[]", "{{1,2},{3,4}}", "[[1,2],[3,4]]", "[0:1][1:1]={{1},{2}}",
                "[[1],[2]]");
        col("c_text_array", "text[]", "text[]", "{a,\"b c\",NULL,\"NULL\",\"\"}",
                "[\"a\",\"b c\",null,\"NULL\",\"\"]", "{\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\"}",
                "[\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\"]");
        col("c_numeric_array", "numeric(6,2)[]", "numeric(6,2)[]", "{1.5,NaN,NULL}", "[\"1.50\",\"NaN\",null]");
        col("c_float8_array", "double precision[]", "double precision[]", "{0.1,NaN}", "[0.1,\"NaN\"]");
        col("c_bool_array", "boolean[]", "boolean[]", "{t,f}", "[true,false]");
        col("c_bytea_array", "bytea[]", "bytea[]", "{\"\\\\x0001\",NULL}", "[\"AAE=\",null]");
        col("c_date_array", "date[]", "date[]", "{infinity,2024-01-01}", "[\"infinity\",\"2024-01-01\"]");
        col("c_timestamptz_array", "timestamptz[]", "timestamp with time zone[]", "{\"2024-01-31 12:00:00+05:30\"}",
                "[\"2024-01-31T06:30:00.000000Z\"]");
        col("c_uuid_array", "uuid[]", "uuid[]", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
                "[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]");
        col("c_jsonb_array", "jsonb[]", "jsonb[]", "{\"{\\\"a\\\": 1}\",\"[2]\"}", "[{\"a\": 1},[2]]");
        col("c_box_array", "box[]", "box[]", "{(3,4),(1,2);(1,1),(0,0)}",
                "[\"POLYGON((1 2,3 2,3 4,1 4,1 2))\",\"POLYGON((0 0,1 0,1 1,0 1,0 0))\"]");
        col("c_enum_array", "fx.mood[]", "fx.mood[]", "{sad,happy}", "[\"sad\",\"happy\"]");
        col("c_varchar_array", "varchar(3)[]", "character varying(3)[]", "{ab,\"\"}", "[\"ab\",\"\"]");
        col("c_int4range_array", "int4range[]", "int4range[]", "{\"[1,2)\",empty}",
                "[" + range("1", "2", true, false) + ",{\"empty\":true}]");
        col(11, "c_domain_in_array", "fx.posint[]", "fx.posint[]", "{1,2}", "[1,2]");
        col("c_hstore_array", "fx_ext.hstore[]", "fx_ext.hstore[]", "{\"\\\"k\\\"=>\\\"v\\\"\"}",
                "[{\"k\":\"v\"}]");
    }
}
