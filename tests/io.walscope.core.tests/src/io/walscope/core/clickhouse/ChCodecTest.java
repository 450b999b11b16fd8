package io.walscope.core.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.walscope.core.types.PgColumnType;
import io.walscope.core.types.TypeCatalog;
import io.walscope.core.types.TypeMapping;

/** The value each ClickHouse type gets, and the one substitute per value the type cannot hold. */
class ChCodecTest {
    private static String ch(String typname, int typmod, boolean nullable, String pgText) throws Exception {
        return ch(TypeCatalog.map(PgColumnType.of(typname).withTypmod(typmod, null).withNullable(nullable)), pgText);
    }

    private static String ch(TypeMapping m, String pgText) throws Exception {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            ChCodec.of(m.clickhouse()).write(pgText, m.converter(), g);
        }
        return w.toString();
    }

    @Test
    void valuesClickHouseHoldsAsTheyAre() throws Exception {
        assertEquals("-9223372036854775808", ch("int8", -1, false, "-9223372036854775808"));
        assertEquals("3.4028235e+38", ch("float4", -1, false, "3.4028235e+38"));
        assertEquals("\"NaN\"", ch("float8", -1, false, "NaN"));
        assertEquals("\"-Infinity\"", ch("float4", -1, true, "-Infinity"));
        assertEquals("true", ch("bool", -1, false, "t"));
        assertEquals("12345678.99", ch("numeric", TypeCatalog.numericTypmod(10, 2), false, "12345678.99"));
        assertEquals("\"2024-02-29\"", ch("date", -1, false, "2024-02-29"));
        assertEquals("\"2024-01-31 06:30:00.123000\"", ch("timestamptz", -1, false, "2024-01-31 12:00:00.123+05:30"));
        assertEquals("\"{\\\"b\\\": 1}\"", ch("json", -1, false, "{\"b\": 1}"));
        assertEquals("\"ab   \"", ch("bpchar", 9, false, "ab   "));
        assertEquals("[1,null]", ch("_int4", -1, false, "{1,NULL}"));
        assertEquals("[]", ch("_int4", -1, true, null));
        assertEquals("{\"a\":\"1\",\"b\":null}", ch("hstore", -1, false, "\"a\"=>\"1\", \"b\"=>NULL"));
        assertEquals("[\"NaN\",0.1]", ch("_float8", -1, false, "{NaN,0.1}"));
    }

    @Test
    void oneSubstitutePerValueTheTypeCannotHold() throws Exception {
        int p10s2 = TypeCatalog.numericTypmod(10, 2);
        assertEquals("null", ch("numeric", p10s2, true, "NaN"));
        assertEquals("0", ch("numeric", p10s2, false, "NaN"));
        assertEquals("99999999.99", ch("numeric", p10s2, false, "Infinity"));
        assertEquals("-99999999.99", ch("numeric", p10s2, false, "-Infinity"));
        String max76 = "9".repeat(38) + "." + "9".repeat(38);
        assertEquals(max76, ch("numeric", -1, false, "1" + "0".repeat(40)));
        assertEquals("0.00000000000000000000000000000000000001", ch("numeric", -1, false, "0." + "0".repeat(37) + "05"));
        assertEquals("\"1900-01-01\"", ch("date", -1, false, "0044-03-15 BC"));
        assertEquals("\"1900-01-01\"", ch("date", -1, false, "1850-06-01"));
        assertEquals("\"1900-01-01\"", ch("date", -1, false, "-infinity"));
        assertEquals("\"2299-12-31\"", ch("date", -1, false, "infinity"));
        assertEquals("\"2299-12-31\"", ch("date", -1, false, "12000-01-01"));
        assertEquals("\"1900-01-01 00:00:00.000000\"", ch("timestamp", -1, false, "0044-03-15 10:30:00 BC"));
        assertEquals("\"2299-12-31 23:59:59.999999\"", ch("timestamp", -1, false, "294276-12-31 23:59:59.999999"));
        assertEquals("\"2299-12-31 23:59:59.999999\"", ch("timestamptz", -1, false, "infinity"));
        assertEquals("[\"2299-12-31\",\"2024-01-01\"]", ch("_date", -1, false, "{infinity,2024-01-01}"));
        PgColumnType p = PgColumnType.of("numeric").withTypmod(p10s2, null);
        assertEquals("[null]", ch(TypeCatalog.map(PgColumnType.arrayOf(p).withNullable(false)), "{NaN}"));
    }
}
