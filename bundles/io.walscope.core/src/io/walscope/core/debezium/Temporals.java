package io.walscope.core.debezium;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's date and time text read as Debezium reads it. Streamed values go through Debezium's own parsers
 * (year of era plus an optional {@code BC}, {@code infinity} as Debezium's sentinels); snapshot values and array
 * elements through pgjdbc's {@code java.sql} types, whose hybrid Julian/Gregorian calendar shifts days before
 * 1582-10-15 and drops the era of a BC date: Debezium's records show those shifts, so these methods reproduce
 * them (for a JVM in UTC, as Debezium runs in its containers).
 */
final class Temporals {
    /** pgjdbc's {@code DATE_POSITIVE_INFINITY} / {@code DATE_NEGATIVE_INFINITY} (milliseconds). */
    static final long JDBC_PLUS_INFINITY = 9223372036825200000L;
    static final long JDBC_MINUS_INFINITY = -9223372036832400000L;
    /** Debezium's sentinels for streamed {@code infinity} / {@code -infinity}. */
    static final LocalDate PLUS_INFINITY_DATE = LocalDate.parse("-5877611-06-21");
    static final LocalDate MINUS_INFINITY_DATE = LocalDate.parse("-5877611-06-22");
    static final Instant PLUS_INFINITY_INSTANT = fromMicros(JDBC_PLUS_INFINITY);
    static final Instant MINUS_INFINITY_INSTANT = fromMicros(JDBC_MINUS_INFINITY);

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 10, SignStyle.NEVER).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2)
            .toFormatter();
    private static final DateTimeFormatter DATE_ERA = new DateTimeFormatterBuilder().append(DATE).optionalStart()
            .appendLiteral(' ').appendText(ChronoField.ERA, TextStyle.SHORT).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().append(DATE).appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME).optionalStart().appendLiteral(' ')
            .appendText(ChronoField.ERA, TextStyle.SHORT).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder().append(DATE)
            .appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffset("+HH:mm", "").optionalStart()
            .appendLiteral(' ').appendText(ChronoField.ERA, TextStyle.SHORT).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMPTZ_SECONDS = new DateTimeFormatterBuilder().append(DATE)
            .appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffset("+HH:MM:SS", "")
            .optionalStart().appendLiteral(' ').appendText(ChronoField.ERA, TextStyle.SHORT).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter TIMETZ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffset("+HH:mm", "").toFormatter();
    private static final DateTimeFormatter TIMETZ_SNAPSHOT = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).appendPattern("[XXX][XX][X]").toFormatter();

    private Temporals() {
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(TimeUnit.MICROSECONDS.toSeconds(micros),
                TimeUnit.MICROSECONDS.toNanos(micros % TimeUnit.SECONDS.toMicros(1)));
    }

    /** Debezium's micros of an instant: saturating at the seconds, wrapping at the sum. */
    static long micros(Instant i) {
        return TimeUnit.SECONDS.toMicros(i.getEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(i.getNano());
    }

    // ---- streamed values (Debezium's parsers)

    static LocalDate date(String s) {
        if (s.equals("infinity")) {
            return PLUS_INFINITY_DATE;
        }
        if (s.equals("-infinity")) {
            return MINUS_INFINITY_DATE;
        }
        return LocalDate.parse(s, DATE_ERA);
    }

    /** A timestamp's instant (read as UTC). */
    static Instant timestamp(String s) {
        if (s.equals("infinity")) {
            return PLUS_INFINITY_INSTANT;
        }
        if (s.equals("-infinity")) {
            return MINUS_INFINITY_INSTANT;
        }
        return LocalDateTime.from(TIMESTAMP.parse(s)).toInstant(ZoneOffset.UTC);
    }

    /** A timestamptz at UTC; null for {@code infinity}/{@code -infinity} (Debezium writes those words). */
    static OffsetDateTime timestamptz(String s) {
        if (s.equals("infinity") || s.equals("-infinity")) {
            return null;
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.from(TIMESTAMPTZ.parse(s));
        } catch (java.time.format.DateTimeParseException e) {
            t = OffsetDateTime.from(TIMESTAMPTZ_SECONDS.parse(s));
        }
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A time as Debezium reads a streamed one: a duration, so 24:00:00 is a whole day. */
    static Duration time(String s) {
        int c1 = s.indexOf(':');
        int c2 = s.indexOf(':', c1 + 1);
        long h = Long.parseLong(s.substring(0, c1));
        long m = Long.parseLong(s.substring(c1 + 1, c2));
        String rest = s.substring(c2 + 1);
        int dot = rest.indexOf('.');
        long sec = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
        long nanos = 0;
        if (dot >= 0) {
            String f = (rest.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Long.parseLong(f);
        }
        return Duration.ofHours(h).plusMinutes(m).plusSeconds(sec).plusNanos(nanos);
    }

    /** A timetz at UTC. */
    static OffsetTime timetz(String s, boolean snapshot) {
        OffsetTime t = OffsetTime.parse(s, snapshot ? TIMETZ_SNAPSHOT : TIMETZ);
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    // ---- values read through pgjdbc's java.sql types (snapshot, array elements)

    /** A date as {@code java.sql.Date.toLocalDate()} gives it: a BC date loses its era, infinity is pgjdbc's. */
    static LocalDate jdbcDate(String s) {
        if (s.equals("infinity")) {
            return fieldsOf(JDBC_PLUS_INFINITY);
        }
        if (s.equals("-infinity")) {
            return fieldsOf(JDBC_MINUS_INFINITY);
        }
        boolean bc = s.endsWith(" BC");
        return LocalDate.parse(bc ? s.substring(0, s.length() - 3) : s, DATE);
    }

    private static LocalDate fieldsOf(long millis) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(millis);
        return LocalDate.of(c.get(Calendar.YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH));
    }

    /**
     * A timestamp as Debezium gets it from a {@code java.sql.Timestamp}: the text's fields in the hybrid calendar,
     * then the instant read back in the proleptic one (days before 1582-10-15 shift). Infinity as streamed.
     */
    static LocalDateTime jdbcTimestamp(String s) {
        if (s.equals("infinity") || s.equals("-infinity")) {
            return LocalDateTime.ofInstant(timestamp(s), ZoneOffset.UTC);
        }
        boolean bc = s.endsWith(" BC");
        LocalDateTime f = LocalDateTime.parse(bc ? s.substring(0, s.length() - 3) : s,
                new DateTimeFormatterBuilder().append(DATE).appendLiteral(' ')
                        .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter());
        return hybrid(f, bc, 0);
    }

    /** A timestamptz read through a {@code java.sql.Timestamp}, at UTC; null for infinity. */
    static OffsetDateTime jdbcTimestamptz(String s) {
        OffsetDateTime t = timestamptz(s);
        if (t == null || t.getYear() > 1583) {
            return t;
        }
        boolean bc = s.endsWith(" BC");
        OffsetDateTime local = OffsetDateTime.from(TIMESTAMPTZ.parse(bc ? s.substring(0, s.length() - 3) : s));
        LocalDateTime utc = hybrid(local.toLocalDateTime(), bc, local.getOffset().getTotalSeconds());
        return utc.atOffset(ZoneOffset.UTC);
    }

    /** The proleptic UTC date-time of fields given in the hybrid calendar (era BC when {@code bc}). */
    private static LocalDateTime hybrid(LocalDateTime f, boolean bc, int offsetSeconds) {
        if (!bc && f.getYear() > 1583) {
            return f.minusSeconds(offsetSeconds);
        }
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.clear();
        c.set(Calendar.ERA, bc ? GregorianCalendar.BC : GregorianCalendar.AD);
        c.set(f.getYear(), f.getMonthValue() - 1, f.getDayOfMonth(), f.getHour(), f.getMinute(), f.getSecond());
        long millis = c.getTimeInMillis() - offsetSeconds * 1000L;
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis).plusNanos(f.getNano()), ZoneOffset.UTC);
    }

    /** A time through {@code java.sql.Time}: milliseconds only. */
    static LocalTime jdbcTime(String s) {
        Duration d = time(s);
        long millis = d.toMillis() % 86_400_000L;
        return LocalTime.ofNanoOfDay(millis * 1_000_000L);
    }
}
