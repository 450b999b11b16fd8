package io.walscope.core.debezium;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

import io.walscope.core.debezium.Codec.Path;
import io.walscope.core.debezium.ConnectSchema.Type;
import io.walscope.core.debezium.DebeziumOptions.IntervalHandling;
import io.walscope.core.debezium.DebeziumOptions.TimePrecision;

/**
 * Dates, times, timestamps and intervals as Debezium's {@code time.precision.mode} and
 * {@code interval.handling.mode} encode them: {@code io.debezium.time.*} semantic types, Kafka Connect's own
 * ({@code connect}) or ISO 8601 strings ({@code isostring}); timestamptz and timetz always as UTC strings.
 */
final class TimeCodecs {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final double DAYS_PER_MONTH_AVG = 365.25 / 12.0d;

    private TimeCodecs() {
    }

    private static ConnectSchema named(Type t, String name) {
        return ConnectSchema.of(t).named(name, 1);
    }

    static Codec date(TimePrecision mode) {
        if (mode == TimePrecision.ISOSTRING) {
            return new Codec(named(Type.STRING, "io.debezium.time.IsoDate"), (s, p) -> isoDate(date(s, p)),
                    "1970-01-01Z", null, e -> isoDate(Defaults.date(e)));
        }
        String name = mode == TimePrecision.CONNECT ? "org.apache.kafka.connect.data.Date" : "io.debezium.time.Date";
        return new Codec(named(Type.INT32, name), (s, p) -> (int) date(s, p).toEpochDay(), 0, null,
                e -> (int) Defaults.date(e).toEpochDay());
    }

    private static LocalDate date(String s, Path p) {
        return p == Path.STREAM ? Temporals.date(s) : Temporals.jdbcDate(s);
    }

    private static String isoDate(LocalDate d) {
        return ZonedDateTime.of(d, LocalTime.MIDNIGHT, ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE);
    }

    /** time with {@code precision} fractional digits (6 when undeclared). */
    static Codec time(TimePrecision mode, int precision) {
        switch (mode) {
        case ISOSTRING:
            return new Codec(named(Type.STRING, "io.debezium.time.IsoTime"), (s, p) -> isoTime(time(s, p)),
                    "00:00:00Z", null, e -> isoTime(Duration.ofNanos(Defaults.time(e).toNanoOfDay())));
        case CONNECT:
            return new Codec(named(Type.INT32, "org.apache.kafka.connect.data.Time"),
                    (s, p) -> millisOfDay(time(s, p)), 0, null,
                    e -> millisOfDay(Duration.ofNanos(Defaults.time(e).toNanoOfDay())));
        case NANOSECONDS:
            return nanoTime();
        case ADAPTIVE:
            if (precision <= 3) {
                return new Codec(named(Type.INT32, "io.debezium.time.Time"), (s, p) -> (int) time(s, p).toMillis(),
                        0, null, e -> (int) (Defaults.time(e).toNanoOfDay() / 1_000_000L));
            }
            if (precision > 6) {
                return nanoTime();
            }
            return microTime();
        default:
            return microTime();
        }
    }

    private static Codec microTime() {
        return new Codec(named(Type.INT64, "io.debezium.time.MicroTime"), (s, p) -> time(s, p).toNanos() / 1_000,
                0L, null, e -> Defaults.time(e).toNanoOfDay() / 1_000);
    }

    private static Codec nanoTime() {
        return new Codec(named(Type.INT64, "io.debezium.time.NanoTime"), (s, p) -> time(s, p).toNanos(), 0L, null,
                e -> Defaults.time(e).toNanoOfDay());
    }

    /** A time as Debezium holds it: a duration (24:00:00 is a day); array elements only to the millisecond. */
    private static Duration time(String s, Path p) {
        return p == Path.ELEMENT ? Duration.ofNanos(Temporals.jdbcTime(s).toNanoOfDay()) : Temporals.time(s);
    }

    private static int millisOfDay(Duration d) {
        if (d.isNegative() || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new PgText.Unconvertible("time");
        }
        return (int) d.toMillis();
    }

