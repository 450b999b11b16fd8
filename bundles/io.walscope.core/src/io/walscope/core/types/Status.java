package io.walscope.core.types;

/**
 * How completely a PostgreSQL type survives the trip to Walscope's JSON and to the mapped ClickHouse column.
 * <p>
 * The rule: the status is about the values the declared type admits. {@link #LOSSY} means some ordinary finite
 * value of the declared type cannot be held exactly by the JSON form or the ClickHouse type (for example an
 * unbounded {@code numeric} with more than 38 fractional digits in {@code Decimal(76,38)}, or a NULL array that
 * ClickHouse must load as {@code []}). Special values that every target lacks &mdash; {@code NaN}, {@code ±Infinity},
 * {@code infinity} timestamps, and calendar values outside ClickHouse's {@code Date32}/{@code DateTime64} range
 * (1900&ndash;2299) &mdash; are called out in the note but do not by themselves make a mapping lossy, otherwise every
 * numeric and timestamp column would be flagged and the flag would carry no information.
 */
public enum Status {
    /** Every value converts exactly to JSON and to the ClickHouse column. */
    FULL,
    /** Values convert, but some lose information (the note says which and why). */
    LOSSY,
    /** Walscope cannot represent the values; the column is emitted as PostgreSQL's text, if at all. */
    UNSUPPORTED;

    /** The lower-case label used in the CLI's JSON ({@code full|lossy|unsupported}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The worse of two statuses. */
    public Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
