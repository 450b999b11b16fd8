package io.walscope.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.walscope.core.check.Scripts;
import io.walscope.core.output.OutputIdentity;
import io.walscope.core.pg.stream.PollOptions;
import io.walscope.core.pg.stream.TimestampPoller;

/**
 * {@code walscope tail [conn] --poll [--poll-column C] [--poll-interval SECONDS] [--poll-delay SECONDS]
 * [--table S.T]... [--snapshot] [--max-events N] [--format jsonl|debezium] [--output FILE]}: timestamp polling
 * for servers without logical decoding. Rows come as {@code read} changes in the tail's line format; deletes are
 * not seen, and the first stderr line says so. Ends with the tail's final line; Ctrl-C flushes and exits 0.
 */
final class PollTail {
    /** The tail options that belong to logical decoding. */
    private static final List<String> SLOT_ONLY = List.of("--slot", "--create-slot", "--plugin", "--publication",
            "--from-lsn", "--until-lsn");

    private PollTail() {
    }

    static int run(Cli cli, List<String> args) throws Exception {
        for (String f : SLOT_ONLY) {
            if (args.contains(f)) {
                throw new UsageException(f + " does not apply to --poll: timestamp polling reads tables, not a"
                        + " replication slot; leave " + f + " out, or drop --poll to use logical decoding.");
            }
        }
        Args a = new Args(args);
        a.flag("--poll");
        String column = a.option("--poll-column", Scripts.LAST_UPDATE_COLUMN);
        Duration interval = parseSeconds(a.option("--poll-interval", "1"), "--poll-interval", false);
        Duration delay = parseSeconds(a.option("--poll-delay", "1"), "--poll-delay", true);
        List<String> tables = a.options("--table");
        long max = a.longOption("--max-events", -1);
        boolean snapshot = a.flag("--snapshot");
        TailFormat format = TailFormat.take(a, args);
        String output = a.option("--output", null);
        Duration fsync = TailOutput.fsyncInterval(a.option("--fsync-interval", null));
        a.noneLeft();
        if (max == 0 || max < -1) {
            throw new UsageException("--max-events takes a positive number.");
        }
        for (String t : tables) {
            if (t.isBlank()) {
                throw new UsageException("--table takes SCHEMA.TABLE.");
            }
        }
        if (column.isBlank()) {
            throw new UsageException("--poll-column takes a column name, such as last_update.");
        }
        Cli.Target target = cli.target();
        PollOptions o = new PollOptions().column(column).interval(interval).delay(delay).tables(tables)
                .snapshot(snapshot).maxEvents(max);
        TimestampPoller poller = new TimestampPoller(target.profile(), target.secrets(), o)
                .onStarted(names -> {
                    cli.err().println(startLine(names, column, interval));
                    cli.err().flush();
                })
                .onNotice(n -> {
                    cli.err().println("walscope tail: note: " + n);
                    cli.err().flush();
                });
        try (TailOutput out = TailOutput.open(cli, target, output, format, fsync,
                (sysid, db) -> OutputIdentity.poll(sysid, db, format.name()))) {
            TailCommand.drain(cli, out, poller::cancel, poller::run);
        }
        return Command.OK;
    }

    /** {@code polling S.T, ... on last_update every 1 s — deletes are not seen (...); use logical decoding ...}. */
    static String startLine(List<String> tables, String column, Duration interval) {
        return "polling " + String.join(", ", tables) + " on " + column + " every " + PollOptions.seconds(interval)
                + " s \u2014 deletes are not seen (timestamp polling cannot see them); use logical decoding for"
                + " deletes";
    }

    private static Duration parseSeconds(String v, String flag, boolean zeroOk) throws UsageException {
        BigDecimal s;
        try {
            s = new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a number of seconds, such as 1 or 0.5; '" + v + "' is not one.");
        }
        if (s.signum() < 0 || !zeroOk && s.movePointRight(3).compareTo(BigDecimal.ONE) < 0
                || s.compareTo(BigDecimal.valueOf(86400)) > 0) {
            throw new UsageException(flag + " takes " + (zeroOk ? "0" : "0.001") + " to 86400 seconds; '" + v
                    + "' is out of range.");
        }
        return Duration.ofMillis(s.movePointRight(3).longValue());
    }
}
