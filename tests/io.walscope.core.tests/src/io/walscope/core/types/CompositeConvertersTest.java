package io.walscope.core.types;

import static io.walscope.core.types.Conv.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Arrays, ranges, multiranges, hstore and geometric types. */
class CompositeConvertersTest {

    @Test
    void arraysOfIntegers() {
        assertEquals("[]", text("_int4", "{}"));
        assertEquals("[1,2,null]", text("_int4", "{1,2,NULL}"));
        assertEquals("[[1,2],[3,4]]", text("_int4", "{{1,2},{3,4}}"));
        assertEquals("[[[1],[2]],[[null],[4]]]", text("_int4", "{{{1},{2}},{{NULL},{4}}}"));
        assertEquals("[1,2]", text("_int4", "[0:1]={1,2}"));
        assertEquals("[[1,2]]", text("_int4", "[-2:-2][3:4]={{1,2}}"));
        assertEquals("[-9223372036854775808,9223372036854775807]",
                text("_int8", "{-9223372036854775808,9223372036854775807}"));
        assertThrows(PgValueFormatException.class, () -> text("_int4", "{1,2"));
        assertThrows(PgValueFormatException.class, () -> text("_int4", "{1,,2}"));
        assertThrows(PgValueFormatException.class, () -> text("_int4", "1,2"));
        assertThrows(PgValueFormatException.class, () -> text("_int4", "{1,x}"));
    }

    @Test
    void arraysOfTextWithQuotingAndEscapes() {
        assertEquals("[\"a\",\"b c\",null,\"NULL\",\"\"]", text("_text", "{a,\"b c\",NULL,\"NULL\",\"\"}"));
        assertEquals("[\"a,b\",\"{x}\",\"say \\\"hi\\\"\",\"back\\\\slash\"]",
                text("_text", "{\"a,b\",\"{x}\",\"say \\\"hi\\\"\",\"back\\\\slash\"}"));
        assertEquals("[\"line\\nbreak\",\"\u6f22\u5b57\",\"\uD83D\uDE00\"]",
                text("_varchar", "{\"line\nbreak\",\u6f22\u5b57,\uD83D\uDE00}"));
        assertEquals("[[\"a\",null],[\"}\",\"{\"]]", text("_text", "{{a,NULL},{\"}\",\"{\"}}"));
    }

    @Test
    void arraysConvertEachElement() {
        assertEquals("[\"1.50\",\"NaN\",null]", text("_numeric", "{1.50,NaN,NULL}"));
        assertEquals("[true,false]", text("_bool", "{t,f}"));
        assertEquals("[\"2024-01-31T06:30:00.000000Z\",\"infinity\"]",
                text("_timestamptz", "{\"2024-01-31 12:00:00+05:30\",infinity}"));
        assertEquals("[\"AAE=\",null]", text("_bytea", "{\"\\\\x0001\",NULL}"));
        assertEquals("[{\"a\":1},[2]]", text("_jsonb", "{\"{\\\"a\\\": 1}\",\"[2]\"}").replace(" ", ""));
        assertEquals("[\"POLYGON((1 2,3 2,3 4,1 4,1 2))\",\"POLYGON((0 0,1 0,1 1,0 1,0 0))\"]",
                text("_box", "{(3,4),(1,2);(1,1),(0,0)}"));
        PgColumnType moods = PgColumnType.arrayOf(PgColumnType.enumType("public", "mood", List.of("sad", "ok")));
        assertEquals("[\"sad\",null]", text(moods, "{sad,NULL}"));
    }

    @Test
    void arraysBinary() {
        // int4[] {{1,NULL},{3,4}}: ndim 2, has nulls, oid 23, dims (2,1),(2,1), elements
        byte[] b = Conv.be(2, 1, 23, 2, 1, 2, 1, 4, 1, -1, 4, 3, 4, 4);
        assertEquals("[[1,null],[3,4]]", Conv.binary("_int4", b));
        assertEquals("[]", Conv.binary("_int4", Conv.be(0, 0, 23)));
        byte[] t = Conv.be(1, 0, 25, 2, 1, 1, (byte) 'x', 0);
        assertEquals("[\"x\",\"\"]", Conv.binary("_text", t));
    }

    @Test
    void ranges() {
        assertEquals("{\"lower\":1,\"upper\":10,\"lower_inc\":true,\"upper_inc\":false}", text("int4range", "[1,10)"));
        assertEquals("{\"lower\":null,\"upper\":5,\"lower_inc\":false,\"upper_inc\":true}", text("int8range", "(,5]"));
        assertEquals("{\"lower\":\"1.5\",\"upper\":null,\"lower_inc\":true,\"upper_inc\":false}",
                text("numrange", "[1.5,)"));
        assertEquals("{\"empty\":true}", text("int4range", "empty"));
        assertEquals("{\"lower\":\"2024-01-01\",\"upper\":\"infinity\",\"lower_inc\":true,\"upper_inc\":false}",
                text("daterange", "[2024-01-01,infinity)"));
        assertEquals("{\"lower\":\"2024-01-01T00:00:00.000000Z\",\"upper\":\"2024-01-02T00:00:00.000000Z\","
                + "\"lower_inc\":true,\"upper_inc\":false}",
                text("tstzrange", "[\"2024-01-01 05:30:00+05:30\",\"2024-01-02 00:00:00+00\")"));
        assertEquals("{\"lower\":\"-0043-03-15T00:00:00.000000\",\"upper\":null,\"lower_inc\":true,\"upper_inc\":false}",
                text("tsrange", "[\"0044-03-15 00:00:00 BC\",)"));
        assertThrows(PgValueFormatException.class, () -> text("int4range", "[1,10"));
        assertThrows(PgValueFormatException.class, () -> text("int4range", "1,10"));
    }

