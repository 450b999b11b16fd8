package io.walscope.core.types;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * interval: a JSON object {@code {"iso":"P1Y2M3DT4H5M6.000007S","months":14,"days":3,"microseconds":14706000007}}.
 * <p>
 * The three numbers are PostgreSQL's own exact representation (months, days and microseconds are independent:
 * a day is not always 24 hours, a month not always 30 days). {@code iso} is the ISO-8601 text exactly as
 * PostgreSQL prints it with {@code IntervalStyle=iso_8601}: components carry their own sign
 * ({@code P-1Y-2M3DT-4H}), zero components are left out, zero is {@code PT0S}.
 * <p>
 * Text input is the default {@code IntervalStyle=postgres} output: {@code 1 year 2 mons 3 days 04:05:06.000007},
 * {@code -1 years -2 mons +3 days -04:05:06}, {@code -00:00:01}, {@code 100:00:00}. Binary: int64 microseconds,
 * int32 days, int32 months.
 */
final class IntervalConverter implements ValueConverter {
    static final IntervalConverter INSTANCE = new IntervalConverter();

    private static final String ISO = "iso";
    private static final String MONTHS = "months";
    private static final String DAYS = "days";
    private static final String MICROS = "microseconds";
    private static final long USECS_PER_HOUR = 3_600_000_000L;

    private IntervalConverter() {
    }

    @Override
    public void writeText(String s, JsonGenerator out) throws IOException {
        try {
            parseAndWrite(s, out);
        } catch (ArithmeticException e) {
            throw new PgValueFormatException("interval (out of range)", s);
        }
    }

    private static void parseAndWrite(String s, JsonGenerator out) throws IOException {
        long months = 0;
        long days = 0;
        long micros = 0;
        int n = s.length();
        int i = 0;
        if (n == 0) {
            throw new PgValueFormatException("interval", s);
        }
        while (i < n) {
            int j = s.indexOf(' ', i);
            if (j < 0) {
                j = n;
            }
            int colon = s.indexOf(':', i);
            if (colon >= 0 && colon < j) {
                micros = Math.addExact(micros, parseClock(s, i, j, colon));
                i = j + 1;
                continue;
            }
            long num = Parse.parseLong(s, i, j, "interval");
            int k = s.indexOf(' ', j + 1);
            if (k < 0) {
                k = n;
            }
            if (j + 1 >= k) {
                throw new PgValueFormatException("interval", s);
            }
            switch (s.substring(j + 1, k)) {
            case "year":
            case "years":
                months = Math.addExact(months, Math.multiplyExact(num, 12));
                break;
            case "mon":
            case "mons":
                months = Math.addExact(months, num);
                break;
            case "day":
            case "days":
                days = Math.addExact(days, num);
                break;
            default:
                throw new PgValueFormatException("interval (IntervalStyle postgres)", s);
            }
            i = k + 1;
        }
        write(months, days, micros, out);
    }

    /** {@code [+-]H+:MM:SS[.f]} in {@code s[from,to)} to signed microseconds. */
    private static long parseClock(String s, int from, int to, int colon) {
        boolean neg = s.charAt(from) == '-';
        int h0 = neg || s.charAt(from) == '+' ? from + 1 : from;
        long hours = Parse.parseLong(s, h0, colon, "interval");
        if (to - colon < 6 || s.charAt(colon + 3) != ':') {
            throw new PgValueFormatException("interval", s);
        }
        long rest = DateTimes.parseTime("00" + s.substring(colon, to), 0, to - colon + 2);
        if (neg) {
            return Math.subtractExact(Math.multiplyExact(-hours, USECS_PER_HOUR), rest);
        }
        return Math.addExact(Math.multiplyExact(hours, USECS_PER_HOUR), rest);
    }

    @Override
    public boolean supportsBinary() {
        return true;
    }

    @Override
    public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
        Parse.need(len, 16, "interval");
        write(Parse.i32(b, off + 12), Parse.i32(b, off + 8), Parse.i64(b, off), out);
    }

    static void write(long months, long days, long micros, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName(ISO);
        out.writeString(iso(months, days, micros));
        out.writeFieldName(MONTHS);
        out.writeNumber(months);
        out.writeFieldName(DAYS);
        out.writeNumber(days);
        out.writeFieldName(MICROS);
        out.writeNumber(micros);
        out.writeEndObject();
    }

    /** The ISO-8601 text PostgreSQL prints for the interval with {@code IntervalStyle=iso_8601}. */
    static String iso(long months, long days, long micros) {
        if (months == 0 && days == 0 && micros == 0) {
            return "PT0S";
        }
        StringBuilder b = new StringBuilder(32).append('P');
        long year = months / 12;
        long mon = months % 12;
        if (year != 0) {
            b.append(year).append('Y');
        }
        if (mon != 0) {
            b.append(mon).append('M');
        }
        if (days != 0) {
            b.append(days).append('D');
        }
        if (micros != 0) {
            b.append('T');
            long hour = micros / USECS_PER_HOUR;
            long rem = micros - hour * USECS_PER_HOUR;
            long min = rem / 60_000_000L;
            rem -= min * 60_000_000L;
            long sec = rem / 1_000_000L;
            long fsec = rem - sec * 1_000_000L;
            if (hour != 0) {
                b.append(hour).append('H');
            }
            if (min != 0) {
                b.append(min).append('M');
            }
            if (sec != 0 || fsec != 0) {
                if (fsec == 0) {
                    b.append(sec);
                } else {
                    if (sec < 0 || fsec < 0) {
                        b.append('-');
                    }
                    b.append(Math.abs(sec)).append('.');
                    String f = Long.toString(1_000_000 + Math.abs(fsec)).substring(1);
                    int end = f.length();
                    while (f.charAt(end - 1) == '0') {
                        end--;
                    }
                    b.append(f, 0, end);
                }
                b.append('S');
            }
        }
        return b.toString();
    }
}