    private static String isoTime(Duration d) {
        if (d.isNegative() || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new PgText.Unconvertible("time");
        }
        return LocalTime.of(0, 0).plus(d).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_TIME);
    }

    /** timestamp with {@code precision} fractional digits (6 when undeclared). */
    static Codec timestamp(TimePrecision mode, int precision) {
        switch (mode) {
        case ISOSTRING:
            return new Codec(named(Type.STRING, "io.debezium.time.IsoTimestamp"),
                    (s, p) -> timestamp(s, p).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    "1970-01-01T00:00:00Z", null,
                    e -> Defaults.timestamp(e).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        case CONNECT:
            return millisTimestamp("org.apache.kafka.connect.data.Timestamp");
        case MICROSECONDS:
            return microTimestamp();
        case NANOSECONDS:
            return nanoTimestamp();
        default:
            return precision <= 3 ? millisTimestamp("io.debezium.time.Timestamp")
                    : precision <= 6 ? microTimestamp() : nanoTimestamp();
        }
    }

    private static Codec millisTimestamp(String name) {
        return new Codec(named(Type.INT64, name), (s, p) -> timestamp(s, p).toInstant(ZoneOffset.UTC).toEpochMilli(),
                0L, null, e -> Defaults.timestamp(e).toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    private static Codec microTimestamp() {
        return new Codec(named(Type.INT64, "io.debezium.time.MicroTimestamp"),
                (s, p) -> Temporals.micros(timestamp(s, p).toInstant(ZoneOffset.UTC)), 0L, null,
                e -> Temporals.micros(Defaults.timestamp(e).toInstant(ZoneOffset.UTC)));
    }

    private static Codec nanoTimestamp() {
        return new Codec(named(Type.INT64, "io.debezium.time.NanoTimestamp"), (s, p) -> nanos(timestamp(s, p)), 0L,
                null, e -> nanos(Defaults.timestamp(e)));
    }

    private static long nanos(LocalDateTime t) {
        return t.toLocalDate().toEpochDay() * NANOS_PER_DAY + t.toLocalTime().toNanoOfDay();
    }

    private static LocalDateTime timestamp(String s, Path p) {
        return p == Path.STREAM ? LocalDateTime.ofInstant(Temporals.timestamp(s), ZoneOffset.UTC)
                : Temporals.jdbcTimestamp(s);
    }

    /** timestamptz: a UTC string with {@code precision} fractional digits (6 when undeclared). */
    static Codec timestamptz(int precision) {
        DateTimeFormatter f = zonedFormatter(precision);
        return new Codec(named(Type.STRING, "io.debezium.time.ZonedTimestamp"), (s, p) -> {
            OffsetDateTime t = p == Path.STREAM ? Temporals.timestamptz(s) : Temporals.jdbcTimestamptz(s);
            return t == null ? s : t.toZonedDateTime().format(f);
        }, "1970-01-01T00:00:00Z", null, e -> Defaults.timestamptz(e).format(f));
    }

    private static DateTimeFormatter zonedFormatter(int width) {
        if (width <= 0 || width > 9) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        }
        DateTimeFormatter time = new DateTimeFormatterBuilder().appendValue(ChronoField.HOUR_OF_DAY, 2)
                .appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalStart().appendLiteral(':')
                .appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalStart()
                .appendFraction(ChronoField.NANO_OF_SECOND, width, width, true).toFormatter(Locale.ENGLISH);
        DateTimeFormatter dateTime = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').append(time).toFormatter(Locale.ENGLISH);
        return new DateTimeFormatterBuilder().parseCaseInsensitive().append(dateTime).parseLenient()
                .appendOffsetId().parseStrict().toFormatter(Locale.ENGLISH);
    }

    /** timetz: a UTC string. */
    static Codec timetz() {
        return new Codec(named(Type.STRING, "io.debezium.time.ZonedTime"), (s, p) -> {
            OffsetTime t = Temporals.timetz(s, p != Path.STREAM);
            if (p == Path.ELEMENT) {
                // an element comes as java.sql.Time, and Debezium takes its toLocalTime(): whole seconds
                t = t.withNano(0);
            }
            return t.format(DateTimeFormatter.ISO_OFFSET_TIME);
        }, "00:00:00Z", null, null);
    }

    static Codec interval(IntervalHandling mode) {
        if (mode == IntervalHandling.STRING) {
            return new Codec(named(Type.STRING, "io.debezium.time.Interval"), (s, p) -> iso(PgText.interval(s)),
                    "P0Y0M0DT0H0M0S", null, e -> iso(PgText.interval(Defaults.literal(e, "epoch"))));
        }
        return new Codec(named(Type.INT64, "io.debezium.time.MicroDuration"), (s, p) -> micros(PgText.interval(s)),
                0L, null, e -> micros(PgText.interval(Defaults.literal(e, "epoch"))));
    }

    /** Debezium's MicroDuration: months as 30.4375 days, in doubles. */
    private static long micros(PgText.Interval i) {
        double days = ((i.years() * 12) + i.months()) * DAYS_PER_MONTH_AVG + i.days();
        double seconds = (((days * 24 + i.hours()) * 60) + i.minutes()) * 60 + i.seconds();
        return (long) (seconds * 1e6 + 0);
    }

    private static String iso(PgText.Interval i) {
        BigDecimal seconds = BigDecimal.valueOf(i.seconds());
        if (seconds.scale() > 9) {
            seconds = seconds.setScale(9, RoundingMode.DOWN);
        }
        return "P" + i.years() + "Y" + i.months() + "M" + i.days() + "D" + "T" + i.hours() + "H" + i.minutes() + "M"
                + seconds.stripTrailingZeros().toPlainString() + "S";
    }
}