    @Test
    void rangeWithQuotedBoundsOfUserSubtype() {
        PgColumnType textRange = new PgColumnType("public", "textrange", 0, 'r', 'R', null, -1, 0, true, List.of(),
                PgColumnType.of("text"));
        assertEquals("{\"lower\":\"a \\\"b\\\"\",\"upper\":\"c,d\",\"lower_inc\":true,\"upper_inc\":true}",
                text(textRange, "[\"a \"\"b\"\"\",\"c,d\"]"));
        assertEquals("{\"lower\":\"x\\\\y\",\"upper\":\"\",\"lower_inc\":false,\"upper_inc\":false}",
                text(textRange, "(\"x\\\\y\",\"\")"));
    }

    @Test
    void rangesBinary() {
        // [1,10): flags LB_INC, two int4 bounds
        assertEquals(text("int4range", "[1,10)"), Conv.binary("int4range", Conv.be((byte) 2, 4, 1, 4, 10)));
        assertEquals(text("int4range", "(,5]"), Conv.binary("int4range", Conv.be((byte) (4 | 8), 4, 5)));
        assertEquals("{\"empty\":true}", Conv.binary("int4range", Conv.be((byte) 1)));
        assertEquals(text("int4multirange", "{[1,3),[5,7)}"),
                Conv.binary("int4multirange", Conv.be(2, 17, (byte) 2, 4, 1, 4, 3, 17, (byte) 2, 4, 5, 4, 7)));
    }

    @Test
    void multiranges() {
        assertEquals("[]", text("int4multirange", "{}"));
        assertEquals("[{\"lower\":1,\"upper\":3,\"lower_inc\":true,\"upper_inc\":false},"
                + "{\"lower\":5,\"upper\":null,\"lower_inc\":true,\"upper_inc\":false}]",
                text("int4multirange", "{[1,3),[5,)}"));
        assertEquals("[{\"lower\":\"2024-01-01\",\"upper\":\"2024-02-01\",\"lower_inc\":true,\"upper_inc\":false}]",
                text("datemultirange", "{[2024-01-01,2024-02-01)}"));
        assertThrows(PgValueFormatException.class, () -> text("int4multirange", "{[1,3)"));
        assertThrows(PgValueFormatException.class, () -> text("int4multirange", "[1,3)"));
    }

    @Test
    void hstore() {
        assertEquals("{}", text("hstore", ""));
        assertEquals("{\"a\":\"1\",\"b\":null}", text("hstore", "\"a\"=>\"1\", \"b\"=>NULL"));
        assertEquals("{\"k \\\"q\\\"\":\"v\\\\w\",\"NULL\":\"NULL\",\"\u00e9\":\"\uD83D\uDE00\"}",
                text("hstore", "\"k \\\"q\\\"\"=>\"v\\\\w\", \"NULL\"=>\"NULL\", \"\u00e9\"=>\"\uD83D\uDE00\""));
        assertEquals("{\"a,b\":\"=>\"}", text("hstore", "\"a,b\"=>\"=>\""));
        assertThrows(PgValueFormatException.class, () -> text("hstore", "a=>1"));
        byte[] b = Conv.be(2, 1, (byte) 'a', 1, (byte) '1', 1, (byte) 'b', -1);
        assertEquals("{\"a\":\"1\",\"b\":null}", Conv.binary("hstore", b));
    }

    @Test
    void geometricAsWkt() {
        assertEquals("\"POINT(1 2)\"", text("point", "(1,2)"));
        assertEquals("\"POINT(-1.5 1e+20)\"", text("point", "(-1.5,1e+20)"));
        assertEquals("\"LINESTRING(1 2,3 4)\"", text("lseg", "[(1,2),(3,4)]"));
        assertEquals("\"POLYGON((1 2,3 2,3 4,1 4,1 2))\"", text("box", "(3,4),(1,2)"));
        assertEquals("\"LINESTRING(0 0,1 1,2 0)\"", text("path", "[(0,0),(1,1),(2,0)]"));
        assertEquals("\"POLYGON((0 0,1 1,2 0,0 0))\"", text("path", "((0,0),(1,1),(2,0))"));
        assertEquals("\"POLYGON((0 0,0 1,1 1,1 0,0 0))\"", text("polygon", "((0,0),(0,1),(1,1),(1,0))"));
        assertEquals("\"<(1,2),3>\"", text("circle", "<(1,2),3>"));
        assertThrows(PgValueFormatException.class, () -> text("point", "(1,2,3)"));
        assertThrows(PgValueFormatException.class, () -> text("path", "[(0,0),(1)]"));
    }
}
