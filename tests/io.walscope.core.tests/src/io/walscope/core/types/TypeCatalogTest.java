package io.walscope.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TypeCatalogTest {

    private static TypeMapping map(String typname, int typmod, boolean nullable) {
        return TypeCatalog.map(PgColumnType.of(typname).withTypmod(typmod, null).withNullable(nullable));
    }

    private static void check(TypeMapping m, String pg, String canonical, String ch, Status status) {
        assertEquals(pg, m.pgType(), "pg type");
        assertEquals(canonical, m.canonical().toString(), "canonical of " + pg);
        assertEquals(ch, m.clickhouse(), "clickhouse of " + pg);
        assertEquals(status, m.status(), "status of " + pg + ": " + m.note());
    }

    @Test
    void scalars() {
        check(map("int4", -1, true), "integer", "int32", "Nullable(Int32)", Status.FULL);
        check(map("int4", -1, false), "integer", "int32", "Int32", Status.FULL);
        check(map("int2", -1, false), "smallint", "int16", "Int16", Status.FULL);
        check(map("int8", -1, true), "bigint", "int64", "Nullable(Int64)", Status.FULL);
        check(map("float8", -1, false), "double precision", "float64", "Float64", Status.FULL);
        check(map("bool", -1, false), "boolean", "bool", "Bool", Status.FULL);
        check(map("uuid", -1, true), "uuid", "uuid", "Nullable(UUID)", Status.FULL);
        check(map("date", -1, false), "date", "date", "Date32", Status.LOSSY);
        check(map("timestamptz", 3, true), "timestamp(3) with time zone", "timestamptz(3)",
                "Nullable(DateTime64(3, 'UTC'))", Status.LOSSY);
        check(map("timestamp", -1, false), "timestamp without time zone", "timestamp", "DateTime64(6, 'UTC')",
                Status.LOSSY);
        check(map("time", 0, false), "time(0) without time zone", "time(0)", "String", Status.FULL);
        check(map("varchar", 24, true), "character varying(20)", "string", "Nullable(String)", Status.FULL);
        check(map("bpchar", 5, false), "character(1)", "string", "String", Status.FULL);
        check(map("bit", 8, false), "bit(8)", "bits(8)", "String", Status.FULL);
        check(map("varbit", -1, false), "bit varying", "varbits", "String", Status.FULL);
        check(map("interval", -1, false), "interval", "interval", "String", Status.FULL);
        check(map("jsonb", -1, false), "jsonb", "json", "String", Status.FULL);
        check(map("money", -1, false), "money", "money", "String", Status.LOSSY);
        check(map("oid", -1, false), "oid", "oid", "UInt32", Status.FULL);
        check(map("regclass", -1, false), "regclass", "reg(regclass)", "String", Status.LOSSY);
        check(map("circle", -1, false), "circle", "circle", "String", Status.LOSSY);
        check(map("point", -1, false), "point", "point", "String", Status.FULL);
        check(map("hstore", -1, false), "hstore", "hstore", "Map(String, Nullable(String))", Status.FULL);
        check(map("hstore", -1, true), "hstore", "hstore", "Map(String, Nullable(String))", Status.LOSSY);
        check(map("citext", -1, true), "citext", "string", "Nullable(String)", Status.FULL);
    }

    @Test
    void numerics() {
        check(map("numeric", -1, true), "numeric", "decimal", "Nullable(Decimal(76, 38))", Status.LOSSY);
        check(map("numeric", TypeCatalog.numericTypmod(10, 2), true), "numeric(10,2)", "decimal(10,2)",
                "Nullable(Decimal(10, 2))", Status.LOSSY);
        check(map("numeric", TypeCatalog.numericTypmod(76, 0), false), "numeric(76,0)", "decimal(76,0)",
                "Decimal(76, 0)", Status.LOSSY);
        check(map("numeric", TypeCatalog.numericTypmod(77, 2), false), "numeric(77,2)", "decimal(77,2)", "String",
                Status.FULL);
        check(map("numeric", TypeCatalog.numericTypmod(1000, 500), false), "numeric(1000,500)", "decimal(1000,500)",
                "String", Status.FULL);
        check(map("numeric", TypeCatalog.numericTypmod(5, -2), false), "numeric(5,-2)", "decimal(5,-2)",
                "Decimal(7, 0)", Status.LOSSY);
        check(map("numeric", TypeCatalog.numericTypmod(2, 5), false), "numeric(2,5)", "decimal(2,5)",
                "Decimal(5, 5)", Status.LOSSY);
        assertTrue(map("numeric", -1, false).note().contains("NaN"));
    }

    @Test
    void arrays() {
        check(map("_int4", -1, true), "integer[]", "array<int32>", "Array(Nullable(Int32))", Status.LOSSY);
        check(map("_int4", -1, false), "integer[]", "array<int32>", "Array(Nullable(Int32))", Status.FULL);
        check(TypeCatalog.map(PgColumnType.of("_int4").withNullable(false).withDims(2)), "integer[]",
                "array<array<int32>>", "Array(Array(Nullable(Int32)))", Status.FULL);
        check(map("_numeric", TypeCatalog.numericTypmod(12, 3), false), "numeric(12,3)[]", "array<decimal(12,3)>",
                "Array(Nullable(Decimal(12, 3)))", Status.LOSSY);
        check(map("_varchar", 14, false), "character varying(10)[]", "array<string>", "Array(Nullable(String))",
                Status.FULL);
        check(map("_numeric", -1, false), "numeric[]", "array<decimal>", "Array(Nullable(Decimal(76, 38)))",
                Status.LOSSY);
        PgColumnType e = PgColumnType.enumType("public", "mood", List.of("sad", "ok"));
        check(TypeCatalog.map(PgColumnType.arrayOf(e).withNullable(false)), "mood[]", "array<enum('sad','ok')>",
                "Array(LowCardinality(Nullable(String)))", Status.FULL);
    }

    @Test
    void userTypes() {
        PgColumnType mood = PgColumnType.enumType("public", "mood", List.of("sad", "it's ok"));
        check(TypeCatalog.map(mood), "mood", "enum('sad','it''s ok')", "LowCardinality(Nullable(String))",
                Status.FULL);
        PgColumnType money2 = PgColumnType.domain("public", "price",
                PgColumnType.of("numeric").withTypmod(TypeCatalog.numericTypmod(10, 2), null));
        TypeMapping d = TypeCatalog.map(money2);
        check(d, "price", "decimal(10,2)", "Nullable(Decimal(10, 2))", Status.LOSSY);
        assertTrue(d.note().startsWith("domain over numeric(10,2)"), d.note());
        check(TypeCatalog.map(PgColumnType.composite("public", "address")), "address", "string", "Nullable(String)",
                Status.LOSSY);
        TypeMapping unknown = TypeCatalog.map(new PgColumnType("public", "ltree", 16500, 'b', 'U', "ltree", -1, 0, true,
                List.of(), null));
        check(unknown, "ltree", "string", "Nullable(String)", Status.LOSSY);
        assertTrue(unknown.note().contains("not in Walscope's catalog"), unknown.note());
        check(TypeCatalog.map(new PgColumnType("public", "geometry", 17000, 'b', 'U', "geometry(Point,4326)", 1107460,
                0, true, List.of(), null)), "geometry(Point,4326)", "geometry(Point,4326)", "Nullable(String)",
                Status.FULL);
        check(TypeCatalog.map(new PgColumnType("pg_catalog", "anyelement", 2283, 'p', 'P', null, -1, 0, true,
                List.of(), null)), "anyelement", "string", "Nullable(String)", Status.UNSUPPORTED);
        check(TypeCatalog.map(new PgColumnType(null, "dom_without_base", 0, 'd', 'N', null, -1, 0, false, List.of(),
                null)), "dom_without_base", "string", "String", Status.LOSSY);
    }

    @Test
    void vectorTypesAreNotArraysThoughCategoryA() {
        PgColumnType v = new PgColumnType("pg_catalog", "int2vector", 22, 'b', 'A', "int2vector", -1, 0, false,
                List.of(), PgColumnType.of("int2"));
        check(TypeCatalog.map(v), "int2vector", "string", "String", Status.FULL);
        assertEquals("\"1 2 3\"", Conv.text(v, "1 2 3"));
        PgColumnType arr = new PgColumnType("pg_catalog", "_int2", 1005, 'b', 'A', "smallint[]", -1, 1, false,
                List.of(), PgColumnType.of("int2"));
        assertEquals("[1,2]", Conv.text(arr, "{1,2}"));
        PgColumnType domainOverArray = new PgColumnType("public", "_ints", 0, 'd', 'A', "ints", -1, 0, false,
                List.of(), PgColumnType.of("_int4"));
        check(TypeCatalog.map(domainOverArray), "ints", "array<int32>", "Array(Nullable(Int32))", Status.FULL);
    }

    @Test
    void rangesFromCatalog() {
        check(map("int4range", -1, true), "int4range", "range<int32>", "Nullable(String)", Status.FULL);
        check(map("tstzrange", -1, false), "tstzrange", "range<timestamptz>", "String", Status.FULL);
        check(map("nummultirange", -1, false), "nummultirange", "multirange<decimal>", "String", Status.FULL);
        PgColumnType compositeRange = new PgColumnType("public", "addrrange", 0, 'r', 'R', null, -1, 0, false,
                List.of(), PgColumnType.composite("public", "address"));
        check(TypeCatalog.map(compositeRange), "addrrange", "range<string>", "String", Status.LOSSY);
        check(map("_daterange", -1, false), "daterange[]", "array<range<date>>", "Array(Nullable(String))", Status.FULL);
    }

    @Test
    void byOidAsPgoutputDescribesColumns() {
        check(TypeCatalog.forOid(23, -1), "integer", "int32", "Nullable(Int32)", Status.FULL);
        check(TypeCatalog.forOid(1007, -1), "integer[]", "array<int32>", "Array(Nullable(Int32))", Status.LOSSY);
        check(TypeCatalog.forOid(1700, TypeCatalog.numericTypmod(10, 2)), "numeric(10,2)", "decimal(10,2)",
                "Nullable(Decimal(10, 2))", Status.LOSSY);
        check(TypeCatalog.forOid(1184, 6), "timestamp(6) with time zone", "timestamptz(6)",
                "Nullable(DateTime64(6, 'UTC'))", Status.LOSSY);
        TypeMapping user = TypeCatalog.forOid(99_999, -1);
        check(user, "oid:99999", "string", "Nullable(String)", Status.LOSSY);
        assertTrue(user.note().contains("read the catalog"), user.note());
        assertEquals("\"whatever\"", Conv.json(g -> user.converter().writeText("whatever", g)));
    }

    @Test
    void catalogListsEverySeedTypeAndItsArray() {
        List<TypeMapping> all = TypeCatalog.all();
        Set<String> names = new HashSet<>();
        for (TypeMapping m : all) {
            assertTrue(names.add(m.pgType()), "duplicate " + m.pgType());
            assertFalse(m.json().isEmpty());
            assertFalse(m.clickhouse().startsWith("Nullable("), m.pgType());
            if (m.status() != Status.FULL) {
                assertFalse(m.note().isEmpty(), "a non-full mapping needs a reason: " + m.pgType());
            }
        }
        for (String seed : new String[] {"text", "character varying", "character", "name", "citext", "smallint",
                "integer", "bigint", "numeric", "real", "double precision", "bytea", "bit", "bit varying", "boolean",
                "date", "time without time zone", "time with time zone", "timestamp without time zone",
                "timestamp with time zone", "interval", "point", "line", "lseg", "box", "path", "polygon", "circle",
                "geometry", "geography", "inet", "cidr", "macaddr", "macaddr8", "uuid", "oid", "regclass", "regtype",
                "tsvector", "tsquery", "xml", "json", "jsonb", "money", "hstore", "int4range", "int8range", "numrange",
                "daterange", "tsrange", "tstzrange", "int4multirange", "datemultirange"}) {
            assertTrue(names.contains(seed), seed);
            assertTrue(names.contains(seed + "[]"), seed + "[]");
        }
        assertTrue(names.contains("mood (enum example)"));
        assertTrue(names.contains("posint (domain example)"));
        assertTrue(all.size() > 150, "entries: " + all.size());
    }

    @Test
    void nullableWrapping() {
        assertEquals("Nullable(Int32)", TypeCatalog.nullable("Int32", true));
        assertEquals("Int32", TypeCatalog.nullable("Int32", false));
        assertEquals("LowCardinality(Nullable(String))", TypeCatalog.nullable("LowCardinality(String)", true));
        assertEquals("Array(Nullable(Int32))", TypeCatalog.nullable("Array(Nullable(Int32))", true));
        assertEquals("Map(String, String)", TypeCatalog.nullable("Map(String, String)", true));
    }

    @Test
    void statusLabels() {
        assertEquals("full", Status.FULL.label());
        assertEquals("lossy", Status.LOSSY.label());
        assertEquals("unsupported", Status.UNSUPPORTED.label());
    }
}
