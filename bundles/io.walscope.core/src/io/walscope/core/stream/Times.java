package io.walscope.core.stream;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Commit timestamps: PostgreSQL epochs and text forms to microseconds since 1970, and ISO text. */
public final class Times {
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
    public static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final DateTimeFormatter PG_TS = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendPattern("[XXXXX][XXX][X]").toFormatter();

    private Times() {
    }

    /** ISO-8601 UTC with exactly 6 fractional digits. */
    public static String isoMicros(long micros) {
        long secs = Math.floorDiv(micros, 1_000_000L);
        int frac = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(27);
        int y = t.getYear();
        if (y < 0 || y > 9999) {
            b.append(y);
        } else {
            pad(b, y, 4);
        }
        b.append('-');
        pad(b, t.getMonthValue(), 2);
        b.append('-');
        pad(b, t.getDayOfMonth(), 2);
        b.append('T');
        pad(b, t.getHour(), 2);
        b.append(':');
        pad(b, t.getMinute(), 2);
        b.append(':');
        pad(b, t.getSecond(), 2);
        b.append('.');
        pad(b, frac, 6);
        return b.append('Z').toString();
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    /** Microseconds since 1970 of a PostgreSQL timestamptz text ({@code 2026-11-23 10:00:00.123456+00}). */
    public static long parsePgTimestamptz(String text) {
        OffsetDateTime t = OffsetDateTime.parse(text.trim(), PG_TS);
        return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
