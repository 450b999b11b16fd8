package io.walscope.core.pg.stream;

import java.util.List;

/**
 * The type families the differential test generates: a column type and SQL literals for it, extreme and special
 * values included. Shared by the bounded test and {@code releng/fuzz}.
 */
final class DiffTypes {
    record Family(String name, String ddl, List<String> values) {
    }

    private DiffTypes() {
    }

    /** The set-up the families need (enum, domains, composite) in a fresh database. */
    static final List<String> SETUP = List.of("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE DOMAIN posint AS int CHECK (VALUE > 0)", "CREATE DOMAIN price AS numeric(8,2)",
            "CREATE TYPE pair AS (a int, b text)", "CREATE DOMAIN posints AS posint[]");

    static final List<Family> ALL = List.of(
            f("int2", "smallint", "-32768", "32767", "0"),
            f("int4", "integer", "-2147483648", "2147483647", "42"),
            f("int8", "bigint", "-9223372036854775808", "9223372036854775807", "9007199254740993"),
            f("numeric", "numeric", "'NaN'", "'Infinity'", "'-Infinity'", "0.00000000000000000001",
                    "-123456789012345678901234567890.123456789", "repeat('9', 1200)::numeric", "-0.0"),
            f("numeric(10,2)", "numeric(10,2)", "12.5", "-99999999.99", "0"),
            f("float4", "real", "'-0'", "'Infinity'", "'-Infinity'", "'NaN'", "1.17549435e-38", "3.4028235e38",
                    "0.1"),
            f("float8", "double precision", "'-0'", "'Infinity'", "'NaN'", "2.2250738585072014e-308",
                    "1.7976931348623157e308", "0.1", "4.9e-324"),
            f("text", "text", "'it''s \"q\" \\ back'", "''", "E'tab\\there\\nnl'", "'unicode ✓ 日本'",
                    "repeat('x', 300)", "'null'"),
            f("varchar", "varchar(20)", "'abc'", "''"),
            f("bpchar", "char(5)", "'ab'", "'abcde'"),
            f("bytea", "bytea", "'\\x00ff10'", "'\\x'"),
            f("bool", "boolean", "true", "false"),
            f("date", "date", "'infinity'", "'-infinity'", "'4713-01-01 BC'", "'10000-12-31'", "'2026-02-28'"),
            f("timestamp", "timestamp", "'infinity'", "'-infinity'", "'0044-03-15 12:00 BC'",
                    "'12000-01-02 03:04:05.5'", "'2026-01-02 03:04:05.123456'"),
            f("timestamptz", "timestamptz", "'infinity'", "'-infinity'", "'0001-01-01 00:00+00 BC'",
                    "'2026-01-02 03:04:05.123456+05:30'", "'10000-01-01 00:00+00'"),
            f("time", "time", "'00:00'", "'23:59:59.999999'", "'24:00'"),
            f("timetz", "timetz", "'12:00+05:30'", "'00:00-14'"),
            f("interval", "interval", "'1 year 2 mons 3 days 04:05:06.7'", "'-1 days'", "'0'",
                    "'178000000 years'"),
            f("uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"),
            f("json", "json", "'{\"a\": [1, 2.50, \"x\"], \"b\": null}'", "'[]'", "'\"s\"'"),
            f("jsonb", "jsonb", "'{\"a\": [1, 2.50, \"x\"], \"b\": null}'", "'[]'", "'1e400'"),
            f("inet", "inet", "'10.0.0.1/8'", "'::1'", "'192.168.0.1'"),
            f("cidr", "cidr", "'10.0.0.0/8'", "'2001:db8::/32'"),
            f("macaddr", "macaddr", "'08:00:2b:01:02:03'"),
            f("macaddr8", "macaddr8", "'08:00:2b:01:02:03:04:05'"),
            f("bit", "bit(4)", "B'0101'"),
            f("varbit", "bit varying", "B''", "B'1'", "B'1010101010101'"),
            f("money", "money", "12.5", "-0.01", "92233720368547758.07"),
            f("point", "point", "'(1.5,-2)'"),
            f("box", "box", "'((1,2),(3,4))'"),
            f("lseg", "lseg", "'[(1,2),(3,4)]'"),
            f("line", "line", "'{1,2,3}'"),
            f("path", "path", "'[(1,2),(3,4)]'", "'((0,0),(1,1),(1,0))'"),
            f("polygon", "polygon", "'((0,0),(1,1),(1,0))'"),
            f("circle", "circle", "'<(1,2),3>'"),
            f("tsvector", "tsvector", "'a:1 b:2'", "''"),
            f("tsquery", "tsquery", "'a & !b'"),
            f("int4range", "int4range", "'[1,5)'", "'empty'", "'(,3]'"),
            f("numrange", "numrange", "'[1.5,2.5]'"),
            f("tstzrange", "tstzrange", "'[2026-01-01 00:00+00,infinity)'"),
            f("daterange", "daterange", "'[2026-01-01,2026-02-01)'"),
            f("int4multirange", "int4multirange", "'{[1,3),[5,7)}'", "'{}'"),
            f("int4[]", "integer[]", "'{1,NULL,3}'", "'{{1,2},{3,4}}'", "'{}'"),
            f("text[]", "text[]", "'{\"a b\",NULL,\"\\\"q\\\"\",\"NULL\"}'"),
            f("numeric[]", "numeric[]", "'{1.50,NaN}'"),
            f("enum", "mood", "'sad'", "'happy'"),
            f("enum[]", "mood[]", "'{sad,ok}'"),
            f("domain", "posint", "5", "2147483647"),
            f("domain numeric", "price", "12.5"),
            f("domain[]", "posint[]", "'{1,2}'"),
            f("domain over array", "posints", "'{3}'"),
            f("composite", "pair", "'(1,\"x y\")'", "'(,)'"),
            f("composite[]", "pair[]", "ARRAY[ROW(1,'x')::pair, NULL]"),
            f("xml", "xml", "'<a>x &amp; y</a>'"),
            f("pg_lsn", "pg_lsn", "'16/B374D848'"),
            f("oid", "oid", "4294967295"));

    private static Family f(String name, String ddl, String... values) {
        return new Family(name, ddl, List.of(values));
    }
}
