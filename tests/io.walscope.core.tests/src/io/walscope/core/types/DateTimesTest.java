package io.walscope.core.types;

import static io.walscope.core.types.Conv.quote;
import static io.walscope.core.types.Conv.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DateTimesTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);
    /** PostgreSQL's timestamp range: 4713 BC to 294276 AD. */
    private static final long MIN_MICROS = ChronoUnit.MICROS.between(PG_EPOCH, LocalDateTime.of(-4712, 1, 1, 0, 0));
    private static final long MAX_MICROS = ChronoUnit.MICROS.between(PG_EPOCH, LocalDateTime.of(294276, 12, 31, 0, 0));

    @Test
    void dates() {
        assertEquals("\"2024-01-31\"", text("date", "2024-01-31"));
        assertEquals("\"2024-02-29\"", text("date", "2024-02-29"));
        assertEquals("\"-0043-03-15\"", text("date", "0044-03-15 BC"));
        assertEquals("\"0000-12-31\"", text("date", "0001-12-31 BC"));
        assertEquals("\"-4712-11-24\"", text("date", "4713-11-24 BC"));
        assertEquals("\"+10000-01-01\"", text("date", "10000-01-01"));
        assertEquals("\"+5874897-12-31\"", text("date", "5874897-12-31"));
        assertEquals("\"infinity\"", text("date", "infinity"));
        assertEquals("\"-infinity\"", text("date", "-infinity"));
        assertEquals("\"2000-01-01\"", Conv.binary("date", Conv.be(0)));
        assertEquals("\"-0043-03-15\"", Conv.binary("date", Conv.be((int) (LocalDate.of(-43, 3, 15).toEpochDay() - 10957))));
        assertEquals("\"infinity\"", Conv.binary("date", Conv.be(Integer.MAX_VALUE)));
        assertEquals("\"-infinity\"", Conv.binary("date", Conv.be(Integer.MIN_VALUE)));
        assertThrows(PgValueFormatException.class, () -> text("date", "01/31/2024"));
        assertThrows(PgValueFormatException.class, () -> text("date", "2024-0a-31"));
        assertThrows(PgValueFormatException.class, () -> text("date", "2024-13-01 BC"));
    }

    @Test
    void timestamps() {
        assertEquals("\"2024-01-31T12:00:00.000000\"", text("timestamp", "2024-01-31 12:00:00"));
        assertEquals("\"2024-01-31T12:00:00.500000\"", text("timestamp", "2024-01-31 12:00:00.5"));
        assertEquals("\"2024-01-31T23:59:59.999999\"", text("timestamp", "2024-01-31 23:59:59.999999"));
        assertEquals("\"-0043-03-15T10:30:00.000000\"", text("timestamp", "0044-03-15 10:30:00 BC"));
        assertEquals("\"+294276-12-31T23:59:59.999999\"", text("timestamp", "294276-12-31 23:59:59.999999"));
        assertEquals("\"infinity\"", text("timestamp", "infinity"));
        assertEquals("\"-infinity\"", text("timestamp", "-infinity"));
        assertEquals("\"infinity\"", Conv.binary("timestamp", Conv.be(Long.MAX_VALUE)));
        assertEquals("\"-infinity\"", Conv.binary("timestamptz", Conv.be(Long.MIN_VALUE)));
        assertThrows(PgValueFormatException.class, () -> text("timestamp", "2024-01-31T12:00:00"));
        assertThrows(PgValueFormatException.class, () -> text("timestamp", "2024-01-31 12:00:00.1234567"));
    }

    @Test
    void timestamptzNormalizedToUtc() {
        assertEquals("\"2024-01-31T12:00:00.000000Z\"", text("timestamptz", "2024-01-31 12:00:00+00"));
        assertEquals("\"2024-01-31T06:30:00.123000Z\"", text("timestamptz", "2024-01-31 12:00:00.123+05:30"));
        assertEquals("\"2024-01-31T21:30:00.000000Z\"", text("timestamptz", "2024-01-31 12:00:00-09:30"));
        assertEquals("\"2024-01-01T09:30:00.000001Z\"", text("timestamptz", "2024-01-01 00:00:00.000001-09:30"));
        assertEquals("\"2023-12-31T23:59:59.000000Z\"", text("timestamptz", "2024-01-01 05:44:59+05:45"));
        // local mean time offsets with seconds, as PostgreSQL prints for old dates in named zones
        assertEquals("\"1850-01-01T11:06:32.000000Z\"", text("timestamptz", "1850-01-01 12:00:00+00:53:28"));
        assertEquals("\"-0043-03-15T07:00:00.000000Z\"", text("timestamptz", "0044-03-15 12:00:00+05 BC"));
        assertEquals("\"0000-12-31T22:00:00.000000Z\"", text("timestamptz", "0001-01-01 01:00:00+03"));
        assertEquals("\"infinity\"", text("timestamptz", "infinity"));
        assertThrows(PgValueFormatException.class, () -> text("timestamptz", "2024-01-31 12:00:00"));
        assertThrows(PgValueFormatException.class, () -> text("timestamptz", "2024-01-31 12:00:00+5"));
    }

    @Test
    void timestampPropertyAgainstJavaTime() {
        Random r = new Random(11);
        int[] offsets = {0, 3600, -3600, 19800, -34200, 20700, 45900, -3208, 50400, -43200};
        for (int i = 0; i < 20_000; i++) {
            long micros = MIN_MICROS + (long) (r.nextDouble() * (MAX_MICROS - MIN_MICROS));
            if (i % 3 == 0) {
                micros = micros / 1_000_000 * 1_000_000; // whole seconds: PG prints no fraction
            }
            LocalDateTime utc = PG_EPOCH.plus(micros, ChronoUnit.MICROS);
            String expected = quote(utc.format(ISO));
            assertEquals(expected, text("timestamp", pgText(utc, null)));
            assertEquals(expected, Conv.binary("timestamp", Conv.be(micros)));
            int off = offsets[i % offsets.length];
            LocalDateTime local = utc.plusSeconds(off);
            if (local.getYear() < -4712 || local.getYear() > 294276) {
                continue;
            }
            String expectedUtc = quote(utc.format(ISO) + "Z");
            assertEquals(expectedUtc, text("timestamptz", pgText(local, ZoneOffset.ofTotalSeconds(off))));
            assertEquals(expectedUtc, Conv.binary("timestamptz", Conv.be(micros)));
            if (i % 4 == 0) {
                LocalDate d = utc.toLocalDate();
                String pgDate = pgText(d.atStartOfDay(), null).substring(0, pgText(d.atStartOfDay(), null).indexOf(' '))
                        + (d.getYear() <= 0 ? " BC" : "");
                assertEquals(quote(d.atStartOfDay().format(ISO).substring(0, d.atStartOfDay().format(ISO).indexOf('T'))),
                        text("date", pgDate));
            }
        }
    }

    @Test
    void timestamptzPropertyCommonYearsAndOffsetsAcrossMidnight() {
        Random r = new Random(13);
        int[] offsets = {0, 3600, -3600, 19800, -34200, 20700, 45900, -3208, 50400, -43200, 3661};
        for (int i = 0; i < 50_000; i++) {
            LocalDateTime utc = LocalDateTime.of(1 + r.nextInt(9999), 1, 1, 0, 0).plusDays(r.nextInt(366))
                    .plusSeconds(i % 5 == 0 ? r.nextInt(7200) : i % 5 == 1 ? 86_400 - r.nextInt(7200) : r.nextInt(86_400))
                    .plusNanos(i % 2 == 0 ? 0 : r.nextInt(1_000_000) * 1000L);
            int off = offsets[r.nextInt(offsets.length)];
            LocalDateTime local = utc.plusSeconds(off);
            String expected = utc.format(ISO); // uuuu prints +10000 like the converter
            assertEquals(quote(expected + "Z"), text("timestamptz", pgText(local, ZoneOffset.ofTotalSeconds(off))),
                    pgText(local, ZoneOffset.ofTotalSeconds(off)));
            assertEquals(quote(local.format(ISO)), text("timestamp", pgText(local, null)));
        }
        assertEquals("\"0000-12-31T23:30:00.000000Z\"", text("timestamptz", "0001-01-01 00:30:00+01"));
        assertEquals("\"+10000-01-01T01:00:00.000000Z\"", text("timestamptz", "9999-12-31 23:00:00-02"));
        assertEquals("\"2024-03-01T00:00:00.000000Z\"", text("timestamptz", "2024-02-29 23:00:00-01"));
        assertEquals("\"2023-03-01T00:00:00.000000Z\"", text("timestamptz", "2023-02-28 23:00:00-01"));
    }

    /** What PostgreSQL prints (DateStyle ISO): BC years as positive with a suffix, fraction trimmed, short offsets. */
    static String pgText(LocalDateTime t, ZoneOffset offset) {
        int y = t.getYear();
        boolean bc = y <= 0;
        StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d", bc ? 1 - y : y,
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = String.format("%06d", micros).replaceAll("0+$", "");
            b.append('.').append(f);
        }
        if (offset != null) {
            int s = offset.getTotalSeconds();
            int a = Math.abs(s);
            b.append(s < 0 ? '-' : '+').append(String.format("%02d", a / 3600));
            if (a % 3600 != 0) {
                b.append(String.format(":%02d", a / 60 % 60));
            }
            if (a % 60 != 0) {
                b.append(String.format(":%02d", a % 60));
            }
        }
        return bc ? b.append(" BC").toString() : b.toString();
    }

    @Test
    void timesAndTimetz() {
        assertEquals("\"04:05:06.000000\"", text("time", "04:05:06"));
        assertEquals("\"04:05:06.789000\"", text("time", "04:05:06.789"));
        assertEquals("\"24:00:00.000000\"", text("time", "24:00:00"));
        assertEquals("\"00:00:00.000001\"", text("time", "00:00:00.000001"));
        assertEquals("\"23:59:59.999999\"", Conv.binary("time", Conv.be(86_399_999_999L)));
        assertEquals("\"04:05:06.789000+05:30\"", text("timetz", "04:05:06.789+05:30"));
        assertEquals("\"04:05:06.000000-09:30\"", text("timetz", "04:05:06-09:30"));
        assertEquals("\"04:05:06.000000+00:00\"", text("timetz", "04:05:06+00"));
        assertEquals("\"04:05:06.000000+14:00\"", text("timetz", "04:05:06+14"));
        assertEquals("\"04:05:06.000000+00:53:28\"", text("timetz", "04:05:06+00:53:28"));
        // binary zone is seconds WEST of UTC
        assertEquals("\"04:05:06.000000+05:30\"", Conv.binary("timetz", Conv.be(14_706_000_000L, -19800)));
        assertEquals("\"04:05:06.000000-09:30\"", Conv.binary("timetz", Conv.be(14_706_000_000L, 34200)));
        assertThrows(PgValueFormatException.class, () -> text("time", "4:05:06"));
        assertThrows(PgValueFormatException.class, () -> text("timetz", "04:05:06"));
    }
}
