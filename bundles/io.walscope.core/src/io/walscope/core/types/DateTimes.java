package io.walscope.core.types;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Date and time converters. Text input is {@code DateStyle=ISO} output. All JSON forms are ISO-8601 strings with
 * exactly six fractional digits (so equal values give equal strings whatever the column's precision), years as
 * {@code java.time} prints them: BC years become astronomical years ({@code 0044-03-15 BC} &rarr;
 * {@code -0043-03-15}), years above 9999 get a '+' ({@code +10000-01-01}). {@code infinity} and
 * {@code -infinity} stay as those strings.
 */
enum DateTimes implements ValueConverter {
    /** date: {@code "2024-01-31"}. Binary: int32 days since 2000-01-01. */
    DATE {
        @Override
        public void writeText(String s, JsonGenerator out) throws IOException {
            if (isoDate(s)) {
                out.writeString(s); // already ISO: 4-digit AD year
            } else if (!infinity(s, out)) {
                writeDays(parse(s, false, false), out);
            }
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 4, "date");
            int days = Parse.i32(b, off);
            if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                out.writeString(days > 0 ? "infinity" : "-infinity");
            } else {
                writeDays(days, out);
            }
        }
    },
    /** time: {@code "04:05:06.789000"} ({@code 24:00:00.000000} is a valid value). Binary: int64 microseconds. */
    TIME {
        @Override
        public void writeText(String s, JsonGenerator out) throws IOException {
            int n = s.length();
            long micros = parseTime(s, 0, n);
            char[] b = new char[15];
            out.writeString(b, 0, Calendar.writeTime(b, 0, micros));
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 8, "time");
            char[] c = new char[15];
            out.writeString(c, 0, Calendar.writeTime(c, 0, Parse.i64(b, off)));
        }
    },
    /**
     * time with time zone: {@code "04:05:06.789000+05:30"}: the offset is kept (not normalized to UTC), written
     * {@code +HH:MM} ({@code +HH:MM:SS} for second offsets). Binary: int64 microseconds, int32 zone west of UTC.
     */
    TIMETZ {
        @Override
        public void writeText(String s, JsonGenerator out) throws IOException {
            int n = s.length();
            int z = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (z < 8) {
                throw new PgValueFormatException("time with time zone", s);
            }
            writeTimetz(parseTime(s, 0, z), parseOffset(s, z, n), out);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 12, "time with time zone");
            writeTimetz(Parse.i64(b, off), -Parse.i32(b, off + 8), out);
        }
    },
    /** timestamp: {@code "2024-01-31T12:00:00.123000"}. Binary: int64 microseconds since 2000-01-01. */
    TIMESTAMP {
        @Override
        public void writeText(String s, JsonGenerator out) throws IOException {
            if (!(!s.endsWith(" BC") && copyIso(s, s.length(), NO_ZONE, out)) && !infinity(s, out)) {
                writeMicros(parse(s, true, false), false, out);
            }
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            writeBinaryTimestamp(b, off, len, false, out);
        }
    },
    /**
     * timestamp with time zone: normalized to UTC, {@code "2024-01-31T06:30:00.123000Z"} (whatever the session
     * TimeZone printed). Binary: int64 microseconds since 2000-01-01 UTC.
     */
    TIMESTAMPTZ {
        @Override
        public void writeText(String s, JsonGenerator out) throws IOException {
            int n = s.length();
            if (n > 22 && !s.endsWith(" BC")) {
                int z = n - 3; // +HH, +HH:MM or +HH:MM:SS
                if (s.charAt(z) != '+' && s.charAt(z) != '-') {
                    z = n - 6;
                    if (s.charAt(z) != '+' && s.charAt(z) != '-') {
                        z = n - 9;
                    }
                }
                if (z >= 19 && (s.charAt(z) == '+' || s.charAt(z) == '-')
                        && copyIso(s, z, parseOffset(s, z, n), out)) {
                    return;
                }
            }
            if (!infinity(s, out)) {
                writeMicros(parse(s, true, true), true, out);
            }
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            writeBinaryTimestamp(b, off, len, true, out);
        }
    };

    @Override
    public boolean supportsBinary() {
        return true;
    }

    /** {@link #copyIso} offset meaning "timestamp without time zone": no shift, no 'Z'. */
    private static final int NO_ZONE = Integer.MIN_VALUE;

    /**
     * Fast path for the common shape {@code YYYY-MM-DD HH:MM:SS[.f]} (AD, four-digit year) ending at {@code end}:
     * the ISO form is the same characters with 'T' and the fraction padded. With an offset (seconds east of UTC)
     * the time of day is shifted to UTC, and only a shift across midnight needs calendar arithmetic. Returns false,
     * writing nothing, if the text has another shape.
     */
    static boolean copyIso(String s, int end, int offsetSeconds, JsonGenerator out) throws IOException {
        if (end < 19 || end > 26 || end == 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' '
                || s.charAt(13) != ':' || s.charAt(16) != ':' || (end > 19 && s.charAt(19) != '.')) {
            return false;
        }
        char[] b = new char[27];
        s.getChars(0, end, b, 0);
        for (int i = 0; i < end; i++) {
            char c = b[i];
            if ((c < '0' || c > '9') && i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19) {
                return false;
            }
        }
        b[10] = 'T';
        b[19] = '.';
        for (int i = Math.max(end, 20); i < 26; i++) {
            b[i] = '0';
        }
        if (offsetSeconds == NO_ZONE) {
            out.writeString(b, 0, 26);
            return true;
        }
        if (offsetSeconds != 0) {
            int h = (b[11] - '0') * 10 + b[12] - '0';
            int mi = (b[14] - '0') * 10 + b[15] - '0';
            int sec = (b[17] - '0') * 10 + b[18] - '0';
            int tod = h * 3600 + mi * 60 + sec - offsetSeconds;
            if (tod < 0 || tod >= 86_400) {
                int y = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + b[3] - '0';
                int m = (b[5] - '0') * 10 + b[6] - '0';
                int d = (b[8] - '0') * 10 + b[9] - '0';
                long c = Calendar.civilFromDays(Calendar.daysFromCivil(y, m, d) + Math.floorDiv(tod, 86_400));
                if (Calendar.year(c) < 0 || Calendar.year(c) > 9999) {
                    return false;
                }
                Calendar.writeDate(b, 0, Calendar.year(c), Calendar.month(c), Calendar.day(c));
                tod = Math.floorMod(tod, 86_400);
            }
            Parse.pad(b, 11, tod / 3600, 2);
            Parse.pad(b, 14, tod / 60 % 60, 2);
            Parse.pad(b, 17, tod % 60, 2);
        }
        b[26] = 'Z';
        out.writeString(b, 0, 27);
        return true;
    }

    /** Whether {@code s} is exactly {@code YYYY-MM-DD} (digits in place). */
    private static boolean isoDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && i != 4 && i != 7) {
                return false;
            }
        }
        return true;
    }

    static boolean infinity(String s, JsonGenerator out) throws IOException {
        if (s.equals("infinity") || s.equals("-infinity")) {
            out.writeString(s);
            return true;
        }
        return false;
    }

    static void writeDays(long pgDays, JsonGenerator out) throws IOException {
        long c = Calendar.civilFromDays(pgDays + Calendar.PG_EPOCH_DAYS);
        char[] b = new char[16];
        out.writeString(b, 0, Calendar.writeDate(b, 0, Calendar.year(c), Calendar.month(c), Calendar.day(c)));
    }

    static void writeMicros(long pgMicros, boolean utc, JsonGenerator out) throws IOException {
        char[] b = new char[36];
        int p = Calendar.writeTimestamp(b, 0, pgMicros);
        if (utc) {
            b[p++] = 'Z';
        }
        out.writeString(b, 0, p);
    }

    static void writeTimetz(long micros, int offsetSeconds, JsonGenerator out) throws IOException {
        char[] b = new char[24];
        int p = Calendar.writeTime(b, 0, micros);
        out.writeString(b, 0, Calendar.writeOffset(b, p, offsetSeconds));
    }

    static void writeBinaryTimestamp(byte[] b, int off, int len, boolean utc, JsonGenerator out) throws IOException {
        Parse.need(len, 8, "timestamp");
        long v = Parse.i64(b, off);
        if (v == Long.MAX_VALUE || v == Long.MIN_VALUE) {
            out.writeString(v > 0 ? "infinity" : "-infinity");
        } else {
            writeMicros(v, utc, out);
        }
    }

    /**
     * Parses ISO DateStyle output {@code Y-MM-DD[ HH:MM:SS[.f]][±zone][ BC]} to days since 2000-01-01 (date) or
     * microseconds since 2000-01-01, shifted to UTC when {@code withTz}.
     */
    static long parse(String s, boolean withTime, boolean withTz) {
        String what = withTz ? "timestamp with time zone" : withTime ? "timestamp" : "date";
        int n = s.length();
        boolean bc = s.endsWith(" BC");
        if (bc) {
            n -= 3;
        }
        int i = s.indexOf('-', 1);
        if (i < 4 || i + 6 > n || s.charAt(i + 3) != '-') {
            throw new PgValueFormatException(what, s);
        }
        long y = Parse.digits(s, 0, i, what);
        int m = Parse.digits(s, i + 1, i + 3, what);
        int d = Parse.digits(s, i + 4, i + 6, what);
        if (m < 1 || m > 12 || d < 1 || d > 31) {
            throw new PgValueFormatException(what, s);
        }
        long days = Calendar.daysFromCivil(bc ? 1 - y : y, m, d) - Calendar.PG_EPOCH_DAYS;
        int p = i + 6;
        if (!withTime) {
            if (p != n) {
                throw new PgValueFormatException(what, s);
            }
            return days;
        }
        if (p >= n || s.charAt(p) != ' ') {
            throw new PgValueFormatException(what, s);
        }
        int z = n;
        if (withTz) {
            z = Math.max(s.lastIndexOf('+', n - 1), s.lastIndexOf('-', n - 1));
            if (z <= p) {
                throw new PgValueFormatException(what, s);
            }
        }
        long micros = days * Calendar.USECS_PER_DAY + parseTime(s, p + 1, z);
        if (withTz) {
            micros -= parseOffset(s, z, n) * 1_000_000L;
        }
        return micros;
    }

    /** Parses {@code HH:MM:SS[.f{1,6}]} in {@code s[from,to)} to microseconds. */
    static long parseTime(String s, int from, int to) {
        if (to - from < 8 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
            throw new PgValueFormatException("time", s);
        }
        int h = Parse.digits(s, from, from + 2, "time");
        int mi = Parse.digits(s, from + 3, from + 5, "time");
        int sec = Parse.digits(s, from + 6, from + 8, "time");
        long frac = 0;
        int p = from + 8;
        if (p < to) {
            if (s.charAt(p) != '.' || to - p > 7 || to - p < 2) {
                throw new PgValueFormatException("time", s);
            }
            frac = Parse.digits(s, p + 1, to, "time");
            for (int k = to - p - 1; k < 6; k++) {
                frac *= 10;
            }
        }
        if (h > 24 || mi > 59 || sec > 60) {
            throw new PgValueFormatException("time", s);
        }
        return ((h * 60L + mi) * 60 + sec) * 1_000_000L + frac;
    }

    /** Parses {@code ±HH[:MM[:SS]]} in {@code s[from,to)} to seconds east of UTC. */
    static int parseOffset(String s, int from, int to) {
        int len = to - from;
        char sign = s.charAt(from);
        if ((sign != '+' && sign != '-') || (len != 3 && len != 6 && len != 9)) {
            throw new PgValueFormatException("time zone offset", s);
        }
        int secs = Parse.digits(s, from + 1, from + 3, "time zone offset") * 3600;
        if (len >= 6) {
            secs += Parse.digits(s, from + 4, from + 6, "time zone offset") * 60;
        }
        if (len == 9) {
            secs += Parse.digits(s, from + 7, from + 9, "time zone offset");
        }
        return sign == '-' ? -secs : secs;
    }
}
