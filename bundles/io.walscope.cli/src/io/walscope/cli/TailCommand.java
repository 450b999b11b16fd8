package io.walscope.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.walscope.core.WalscopeException;
import io.walscope.core.output.OutputIdentity;
import io.walscope.core.pg.stream.ChangeStream;
import io.walscope.core.pg.stream.Heartbeat;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.pg.stream.StreamResult;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Lsn;

/**
 * {@code walscope tail [conn] --plugin P [--slot NAME [--create-slot] [--failover]] [--publication NAME] [--table S.T]...
 * [--from-lsn L] [--until-lsn L] [--max-events N] [--snapshot] [--format jsonl|debezium [options]|clickhouse]
 * [--output FILE | --output-dir DIR] [--fsync-interval S]}: the decoded change stream as JSON Lines ({@link TailFormat}: Debezium's
 * options); a file is appended to exactly once ({@link TailOutput}); {@code --heartbeat SECONDS}: a
 * {@link Heartbeat} in the tailed database, so a slot of a quiet database advances. Ends with one line on stderr:
 * {@code events=N transactions=M seconds=S events_per_s=R}. Ctrl-C flushes what was written and exits 0.
 * With {@code --poll}: timestamp polling instead of a slot ({@link PollTail}).
 */
final class TailCommand implements Command {
    @Override
    public String name() {
        return "tail";
    }

    @Override
    public String summary() {
        return "stream decoded changes as JSON Lines (pgoutput, wal2json, decoderbufs, test_decoding; --poll: timestamp polling)";
    }

