package io.walscope.core.types;

/**
 * Proleptic Gregorian calendar arithmetic (as PostgreSQL uses) on astronomical years (1 BC = year 0), and ISO-8601
 * field writers into a char buffer. Algorithms after Howard Hinnant's {@code days_from_civil}/{@code civil_from_days}.
 */
final class Calendar {
    /** Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
    static final int PG_EPOCH_DAYS = 10957;
    static final long USECS_PER_DAY = 86_400_000_000L;

    private Calendar() {
    }

    /** Days since 1970-01-01 of the given astronomical year, month (1-12) and day. */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Civil date of {@code days} since 1970-01-01, packed as {@code (year << 9) | (month << 5) | day}. */
    static long civilFromDays(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        return (y << 9) | (m << 5) | d;
    }

    static long year(long packed) {
        return packed >> 9;
    }

    static int month(long packed) {
        return (int) (packed >> 5) & 0xF;
    }

    static int day(long packed) {
        return (int) packed & 0x1F;
    }

    /**
     * Writes an ISO-8601 year: 4 digits for 0..9999, '+' and the digits above 9999, '-' and at least 4 digits for
     * negative (BC) years, exactly as {@code java.time} prints years.
     */
    static int writeYear(char[] b, int p, long y) {
        if (y < 0) {
            b[p++] = '-';
            y = -y;
        } else if (y > 9999) {
            b[p++] = '+';
        }
        int width = y > 9999 ? (int) Math.log10(y) + 1 : 4;
        return Parse.pad(b, p, (int) y, width);
    }

    /** Writes {@code yyyy-MM-dd}. */
    static int writeDate(char[] b, int p, long y, int m, int d) {
        p = writeYear(b, p, y);
        b[p++] = '-';
        p = Parse.pad(b, p, m, 2);
        b[p++] = '-';
        return Parse.pad(b, p, d, 2);
    }

    /** Writes {@code HH:mm:ss.SSSSSS} from microseconds of the day. */
    static int writeTime(char[] b, int p, long micros) {
        int secs = (int) (micros / 1_000_000);
        p = Parse.pad(b, p, secs / 3600, 2);
        b[p++] = ':';
        p = Parse.pad(b, p, secs / 60 % 60, 2);
        b[p++] = ':';
        p = Parse.pad(b, p, secs % 60, 2);
        b[p++] = '.';
        return Parse.pad(b, p, (int) (micros % 1_000_000), 6);
    }

    /** Writes an offset east of UTC as {@code +HH:MM} or {@code +HH:MM:SS}. */
    static int writeOffset(char[] b, int p, int offsetSeconds) {
        b[p++] = offsetSeconds < 0 ? '-' : '+';
        int a = Math.abs(offsetSeconds);
        p = Parse.pad(b, p, a / 3600, 2);
        b[p++] = ':';
        p = Parse.pad(b, p, a / 60 % 60, 2);
        if (a % 60 != 0) {
            b[p++] = ':';
            p = Parse.pad(b, p, a % 60, 2);
        }
        return p;
    }

    /** Writes a PostgreSQL timestamp (microseconds since 2000-01-01) as ISO-8601 local date-time. */
    static int writeTimestamp(char[] b, int p, long pgMicros) {
        long days = Math.floorDiv(pgMicros, USECS_PER_DAY);
        long tod = pgMicros - days * USECS_PER_DAY;
        long c = civilFromDays(days + PG_EPOCH_DAYS);
        p = writeDate(b, p, year(c), month(c), day(c));
        b[p++] = 'T';
        return writeTime(b, p, tod);
    }
}
