package io.walscope.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.stream.ChangeStream;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.pg.stream.StreamResult;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.JsonLinesWriter;
import io.walscope.core.stream.Lsn;

/**
 * {@code walscope tail [conn] --plugin P [--slot NAME [--create-slot]] [--publication NAME] [--table S.T]...
 * [--from-lsn L] [--until-lsn L] [--max-events N] [--snapshot] [--format jsonl|debezium] [--output FILE]}: the
 * decoded change stream as JSON Lines. Ends with one line on stderr:
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
    public int run(Cli cli, List<String> args) throws Exception {
        if (args.contains("--poll")) {
            return PollTail.run(cli, args);
        }
        Args a = new Args(args);
        StreamOptions o = new StreamOptions();
        String pluginName = a.option("--plugin", null);
        String slot = a.option("--slot", null);
        boolean create = a.flag("--create-slot");
        String publication = a.option("--publication", "dbz_publication");
        List<String> tables = a.options("--table");
        String from = a.option("--from-lsn", null);
        String until = a.option("--until-lsn", null);
        long max = a.longOption("--max-events", -1);
        boolean snapshot = a.flag("--snapshot");
        String format = a.option("--format", "jsonl");
        String output = a.option("--output", null);
        a.noneLeft();
        if (create && slot == null) {
            throw new UsageException("--create-slot needs --slot NAME (without --slot a temporary slot is used).");
        }
        JsonLinesWriter.Format fmt;
        try {
            fmt = JsonLinesWriter.Format.parse(format);
            o.fromLsn(from == null ? 0 : Lsn.parse(from)).untilLsn(until == null ? 0 : Lsn.parse(until));
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
        o.plugin(plugin).slot(slot).createSlot(create).publication(publication).tables(tables).maxEvents(max)
                .snapshot(snapshot);
        if (cli.connection().demo() && plugin == Plugin.PGOUTPUT) {
            demoPublication(cli, target, publication);
        }
        ChangeStream stream = new ChangeStream(target.profile(), target.secrets(), o);
        drain(cli, output, fmt, target.profile().getDatabase(), stream::cancel, stream::run);
        return OK;
    }

    /** A source of changes run to its end (a change stream or a poller). */
    interface Source {
        StreamResult run(ChangeListener listener) throws WalscopeException;
    }

    /**
     * Runs {@code source} into JSON Lines on {@code output} (stdout for null or "-"), prints the final line on
     * stderr; Ctrl-C ({@code cancel}) flushes what was written and exits 0.
     */
    static void drain(Cli cli, String output, JsonLinesWriter.Format fmt, String database, Runnable cancel,
            Source source) throws Exception {
        OutputStream raw = output == null || output.equals("-") ? cli.out() : open(output);
        try (CtrlC ctrlC = new CtrlC(cancel)) {
            StreamResult r;
            try (OutputStream out = new BufferedOutputStream(raw, 1 << 20);
                    JsonLinesWriter w = new JsonLinesWriter(out, fmt, database)) {
                r = source.run(w);
            } finally {
                if (raw != cli.out()) {
                    raw.close();
                }
            }
            cli.err().println(r.summaryLine());
            cli.err().flush();
            ctrlC.finished();
        }
    }

    static OutputStream open(String file) throws WalscopeException {
        try {
            return new FileOutputStream(file);
        } catch (IOException e) {
            throw new WalscopeException("Cannot write " + file + ": " + e.getMessage(), e);
        }
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
