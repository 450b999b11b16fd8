package io.walscope.core.debezium;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column defaults read the way Debezium's PostgreSQL connector reads them (its default value converter): a quoted
 * literal is taken from {@code 'literal'::type}, an unquoted one as it stands, {@code NULL::type} as no default,
 * and a function call ({@code nextval(...)}, {@code now()}, {@code CURRENT_DATE}) as the type's placeholder (zero,
 * the epoch): Debezium puts those placeholders in the schema.
 */
final class Defaults {
    private static final Pattern LITERAL = Pattern.compile("'(.*?)'");
    private static final Pattern FUNCTION = Pattern.compile("^[(]?[A-Za-z0-9_.]+\\((?:.+(?:, ?.+)*)?\\)");
    private static final Set<String> CURRENT = Set.of("current_timestamp", "current_time", "current_date",
            "localtime", "localtimestamp");
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 10, java.time.format.SignStyle.NEVER).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2)
            .optionalStart().appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd().toFormatter(Locale.ROOT);

    private Defaults() {
    }

    /** Debezium's {@code extractDefault(expression, placeholder)}; null for {@code NULL::type}. */
    static String literal(String expression, String placeholder) {
        String e = expression.trim();
        if (FUNCTION.matcher(e).find() || CURRENT.contains(e.toLowerCase(Locale.ROOT))) {
            return placeholder;
        }
        if (!e.contains("'")) {
            return e.startsWith("NULL::") ? null : e;
        }
        Matcher m = LITERAL.matcher(e);
        if (!m.find()) {
            throw new PgText.Unconvertible("default");
        }
        return m.group(1);
    }

    /** An enum label from {@code 'label'::typname} (the type unqualified, as Debezium matches it), else null. */
    static String enumLabel(String typname, String expression) {
        String suffix = "::" + typname;
        if (!expression.endsWith(suffix)) {
            return null;
        }
        String v = expression.substring(0, expression.length() - suffix.length());
        return v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : null;
    }

    static LocalDate date(String expression) {
        return dateTime(literal(expression, "1970-01-01")).toLocalDate();
    }

    static LocalTime time(String expression) {
        String v = literal(expression, "00:00");
        if (v.startsWith("24:00")) {
            return LocalTime.MAX;
        }
        return LocalTime.parse(v);
    }

    /** A timestamp default: its date-time, any offset dropped. */
    static LocalDateTime timestamp(String expression) {
        return dateTime(literal(expression, "1970-01-01"));
    }

    /** A timestamptz default at UTC. */
    static ZonedDateTime timestamptz(String expression) {
        String v = literal(expression, "1970-01-01");
        java.time.temporal.TemporalAccessor t = DATE_TIME.parse(v);
        LocalDateTime ldt = dateTime(v);
        ZoneOffset off = t.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return OffsetDateTime.of(ldt, off).atZoneSameInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime dateTime(String v) {
        java.time.temporal.TemporalAccessor t = DATE_TIME.parse(v);
        LocalDate d = LocalDate.from(t);
        LocalTime time = t.isSupported(ChronoField.NANO_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
        return LocalDateTime.of(d, time);
    }
}