    @Override
    public String synopsis() {
        return "[connection] --plugin P [--slot NAME [--create-slot]] [--output FILE] [options]"
                + "\n       walscope tail [connection] --poll [--table S.T]... [options]";
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.value("--plugin", "P", "the decoding plugin (default the profile's)", "pgoutput", "wal2json", "decoderbufs", "test_decoding"),
                Opt.value("--slot", "NAME", "a persistent slot (resumed where it stopped); without it a temporary one"),
                Opt.flag("--create-slot", "create --slot when it does not exist"),
                Opt.flag("--failover", "a failover slot (17+): it survives a promotion of the standby"),
                Opt.value("--publication", "NAME", "pgoutput's publication; repeatable, or a,b (default: dbz_publication"
                        + " and dbz_publication_root, those that exist, as apply creates them)"),
                Opt.value("--table", "S.T", "only this table (repeatable)"),
                Opt.value("--from-lsn", "L", "start after this LSN"),
                Opt.value("--until-lsn", "L", "stop at this LSN"),
                Opt.value("--max-events", "N", "stop at the first transaction end after N changes"),
                Opt.flag("--snapshot", "read the tables first (a new slot's snapshot)"),
                Opt.value("--format", "F", "line format", "jsonl", "debezium", "clickhouse"),
                Opt.value("--topic-prefix", "NAME", "debezium: first part of schema names and source.name (default walscope)"),
                Opt.value("--schemas", "B", "debezium: JsonConverter's schemas.enable (default true)", "true", "false"),
                Opt.value("--decimal-handling", "MODE", "debezium: decimal.handling.mode", "precise", "string", "double"),
                Opt.value("--time-precision", "MODE", "debezium: time.precision.mode", "adaptive",
                        "adaptive_time_microseconds", "connect", "isostring", "microseconds", "nanoseconds"),
                Opt.value("--interval-handling", "MODE", "debezium: interval.handling.mode", "numeric", "string"),
                Opt.value("--binary-handling", "MODE", "debezium: binary.handling.mode", "bytes", "base64",
                        "base64-url-safe", "hex"),
                Opt.value("--skipped-operations", "OPS", "debezium: skipped.operations (default t; none)"),
                Opt.value("--unavailable-value-placeholder", "TEXT", "debezium: the unchanged-TOAST placeholder"),
                Opt.flag("--with-key", "debezium: {key, value} lines and a tombstone after each delete"),
                Opt.flag("--messages", "debezium: logical decoding messages as Debezium's message records"),
                Opt.file("--output", "FILE", "append to FILE exactly once (resumes after its last whole transaction)"),
                Opt.dir("--output-dir", "DIR", "clickhouse: DIR/<schema>.<table>.jsonl and .sql (its DDL), exactly once"),
                Opt.value("--fsync-interval", "S", "fsync FILE at most every S seconds (default: every confirmation;"
                        + " 0: never)"),
                Opt.value("--heartbeat", "S", "emit a heartbeat message in the database every S seconds (a slot of a quiet"
                        + " database advances)"),
                Opt.flag("--poll", "timestamp polling instead of a slot (deletes are not seen)"),
                Opt.value("--poll-column", "C", "the timestamp column (default last_update)"),
                Opt.value("--poll-interval", "S", "seconds between polls (default 1)"),
                Opt.value("--poll-delay", "S", "read only rows older than S seconds (default 1)"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        if (args.contains("--poll")) {
            return PollTail.run(cli, args);
        }
        Args a = new Args(args);
        StreamOptions o = new StreamOptions();
        String pluginName = a.option("--plugin", null);
        String slot = a.option("--slot", null);
        boolean create = a.flag("--create-slot");
        List<String> publications = a.options("--publication");
        if (!publications.isEmpty() && String.join("", publications).replace(",", "").isBlank()) {
            throw new UsageException("--publication needs a name (repeat it, or a,b, for several).");
        }
        List<String> tables = a.options("--table");
        String from = a.option("--from-lsn", null);
        String until = a.option("--until-lsn", null);
        long max = a.longOption("--max-events", -1);
        boolean snapshot = a.flag("--snapshot");
        TailFormat format = TailFormat.take(a, args);
        String output = a.option("--output", null);
        String outputDir = ClickHouseTail.outputDir(a, format, output); // issue 13
        Duration fsync = TailOutput.fsyncInterval(a.option("--fsync-interval", null)); // exactly-once output
        long heartbeat = a.longOption("--heartbeat", 0); // slot health: a heartbeat message every N s
        // replicated architectures (issue 14): failover slots, notices about standbys and failovers
        boolean failover = a.flag("--failover");
        o.failover(failover).notices(n -> cli.err().println("walscope tail: " + n));
        a.noneLeft();
        if (heartbeat < 0) {
            throw new UsageException("--heartbeat takes a number of seconds.");
        }
        if (create && slot == null) {
            throw new UsageException("--create-slot needs --slot NAME (without --slot a temporary slot is used).");
        }
        if (failover && slot == null) {
            throw new UsageException("--failover needs --slot NAME (with --create-slot for a new one): a temporary slot"
                    + " cannot fail over.");
        }
        long fromLsn;
        try {
            fromLsn = from == null ? 0 : Lsn.parse(from);
            o.fromLsn(fromLsn).untilLsn(until == null ? 0 : Lsn.parse(until));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (max == 0 || max < -1) {
            throw new UsageException("--max-events takes a positive number.");
        }
        for (String t : tables) {
            if (t.isBlank()) {
                throw new UsageException("--table takes SCHEMA.TABLE.");
            }
        }
        Cli.Target target = cli.target();
        Plugin plugin;
        try {
            plugin = pluginName == null ? target.profile().getPlugin() : Plugin.parse(pluginName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!plugin.canTail()) {
            throw new UsageException("walminer cannot be tailed: it reads WAL files through SQL functions, not a"
                    + " replication slot. Choose pgoutput, wal2json, decoderbufs or test_decoding.");
        }
        o.plugin(plugin).slot(slot).createSlot(create).tables(tables).maxEvents(max).snapshot(snapshot);
        if (!publications.isEmpty()) {
            o.publications(publications);
        }
        if (format.needsText()) {
            o.binary(false); // Debezium's and ClickHouse's values are made from PostgreSQL's text
        }
        if (cli.connection().demo() && plugin == Plugin.PGOUTPUT) {
            demoPublication(cli, target, o.publications().get(0));
        }
        try (TailOutput out = outputDir != null ? ClickHouseTail.openDir(cli, target, outputDir, fsync,
                (sysid, db) -> OutputIdentity.slot(slot, sysid, db, plugin.id(), format.name()))
                : TailOutput.open(cli, target, output, format, fsync,
                (sysid, db) -> OutputIdentity.slot(slot, sysid, db, plugin.id(), format.name()));
                Heartbeat hb = heartbeat == 0 ? null : Heartbeat.start(target.profile(), target.secrets(),
                        Duration.ofSeconds(heartbeat), cli.err()::println)) {
            if (slot != null && Long.compareUnsigned(out.resumeLsn(), fromLsn) > 0) {
                o.fromLsn(out.resumeLsn()); // after the file's last complete transaction, whatever the slot says
            }
            ChangeStream stream = new ChangeStream(target.profile(), target.secrets(), o);
            drain(cli, out, stream::cancel, stream::run);
        }
        return OK;
    }

    /** A source of changes run to its end (a change stream or a poller). */
    interface Source {
        StreamResult run(ChangeListener listener) throws WalscopeException;
    }

    /**
     * Runs {@code source} into {@code out}, ends the output (an unfinished transaction cut off, fsync), prints the
     * final line on stderr; Ctrl-C ({@code cancel}) ends the same way and exits 0.
     */
    static void drain(Cli cli, TailOutput out, Runnable cancel, Source source) throws Exception {
        try (CtrlC ctrlC = new CtrlC(cancel)) {
            StreamResult r;
            try {
                r = source.run(out.listener());
            } catch (Exception | Error e) {
                try {
                    out.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            out.close();
            cli.err().println(r.summaryLine());
            cli.err().flush();
            ctrlC.finished();
        }
    }

    /** Opens {@code file} for appending (a plain stream; {@link TailOutput} is the exactly-once one). */
    static java.io.OutputStream open(String file) throws WalscopeException {
        return TailOutput.open(file);
    }

    /** The demo database is ours to set up: give it the publication pgoutput needs. */
    private static void demoPublication(Cli cli, Cli.Target t, String pub) throws Exception {
        try (Connection c = cli.connect(t); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_publication WHERE pubname = '"
                    + pub.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE PUBLICATION \"" + pub.replace("\"", "\"\"")
                    + "\" FOR ALL TABLES WITH (publish_via_partition_root = true)");
            cli.err().println("Created publication \"" + pub + "\" FOR ALL TABLES in the demo database.");
        }
    }
}
