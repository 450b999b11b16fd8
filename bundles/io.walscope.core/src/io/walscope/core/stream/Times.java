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
        long day = Math.floorDiv(secs, 86_400L);
        int sod = (int) Math.floorMod(secs, 86_400L);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
        int y = d.getYear();
        if (y < 0 || y > 9999) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
            return t.getYear() + String.format(java.util.Locale.ROOT, "-%02d-%02dT%02d:%02d:%02d.%06dZ",
                    t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), frac);
        }
        char[] b = new char[27];
        put(b, 0, y, 4);
        b[4] = '-';
        put(b, 5, d.getMonthValue(), 2);
        b[7] = '-';
        put(b, 8, d.getDayOfMonth(), 2);
        b[10] = 'T';
        put(b, 11, sod / 3600, 2);
        b[13] = ':';
        put(b, 14, sod / 60 % 60, 2);
        b[16] = ':';
        put(b, 17, sod % 60, 2);
        b[19] = '.';
        put(b, 20, frac, 6);
        b[26] = 'Z';
        return new String(b);
    }

    /** Writes {@code v} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] b, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Microseconds since 1970 of a PostgreSQL timestamptz text ({@code 2026-11-23 10:00:00.123456+00}). */
    public static long parsePgTimestamptz(String text) {
        long fast = parseIso(text);
        if (fast != UNPARSED) {
            return fast;
        }
        OffsetDateTime t = OffsetDateTime.parse(text.trim(), PG_TS);
        return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static final long UNPARSED = Long.MIN_VALUE;

    /**
     * The form every commit time takes ({@code yyyy-MM-dd HH:mm:ss[.f{1,6}]±HH[:mm[:ss]]}) without a formatter: a
     * commit per one-row transaction makes this hot. Anything else is {@link #UNPARSED}.
     */
    private static long parseIso(CharSequence s) {
        int n = s.length();
        if (n < 22 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return UNPARSED;
        }
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        int h = digits(s, 11, 2);
        int mi = digits(s, 14, 2);
        int se = digits(s, 17, 2);
        int p = 19;
        long micros = 0;
        if (s.charAt(p) == '.') {
            int scale = 0;
            p++;
            while (p < n && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                if (++scale > 6) {
                    return UNPARSED;
                }
                micros = micros * 10 + s.charAt(p++) - '0';
            }
            if (scale == 0) {
                return UNPARSED;
            }
            for (; scale < 6; scale++) {
                micros *= 10;
            }
        }
        if (p + 3 > n || (s.charAt(p) != '+' && s.charAt(p) != '-')) {
            return UNPARSED;
        }
        int sign = s.charAt(p) == '-' ? -1 : 1;
        int oh = digits(s, p + 1, 2);
        int om = 0;
        int os = 0;
        p += 3;
        if (p + 3 <= n && s.charAt(p) == ':') {
            om = digits(s, p + 1, 2);
            p += 3;
            if (p + 3 <= n && s.charAt(p) == ':') {
                os = digits(s, p + 1, 2);
                p += 3;
            }
        }
        if (p != n || (y | mo | d | h | mi | se | oh | om | os) < 0 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59
                || se > 59 || d > java.time.YearMonth.of(y, mo).lengthOfMonth()) {
            return UNPARSED;
        }
        long secs = java.time.LocalDate.of(y, mo, d).toEpochDay() * 86_400L + h * 3600 + mi * 60 + se
                - sign * (oh * 3600 + om * 60 + os);
        return secs * 1_000_000L + micros;
    }

    /** The value of {@code len} decimal digits at {@code at}, or a negative number when they are not digits. */
    private static int digits(CharSequence s, int at, int len) {
        int v = 0;
        for (int i = at; i < at + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }
}
