package io.walscope.cli;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Scripts;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.check.ApplyReport;
import io.walscope.core.pg.check.CheckRunner;
import io.walscope.core.pg.check.FixApplier;
import io.walscope.core.pg.check.SlotCreator;

/**
 * {@code walscope apply [conn] [--schema S]... [--plugin P] [--only ID[,ID...]] [--subject S] [--dry-run]
 * [--create-slot NAME [--failover]]}:
 * applies the fixes of failing and warning findings (all, or the chosen ones), prints each statement and its
 * result, then checks again. Dropping a slot is never part of "all": it runs only when chosen by
 * {@code --only} or {@code --subject}.
 */
final class ApplyCommand implements Command {
    @Override
    public String name() {
        return "apply";
    }

    @Override
    public String summary() {
        return "apply the fixes of failing/warning findings in one transaction, then check again (--dry-run shows the SQL)";
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.value("--schema", "S", "a schema to check and fix (repeatable)"),
                Opt.value("--plugin", "P", "the plugin the pipeline will use", "pgoutput", "wal2json", "decoderbufs", "test_decoding"),
                Opt.value("--only", "ID[,ID]", "apply only these findings (check ids, repeatable)"),
                Opt.value("--subject", "S", "apply only the findings about this subject (repeatable)"),
                Opt.flag("--dry-run", "print the SQL, run nothing"),
                Opt.value("--create-slot", "NAME", "also create the pipeline's slot NAME"),
                Opt.flag("--failover", "with --create-slot: a failover slot (17+)"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean dryRun = a.flag("--dry-run");
        Set<String> only = new LinkedHashSet<>();
        for (String o : a.options("--only")) {
            for (String id : o.split(",")) {
                if (!id.isBlank()) {
                    only.add(id.trim());
                }
            }
        }
        Set<String> subjects = new LinkedHashSet<>(a.options("--subject"));
        String createSlot = a.option("--create-slot", null);
        boolean failover = a.flag("--failover");
        Cli.Target t = cli.target();
        CheckOptions o = CheckOutput.options(a, t);
        a.noneLeft();
        if (failover && createSlot == null) {
            throw new UsageException("--failover goes with --create-slot NAME: it makes the slot a failover slot"
                    + " (PostgreSQL 17+).");
        }
        FixApplier.ReplicationConnections replication = () -> new PgConnector().connectReplication(t.profile(), t.secrets());
        try (Connection c = cli.connect(t)) {
            int code = fixAndCheck(cli, c, t, o, only, subjects, dryRun, replication);
            if (createSlot != null) {
                // the slot the pipeline will read, made after the fixes (with --failover: kept by standbys that sync slots)
                cli.out().println(dryRun ? "Would run: " + SlotCreator.sql(createSlot, o.plugin(), failover) + ";"
                        : SlotCreator.create(c, replication, createSlot, o.plugin(), failover));
            }
            return code;
        }
    }

    private static int fixAndCheck(Cli cli, Connection c, Cli.Target t, CheckOptions o, Set<String> only,
            Set<String> subjects, boolean dryRun, FixApplier.ReplicationConnections replication) throws Exception {
        CheckRunner runner = new CheckRunner(t.profile(), t.secrets());
        CheckReport before = runner.run(c, o, Progress.NONE);
        List<Finding> chosen = new ArrayList<>();
        List<Finding> heldBack = new ArrayList<>();
        for (Finding f : before.fixable()) {
            boolean byId = only.contains(f.id());
            boolean bySubject = subjects.contains(f.subject());
            if ((!only.isEmpty() && !byId) || (!subjects.isEmpty() && !bySubject)) {
                continue;
            }
            if (f.fix().explicitOnly() && !byId && !bySubject) {
                heldBack.add(f);
            } else {
                chosen.add(f);
            }
        }
        for (Finding f : heldBack) {
            cli.out().println("Not applied unless chosen: " + f.id() + " " + f.subject() + " — " + f.message()
                    + " (choose it with --only " + f.id() + " --subject " + f.subject() + ")");
        }
        if (chosen.isEmpty()) {
            cli.out().println("Nothing to apply: no failing or warning finding with a fix"
                    + (only.isEmpty() && subjects.isEmpty() ? "" : " matches the selection") + ".");
            return before.hasFailures() ? FINDINGS : OK;
        }
        if (dryRun) {
            cli.out().print(Scripts.fixScript("Fixes for " + t.profile().describe() + " (dry run: nothing was changed)", chosen));
            return OK;
        }
        boolean superuser = ServerInfo.read(c).superuser();
        ApplyReport ar = FixApplier.apply(c, replication, chosen, superuser, Progress.NONE);
        for (ApplyReport.Step s : ar.steps()) {
            cli.out().printf("%-11s %s;%n            %s%n", s.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    CheckOutput.oneLine(s.sql()), s.message());
        }
        if (ar.failure() != null) {
            cli.err().println("walscope apply: " + ar.failure());
        }
        CheckReport after = runner.run(c, o, Progress.NONE);
        cli.out().println();
        cli.out().println("Checked again:");
        for (Finding f : chosen) {
            Finding now = after.find(f.id(), f.subject());
            cli.out().printf("  %-28s %-32s %s -> %s%n", f.id(), f.subject(), f.status().id(),
                    now == null ? "gone" : now.status().id());
        }
        cli.out().println(CheckOutput.summary(after));
        chosen.stream().filter(f -> f.fix().onPrimary()).findFirst().ifPresent(f -> cli.out().println("This server is a"
                + " standby: fixes marked for " + f.fix().primaryName() + " were not run here; run them there"
                + " ('walscope apply' on the primary, or the script of 'walscope apply --dry-run')."));
        if (ar.steps().stream().anyMatch(s -> s.outcome() == ApplyReport.Outcome.SKIPPED && !s.message().startsWith("not on this standby")
                && !s.message().startsWith("on this standby"))) {
            cli.out().println("Some fixes need a superuser or the owner: 'walscope apply --dry-run' prints them for a DBA.");
        }
        return ar.failure() != null || after.hasFailures() ? FINDINGS : OK;
    }
}
