package io.walscope.cli;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.Progress;
import io.walscope.core.pg.setup.VerifyOperation;
import io.walscope.core.setup.VerifyResult;

/**
 * {@code walscope verify [conn] [--plugin P] [--schema S] [--timeout SECONDS] [--json]}: the source guide's test of
 * the plugin, done for real (see {@link VerifyOperation}). Exit 0 when the changes came back as written, 1 when
 * they did not (one sentence why), 2 for usage and connection errors.
 */
final class VerifyCommand implements Command {
    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "test the plugin for real: slot, test table, insert/update/delete read back and compared, all dropped";
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.value("--plugin", "P", "the plugin to test", "pgoutput", "wal2json", "decoderbufs",
                "test_decoding"),
                Opt.value("--schema", "S", "where the test table goes (default the profile's first schema)"),
                Opt.value("--timeout", "SECONDS", "how long to wait for the changes to come back (default 30)"),
                Opt.flag("--json", "print JSON: the plugin, the changes written and read, ok, the reason"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean json = a.flag("--json");
        long timeout = a.longOption("--timeout", 30);
        if (timeout < 1) {
            throw new UsageException("--timeout takes a number of seconds of at least 1.");
        }
        Cli.Target t = cli.target();
        CheckOptions o = CheckOutput.options(a, t);
        a.noneLeft();
        // the test table goes into the first schema (the profile's first, or --schema)
        String schema = o.schemas().get(0);
        VerifyOperation op = new VerifyOperation(t.profile(), t.secrets(), o.plugin(), schema)
                .timeout(Duration.ofSeconds(timeout));
        Progress p = json ? Progress.NONE : new Progress() {
            @Override
            public void subTask(String name) {
                cli.err().println("  " + name);
            }
        };
        if (!json) {
            cli.err().println("Testing " + o.plugin().id() + " on " + t.profile().describe() + " (test table "
                    + op.plan().table() + ")");
        }
        VerifyResult r = op.run(p);
        if (json) {
            cli.out().println(json(r));
        } else {
            text(cli, r);
        }
        if (!r.ok()) {
            cli.err().println("walscope verify: " + r.reason());
            return FINDINGS;
        }
        return OK;
    }

    private static void text(Cli cli, VerifyResult r) {
        if (!r.changes().isEmpty()) {
            cli.out().println("Decoded by " + r.plugin() + " (as 'walscope tail' prints them):");
            r.changes().forEach(cli.out()::println);
        }
        if (!r.verdict().isEmpty()) {
            cli.out().println("Compared with what was written:");
            r.verdict().forEach(l -> cli.out().println("  " + l));
        }
        cli.out().println("Cleanup: " + (r.cleanup().isEmpty() ? "nothing to do" : String.join("; ", r.cleanup())));
        if (!r.leftovers().isEmpty()) {
            cli.out().println("Left on the server; drop it with:");
            r.leftovers().forEach(s -> cli.out().println("  " + s + ";"));
        }
        if (r.ok()) {
            cli.out().println("ok: the changes came back through " + r.plugin() + " as written (PostgreSQL "
                    + r.serverVersion() + ", read as " + r.reader() + "); nothing is left on the server.");
        }
    }

    static String json(VerifyResult r) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = m.createObjectNode();
        o.put("ok", r.ok());
        o.put("reason", r.reason());
        o.put("plugin", r.plugin());
        o.put("server_version", r.serverVersion());
        o.put("user", r.reader());
        o.put("table", r.table());
        o.put("publication", r.publication());
        o.put("slot", r.slot());
        ArrayNode changes = o.putArray("changes");
        for (String line : r.changes()) {
            changes.add(m.readTree(line));
        }
        ArrayNode verdict = o.putArray("verdict");
        r.verdict().forEach(verdict::add);
        ArrayNode cleanup = o.putArray("cleanup");
        r.cleanup().forEach(cleanup::add);
        ArrayNode left = o.putArray("left_on_server");
        r.leftovers().forEach(left::add);
        o.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        return m.writeValueAsString(o);
    }
}
