package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

import org.junit.jupiter.api.Test;

/** Commit-time texts: the fast path agrees with a java.time formatter on every form PostgreSQL prints. */
class TimesTest {
    private static final DateTimeFormatter REF = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendPattern("[XXXXX][XXX][X]").toFormatter();

    private static long reference(String s) {
        OffsetDateTime t = OffsetDateTime.parse(s, REF);
        return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    @Test
    void agreesWithTheFormatter() {
        for (String s : new String[] {"2026-11-23 10:00:00.123456+00", "2026-11-23 10:00:00+00",
                "2026-11-23 10:00:00.5+05:30", "1999-12-31 23:59:59.999999-03", "2000-02-29 12:00:00.000001+14",
                "1970-01-01 00:00:00+00", "1960-06-15 08:09:10.25-09:30", "2026-03-01 01:02:03.4+05:53:28",
                "2026-11-23 10:00:00.123456789+00"}) {
            assertEquals(reference(s), Times.parsePgTimestamptz(s), s);
        }
        assertEquals("2026-11-23T10:00:00.123456Z", Times.isoMicros(Times.parsePgTimestamptz("2026-11-23 10:00:00.123456+00")));
    }

    @Test
    void isoTextOfMicros() {
        assertEquals("1970-01-01T00:00:00.000000Z", Times.isoMicros(0));
        assertEquals("1969-12-31T23:59:59.999999Z", Times.isoMicros(-1));
        assertEquals("2000-02-29T12:34:56.000001Z", Times.isoMicros(Times.parsePgTimestamptz("2000-02-29 12:34:56.000001+00")));
        assertEquals("10000-01-01T00:00:00.000000Z", Times.isoMicros(253_402_300_800_000_000L));
    }

    @Test
    void badTextStillFails() {
        for (String s : new String[] {"2026-11-23 25:00:00+00", "2026-11-23 10:00:00",
                "2026-1x-23 10:00:00+00"}) {
            assertThrows(DateTimeParseException.class, () -> Times.parsePgTimestamptz(s), s);
        }
    }
}
