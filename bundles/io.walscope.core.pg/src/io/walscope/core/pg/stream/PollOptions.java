package io.walscope.core.pg.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.check.Scripts;

/**
 * What {@link TimestampPoller} polls and how: the timestamp column (default {@code last_update}, the column
 * {@code walscope script last-update} adds), the tables (default: every table of the schemas that has the
 * column), the interval between polls, the safety delay, the batch size, where to start, and when to stop.
 * Fluent setters.
 */
public final class PollOptions {
    String column = Scripts.LAST_UPDATE_COLUMN;
    List<String> tables = new ArrayList<>();
    List<String> schemas;
    Duration interval = Duration.ofSeconds(1);
    Duration delay = Duration.ofSeconds(1);
    int batchSize = 1000;
    boolean snapshot;
    long maxEvents = -1;

    /** The timestamp column ({@code timestamptz} or {@code timestamp}); default {@code last_update}. */
    public PollOptions column(String name) {
        this.column = name;
        return this;
    }

    public String column() {
        return column;
    }

    /** Only these tables ({@code schema.table}, or a bare name in the first schema); when empty, see {@link #schemas}. */
    public PollOptions tables(List<String> t) {
        this.tables = new ArrayList<>(t);
        return this;
    }

    /** The schemas whose tables with the column are polled when no table is named (null: the profile's). */
    public PollOptions schemas(List<String> s) {
        this.schemas = s == null ? null : new ArrayList<>(s);
        return this;
    }

    /** The pause between polls (default 1 s). */
    public PollOptions interval(Duration d) {
        this.interval = d;
        return this;
    }

    public Duration interval() {
        return interval;
    }

    /**
     * The safety delay (default 1 s): a poll reads only rows whose timestamp is older than {@code now() - delay}
     * and older than the start of every transaction still open in the database (when {@code pg_stat_activity}
     * shows it), so a transaction that commits after the poll is not skipped. Where other sessions' transactions
     * are hidden (a role without {@code pg_read_all_stats}), the delay alone protects: make it longer than the
     * longest writing transaction.
     */
    public PollOptions delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** Rows fetched per query (default 1000): memory stays bounded whatever the table size. */
    public PollOptions batchSize(int n) {
        this.batchSize = n;
        return this;
    }

    /** Starts from the beginning (every row) instead of now (only rows changed from now on). */
    public PollOptions snapshot(boolean b) {
        this.snapshot = b;
        return this;
    }

    /** A duration as people write seconds: {@code 1}, {@code 0.5}, {@code 2.25}. */
    public static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** Stops after this many rows (-1: never). */
    public PollOptions maxEvents(long n) {
        this.maxEvents = n;
        return this;
    }
}
