package io.walscope.cli;

import java.sql.Connection;
import java.util.List;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Progress;
import io.walscope.core.pg.check.CheckRunner;

/**
 * {@code walscope check [conn] [--schema S]... [--plugin P] [--json]}: is this server ready for CDC?
 * Exit 0 when no finding fails, 1 when one does, 2 when it cannot check.
 */
final class CheckCommand implements Command {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "check a server for CDC: settings, role, grants, keys, replica identity, publications, plugin, pg_hba, slots";
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.value("--schema", "S", "a schema to check (repeatable; default the profile's)"),
                Opt.value("--plugin", "P", "the plugin the pipeline will use", "pgoutput", "wal2json", "decoderbufs", "test_decoding"),
                Opt.flag("--json", "print JSON: {server, findings: [{id, status, subject, message, fix}]}"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean json = a.flag("--json");
        Cli.Target t = cli.target();
        CheckOptions o = CheckOutput.options(a, t);
        a.noneLeft();
        CheckReport r;
        try (Connection c = cli.connect(t)) {
            r = new CheckRunner(t.profile(), t.secrets()).run(c, o, Progress.NONE);
        }
        if (json) {
            cli.out().println(CheckOutput.json(r));
        } else {
            cli.out().println("Checked " + t.profile().describe() + " for " + o.plugin().id() + ", schemas "
                    + String.join(", ", o.schemas()));
            CheckOutput.table(r, cli.out());
            if (!r.fixable().isEmpty()) {
                cli.out().println("Preview the fixes with 'walscope apply --dry-run', apply them with 'walscope apply'.");
            }
        }
        return r.hasFailures() ? FINDINGS : OK;
    }
}
