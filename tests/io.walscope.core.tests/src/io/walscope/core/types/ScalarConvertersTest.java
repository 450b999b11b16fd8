package io.walscope.core.types;

import static io.walscope.core.types.Conv.quote;
import static io.walscope.core.types.Conv.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ScalarConvertersTest {

    @Test
    void nullIsJsonNullForEveryType() {
        for (TypeMapping m : TypeCatalog.all()) {
            assertEquals("null", Conv.json(g -> m.converter().write(null, g)), m.pgType());
        }
    }

    @Test
    void integersAtTheirExtremes() {
        assertEquals("-32768", text("int2", "-32768"));
        assertEquals("32767", text("int2", "32767"));
        assertEquals("-2147483648", text("int4", "-2147483648"));
        assertEquals("2147483647", text("int4", "2147483647"));
        assertEquals("0", text("int4", "0"));
        assertEquals("-9223372036854775808", text("int8", "-9223372036854775808"));
        assertEquals("9223372036854775807", text("int8", "9223372036854775807"));
        assertEquals("4294967295", text("oid", "4294967295"));
        assertThrows(PgValueFormatException.class, () -> text("int2", "32768"));
        assertThrows(PgValueFormatException.class, () -> text("int4", "2147483648"));
        assertThrows(PgValueFormatException.class, () -> text("int8", "9223372036854775808"));
        assertThrows(PgValueFormatException.class, () -> text("int8", "-9223372036854775809"));
        assertThrows(PgValueFormatException.class, () -> text("int4", "12a"));
        assertThrows(PgValueFormatException.class, () -> text("int4", "-"));
        assertThrows(PgValueFormatException.class, () -> text("int4", ""));
        assertThrows(PgValueFormatException.class, () -> text("oid", "-1"));
    }

    @Test
    void int8PropertyRandomValuesRoundTrip() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long v = i < 64 ? (1L << i) - (i % 2) : r.nextLong();
            assertEquals(Long.toString(v), text("int8", Long.toString(v)));
            assertEquals(Long.toString(v), Conv.binary("int8", Conv.be(v)));
            int w = (int) v;
            assertEquals(Integer.toString(w), text("int4", Integer.toString(w)));
            assertEquals(Integer.toString(w), Conv.binary("int4", Conv.be(w)));
        }
    }

    @Test
    void floatsAsNumbersAndSpecialsAsStrings() {
        assertEquals("1.5", text("float8", "1.5"));
        assertEquals("1.0E20", text("float8", "1e+20"));
        assertEquals("1.0E-5", text("float8", "1e-05"));
        assertEquals("-0.0", text("float8", "-0"));
        assertEquals("1.7976931348623157E308", text("float8", "1.7976931348623157e+308"));
        assertEquals("4.9E-324", text("float8", "5e-324"));
        assertEquals("\"NaN\"", text("float8", "NaN"));
        assertEquals("\"Infinity\"", text("float8", "Infinity"));
        assertEquals("\"-Infinity\"", text("float8", "-Infinity"));
        assertEquals("3.4028235E38", text("float4", "3.4028235e+38"));
        assertEquals("1.1", text("float4", "1.1"));
        assertEquals("\"NaN\"", text("float4", "NaN"));
        assertEquals("\"-Infinity\"", text("float4", "-Infinity"));
        assertThrows(PgValueFormatException.class, () -> text("float8", "abc"));
    }

    @Test
    void floatPropertyTextAndBinaryAgree() {
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            String viaText = text("float8", Double.toString(d).replace("Infinity", "Infinity"));
            assertEquals(viaText, Conv.binary("float8", Conv.be(Double.doubleToRawLongBits(d))));
            float f = Float.intBitsToFloat(r.nextInt());
            assertEquals(text("float4", Float.toString(f)), Conv.binary("float4", Conv.be(Float.floatToRawIntBits(f))));
        }
    }

    @Test
    void numericKeepsItsTextExactly() {
        assertEquals("\"123.4500\"", text("numeric", "123.4500"));
        assertEquals("\"-0.000001\"", text("numeric", "-0.000001"));
        assertEquals("\"NaN\"", text("numeric", "NaN"));
        assertEquals("\"Infinity\"", text("numeric", "Infinity"));
        assertEquals("\"-Infinity\"", text("numeric", "-Infinity"));
        String thousand = "9".repeat(1000) + "." + "0".repeat(999) + "1";
        assertEquals(quote(thousand), text("numeric", thousand));
    }

    @Test
    void booleans() {
        assertEquals("true", text("bool", "t"));
        assertEquals("false", text("bool", "f"));
        assertEquals("true", text("bool", "true"));
        assertEquals("false", Conv.binary("bool", new byte[] {0}));
        assertThrows(PgValueFormatException.class, () -> text("bool", "yes"));
    }

    @Test
    void textWithQuotesBackslashesNewlinesAndNonAscii() {
        assertEquals("\"say \\\"hi\\\"\"", text("text", "say \"hi\""));
        assertEquals("\"back\\\\slash\"", text("text", "back\\slash"));
        assertEquals("\"line1\\nline2\\ttab\\r\"", text("varchar", "line1\nline2\ttab\r"));
        assertEquals("\"\u6f22\u5b57 \uD83D\uDE00 caf\u00e9\"", text("text", "\u6f22\u5b57 \uD83D\uDE00 caf\u00e9"));
        assertEquals("\"\\u0001\"", text("text", "\u0001"));
        assertEquals("\"\"", text("text", ""));
        assertEquals("\"ab  \"", text("bpchar", "ab  "));
        byte[] utf8 = "\u6f22 \uD83D\uDE00 \"q\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("\"\u6f22 \uD83D\uDE00 \\\"q\\\"\"", Conv.binary("text", utf8));
    }

    @Test
    void byteaHexAndEscapeToBase64() {
        assertEquals("\"\"", text("bytea", "\\x"));
        assertEquals("\"AAEC/w==\"", text("bytea", "\\x000102ff"));
        assertEquals("\"AAEC/w==\"", text("bytea", "\\x000102FF"));
        assertEquals("\"AA==\"", text("bytea", "\\000"));
        assertEquals("\"YVxi\"", text("bytea", "a\\\\b"));
        assertEquals("\"YQBi/w==\"", text("bytea", "a\\000b\\377"));
        assertEquals("\"AAEC/w==\"", Conv.binary("bytea", new byte[] {0, 1, 2, (byte) 255}));
        assertThrows(PgValueFormatException.class, () -> text("bytea", "\\x0"));
        assertThrows(PgValueFormatException.class, () -> text("bytea", "\\xzz"));
        assertThrows(PgValueFormatException.class, () -> text("bytea", "a\\9"));
    }

    @Test
    void byteaPropertyRandomBytes() {
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            String hex = "\\x" + (b.length == 0 ? "" : String.format("%0" + (2 * b.length) + "x", new BigInteger(1, b)));
            assertEquals(quote(Base64.getEncoder().encodeToString(b)), text("bytea", hex));
        }
    }

    @Test
    void uuidTextAndBinary() {
        String u = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        assertEquals(quote(u), text("uuid", u));
        java.util.UUID id = java.util.UUID.fromString(u);
        assertEquals(quote(u), Conv.binary("uuid", Conv.be(id.getMostSignificantBits(), id.getLeastSignificantBits())));
        assertThrows(PgValueFormatException.class, () -> text("uuid", "a0ee"));
    }

    @Test
    void jsonEmbeddedRaw() {
        assertEquals("{\"a\": [1, 2.50, null], \"a\": \"dup\"}", text("json", "{\"a\": [1, 2.50, null], \"a\": \"dup\"}"));
        assertEquals("{\"a\": 1, \"b\": \"\u00e9\\n\"}", text("jsonb", "{\"a\": 1, \"b\": \"\u00e9\\n\"}"));
        assertEquals("[1,\"x\"]", Conv.json(g -> {
            g.writeStartArray();
            TypeCatalog.map(PgColumnType.of("jsonb")).converter().writeText("1", g);
            g.writeString("x");
            g.writeEndArray();
        }));
        byte[] jb = Conv.be((byte) 1, "{\"k\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("{\"k\": true}", Conv.binary("jsonb", jb));
        assertEquals("\"x\"", Conv.binary("json", "\"x\"".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void binarySupportIsDeclaredPerType() {
        for (String t : new String[] {"int2", "int4", "int8", "float4", "float8", "bool", "numeric", "text",
                "varchar", "bpchar", "name", "bytea", "uuid", "json", "jsonb", "date", "time", "timetz", "timestamp",
                "timestamptz", "interval", "oid", "bit", "varbit", "xml", "macaddr", "macaddr8", "pg_lsn", "hstore",
                "_int4", "_text", "int4range", "tstzmultirange"}) {
            assertEquals(true, TypeCatalog.map(PgColumnType.of(t)).converter().supportsBinary(), t);
        }
        for (String t : new String[] {"money", "inet", "cidr", "point", "box", "circle", "tsvector", "tsquery",
                "regclass", "geometry", "_inet", "ltree"}) {
            assertEquals(false, TypeCatalog.map(PgColumnType.of(t)).converter().supportsBinary(), t);
        }
    }

    @Test
    void bitsMoneyOidAndTextOnlyTypes() {
        assertEquals("\"0101\"", text("bit", "0101"));
        assertEquals("\"\"", text("varbit", ""));
        assertEquals("\"1010000011\"", Conv.binary("varbit", Conv.be(10, (byte) 0xA0, (byte) 0xC0)));
        assertEquals("\"1234567.89\"", text("money", "$1,234,567.89"));
        assertEquals("\"-1234.56\"", text("money", "-$1,234.56"));
        assertEquals("\"-1.00\"", text("money", "($1.00)"));
        assertEquals("\"192.168.0.1/24\"", text("inet", "192.168.0.1/24"));
        assertEquals("\"08:00:2b:01:02:03\"", text("macaddr", "08:00:2b:01:02:03"));
        assertEquals("\"'a' 'fat':2 'cat':3\"", text("tsvector", "'a' 'fat':2 'cat':3"));
        assertEquals("\"public.\\\"My Table\\\"\"", text("regclass", "public.\"My Table\""));
        assertEquals("\"16/B374D848\"", text("pg_lsn", "16/B374D848"));
        assertEquals("\"16/B374D848\"", Conv.binary("pg_lsn", Conv.be(0x16B374D848L)));
        assertEquals("\"0/0\"", Conv.binary("pg_lsn", Conv.be(0L)));
        assertEquals("\"08:00:2b:01:02:ff\"", Conv.binary("macaddr", new byte[] {8, 0, 0x2b, 1, 2, (byte) 0xff}));
        assertEquals("\"08:00:2b:01:02:03:04:05\"", Conv.binary("macaddr8", new byte[] {8, 0, 0x2b, 1, 2, 3, 4, 5}));
        assertEquals("\"0101000020E6100000000000000000F03F0000000000000040\"",
                text("geometry", "0101000020E6100000000000000000F03F0000000000000040"));
        assertEquals("\"<(1,2),3>\"", text("circle", "<(1,2),3>"));
        assertEquals("\"{1,-1,0}\"", text("line", "{1,-1,0}"));
    }
}
