package io.walscope.core.types;

import static io.walscope.core.types.Conv.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class IntervalConverterTest {

    private static String obj(String iso, long months, long days, long micros) {
        return "{\"iso\":\"" + iso + "\",\"months\":" + months + ",\"days\":" + days + ",\"microseconds\":" + micros + "}";
    }

    @Test
    void postgresStyleText() {
        assertEquals(obj("P1Y2M3DT4H5M6.000007S", 14, 3, 14_706_000_007L),
                text("interval", "1 year 2 mons 3 days 04:05:06.000007"));
        assertEquals(obj("P-1Y-2M3DT-4H-5M-6S", -14, 3, -14_706_000_000L),
                text("interval", "-1 years -2 mons +3 days -04:05:06"));
        assertEquals(obj("PT-1S", 0, 0, -1_000_000), text("interval", "-00:00:01"));
        assertEquals(obj("PT-0.5S", 0, 0, -500_000), text("interval", "-00:00:00.5"));
        assertEquals(obj("PT0S", 0, 0, 0), text("interval", "00:00:00"));
        assertEquals(obj("P1DT-1S", 0, 1, -1_000_000), text("interval", "1 day -00:00:01"));
        assertEquals(obj("PT100H", 0, 0, 360_000_000_000L), text("interval", "100:00:00"));
        assertEquals(obj("P1M", 1, 0, 0), text("interval", "1 mon"));
        assertEquals(obj("P-1D", 0, -1, 0), text("interval", "-1 days"));
        assertEquals(obj("P178000000Y", 2_136_000_000L, 0, 0), text("interval", "178000000 years"));
        assertEquals(obj("P-178000000Y", -2_136_000_000L, 0, 0), text("interval", "-178000000 years"));
        assertEquals(obj("P2Y3DT0.000001S", 24, 3, 1), text("interval", "2 years 3 days 00:00:00.000001"));
        assertEquals(obj("PT-2562047788H-54.775808S", 0, 0, Long.MIN_VALUE),
                text("interval", "-2562047788:00:54.775808"));
        assertThrows(PgValueFormatException.class, () -> text("interval", "-2562047788:00:54.775809"));
        assertThrows(PgValueFormatException.class, () -> text("interval", "P1Y"));
        assertThrows(PgValueFormatException.class, () -> text("interval", "1 fortnight"));
        assertThrows(PgValueFormatException.class, () -> text("interval", ""));
    }

    @Test
    void binaryAgreesWithText() {
        assertEquals(text("interval", "1 year 2 mons 3 days 04:05:06.000007"),
                Conv.binary("interval", Conv.be(14_706_000_007L, 3, 14)));
        assertEquals(text("interval", "-1 years -2 mons +3 days -04:05:06"),
                Conv.binary("interval", Conv.be(-14_706_000_000L, 3, -14)));
    }

    @Test
    void propertyRandomIntervalsRoundTripThroughPostgresText() {
        Random r = new Random(5);
        for (int i = 0; i < 5000; i++) {
            int months = r.nextInt(2000) - 1000;
            int days = r.nextInt(2000) - 1000;
            long micros = r.nextLong() / (1L << r.nextInt(40));
            String pg = postgresText(months, days, micros);
            assertEquals(Conv.binary("interval", Conv.be(micros, days, months)), text("interval", pg), pg);
            assertEquals(obj(IntervalConverter.iso(months, days, micros), months, days, micros), text("interval", pg));
        }
    }

    /** PostgreSQL's EncodeInterval for IntervalStyle postgres. */
    static String postgresText(int months, int days, long micros) {
        StringBuilder b = new StringBuilder();
        boolean before = false;
        int year = months / 12;
        int mon = months % 12;
        for (Object[] f : new Object[][] {{year, "year"}, {mon, "mon"}, {days, "day"}}) {
            int v = (Integer) f[0];
            if (v != 0) {
                b.append(b.length() > 0 ? " " : "").append(before && v > 0 ? "+" : "").append(v).append(' ')
                        .append(f[1]).append(v == 1 ? "" : "s");
                before = v < 0;
            }
        }
        if (micros != 0 || b.length() == 0) {
            boolean neg = micros < 0;
            long a = Math.abs(micros);
            long h = a / 3_600_000_000L;
            long m = a / 60_000_000L % 60;
            long s = a / 1_000_000L % 60;
            long f = a % 1_000_000L;
            b.append(b.length() > 0 ? " " : "").append(neg ? "-" : before ? "+" : "")
                    .append(String.format("%02d:%02d:%02d", h, m, s));
            if (f != 0) {
                b.append('.').append(String.format("%06d", f).replaceAll("0+$", ""));
            }
        }
        return b.toString();
    }
}
