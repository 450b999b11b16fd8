package io.walscope.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

import io.walscope.core.debezium.DebeziumOptions;
import io.walscope.core.debezium.DebeziumWriter;
import io.walscope.core.pg.catalog.DebeziumTables;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.JsonLinesWriter;

/**
 * {@code --format jsonl|debezium} and the options of {@code debezium}, named after Debezium's own:
 * {@code --topic-prefix NAME}, {@code --schemas true|false}, {@code --decimal-handling precise|string|double},
 * {@code --time-precision adaptive|adaptive_time_microseconds|connect|isostring|microseconds|nanoseconds},
 * {@code --interval-handling numeric|string}, {@code --binary-handling bytes|base64|base64-url-safe|hex},
 * {@code --skipped-operations c,u,d,t|none}, {@code --unavailable-value-placeholder TEXT}, {@code --with-key},
 * {@code --messages}. Opens the writer the tail writes with.
 */
final class TailFormat {
    /** A writer of the chosen format: the listener to stream into, and what closes it (flushing the output). */
    record Sink(ChangeListener listener, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private static final List<String> DEBEZIUM_ONLY = List.of("--topic-prefix", "--schemas", "--decimal-handling",
            "--time-precision", "--interval-handling", "--binary-handling", "--skipped-operations",
            "--unavailable-value-placeholder", "--with-key", "--messages");

    /** Null for Walscope's own lines. */
    private final DebeziumOptions debezium;

    /** True for {@code --format clickhouse} (issue 13: {@link ClickHouseTail}). */
    private final boolean clickhouse;

    private TailFormat(DebeziumOptions debezium) {
        this(debezium, false);
    }

    private TailFormat(DebeziumOptions debezium, boolean clickhouse) {
        this.debezium = debezium;
        this.clickhouse = clickhouse;
    }

    boolean isClickHouse() {
        return clickhouse;
    }

    /** Whether the writer works from PostgreSQL's text (pgoutput must not send binary). */
    boolean needsText() {
        return debezium != null || clickhouse;
    }

    boolean isDebezium() {
        return debezium != null;
    }

    /** {@code jsonl} or {@code debezium}: what a file written in this format records (a resumed file must match). */
    String name() {
        return clickhouse ? "clickhouse" : debezium == null ? "jsonl" : "debezium";
    }

    /** Takes {@code --format} and the Debezium options out of {@code a}. */
    static TailFormat take(Args a, List<String> args) throws UsageException {
        String format = a.option("--format", "jsonl");
        if (format.equals("jsonl") || format.equals("clickhouse")) {
            for (String f : DEBEZIUM_ONLY) {
                if (args.contains(f) || args.stream().anyMatch(x -> x.startsWith(f + "="))) {
                    throw new UsageException(f + " applies to --format debezium only; add --format debezium or leave "
                            + f + " out.");
                }
            }
            return new TailFormat(null, format.equals("clickhouse"));
        }
        if (!format.equals("debezium")) {
            throw new UsageException("Unknown format '" + format + "': choose jsonl, debezium or clickhouse.");
        }
        try {
            DebeziumOptions o = new DebeziumOptions(a.option("--topic-prefix", "walscope"),
                    DebeziumOptions.parseBoolean("--schemas", a.option("--schemas", "true")),
                    DebeziumOptions.parseMode("--decimal-handling", DebeziumOptions.DecimalHandling.class,
                            a.option("--decimal-handling", "precise")),
                    DebeziumOptions.parseMode("--time-precision", DebeziumOptions.TimePrecision.class,
                            a.option("--time-precision", "adaptive")),
                    DebeziumOptions.parseMode("--interval-handling", DebeziumOptions.IntervalHandling.class,
                            a.option("--interval-handling", "numeric")),
                    DebeziumOptions.parseMode("--binary-handling", DebeziumOptions.BinaryHandling.class,
                            a.option("--binary-handling", "bytes")),
                    DebeziumOptions.parseSkipped(a.option("--skipped-operations", "t")),
                    placeholder(a.option("--unavailable-value-placeholder", DebeziumOptions.DEFAULT_PLACEHOLDER)),
                    a.flag("--with-key"), a.flag("--messages"), "");
            return new TailFormat(o);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Debezium's placeholder syntax: text, or {@code hex:} and the bytes in hex. */
    private static String placeholder(String v) {
        if (v.startsWith("hex:")) {
            try {
                return new String(HexFormat.of().parseHex(v.substring(4)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--unavailable-value-placeholder hex: takes hexadecimal bytes, such"
                        + " as hex:5f5f; '" + v + "' is not.");
            }
        }
        return v;
    }

    /**
     * The writer on {@code out}; Debezium's reads the tables' columns, defaults and keys over a connection of its
     * own, closed with the writer.
     */
    Sink open(Cli cli, Cli.Target target, OutputStream out) throws Exception {
        if (clickhouse) {
            return ClickHouseTail.shared(cli, target, out);
        }
        if (debezium == null) {
            JsonLinesWriter w = new JsonLinesWriter(out);
            return new Sink(w, w);
        }
        Connection catalog = cli.connect(target);
        DebeziumWriter w;
        try {
            String db = target.profile().getDatabase();
            w = new DebeziumWriter(out, debezium.withDatabase(db == null ? "" : db), new DebeziumTables(catalog));
        } catch (Exception e) {
            closeQuietly(catalog);
            throw e;
        }
        return new Sink(w, () -> {
            try {
                w.close();
            } finally {
                closeQuietly(catalog);
            }
        });
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing
        }
    }
}
