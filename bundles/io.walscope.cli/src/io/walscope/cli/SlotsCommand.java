package io.walscope.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.SlotHealth;
import io.walscope.core.check.SlotHealthChecks;
import io.walscope.core.check.SlotHealthReport;
import io.walscope.core.check.SlotHealthRules;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.SlotSample;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.check.SlotHealthReader;
import io.walscope.core.pg.check.SlotOps;

/**
 * {@code walscope slots [conn] [--json] [--window SECONDS]} lists every slot judged over a sampling window (lag,
 * WAL rate, time to loss, why it is stuck); {@code --watch SECONDS [--count N]} prints it every interval until
 * Ctrl-C; {@code walscope slots drop NAME} drops an inactive one.
 */
final class SlotsCommand implements Command {
    @Override
    public String name() {
        return "slots";
    }

    @Override
    public String summary() {
        return "the replication slots: retained WAL, lag, time to loss, why stuck (--watch N: every N s); 'slots drop NAME'";
    }

    @Override
    public String synopsis() {
        return "[connection] [--json] | drop NAME";
    }

    @Override
    public List<String> words() {
        return List.of("drop");
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.flag("--json", "print JSON, one object per slot"),
                Opt.value("--window", "S", "seconds between the two readings a slot is judged over (default 2)"),
                Opt.value("--watch", "S", "print the slots every S seconds until Ctrl-C"),
                Opt.value("--count", "N", "with --watch: stop after N tables"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean json = a.flag("--json");
        long window = a.longOption("--window", 2);
        long watch = a.longOption("--watch", 0);
        long count = a.longOption("--count", 0);
        List<String> words = a.positional();
        if (!words.isEmpty()) {
            if (!words.get(0).equals("drop") || words.size() != 2 || json) {
                throw new UsageException("Use 'walscope slots [--json] [--watch SECONDS]' or 'walscope slots drop NAME'.");
            }
            return drop(cli, words.get(1));
        }
        a.noneLeft();
        if (window < 1 || watch < 0 || count < 0 || (count > 0 && watch == 0)) {
            throw new UsageException("--window and --watch take a number of seconds (1 or more); --count needs --watch.");
        }
        Cli.Target t = cli.target();
        ObjectMapper m = new ObjectMapper();
        try (Connection c = cli.connect(t)) {
            if (watch > 0) {
                return watch(cli, c, m, json, watch, count);
            }
            SlotHealthReport r = SlotHealthReader.measure(c, Duration.ofSeconds(window), SlotHealthRules.OLD_AFTER);
            if (json) {
                cli.out().println(m.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(SlotsOutput.json(m, r.slots())));
                return OK;
            }
            if (r.slots().isEmpty()) {
                cli.out().println("No replication slots on " + t.profile().describe() + ".");
            } else {
                SlotsOutput.header(cli.out());
                r.slots().forEach(h -> SlotsOutput.row(cli.out(), h));
            }
            footer(cli, r);
            return OK;
        }
    }

    /** Every {@code seconds}: the slots judged over the last interval, until Ctrl-C (or {@code count} times). */
    private int watch(Cli cli, Connection c, ObjectMapper m, boolean json, long seconds, long count) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        SlotHealthReader reader = new SlotHealthReader(c);
        try (CtrlC ctrlC = new CtrlC(stop::countDown)) {
            SlotSample prev = sample(reader);
            for (long n = 0; (count == 0 || n < count) && !stop.await(seconds, TimeUnit.SECONDS); n++) {
                SlotSample next = sample(reader);
                List<SlotHealth> h = SlotHealthRules.assess(prev, next, SlotHealthRules.OLD_AFTER);
                if (json) {
                    cli.out().println(m.writeValueAsString(SlotsOutput.json(m, h)));
                } else {
                    cli.out().println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  WAL "
                            + SlotsOutput.rate(SlotHealthRules.walRate(prev, next)) + ", " + h.size() + " slots");
                    SlotsOutput.header(cli.out());
                    h.forEach(x -> SlotsOutput.row(cli.out(), x));
                    cli.out().println();
                }
                cli.out().flush();
                prev = next;
            }
            ctrlC.finished();
        }
        return OK;
    }

    private static SlotSample sample(SlotHealthReader r) throws WalscopeException {
        try {
            return r.sample();
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the replication slots: " + PgErrors.explainSql(e), e);
        }
    }

    /** The window's WAL rate and the server's max_slot_wal_keep_size (with a suggestion when unlimited). */
    private static void footer(Cli cli, SlotHealthReport r) {
        cli.out().printf("WAL written: %s over %.0f s.%n", SlotsOutput.rate(r.walBytesPerSec()), r.seconds());
        cli.out().println(SlotHealthChecks.keepSize(r.slots(), r.after(), r.walBytesPerSec()).message());
    }

    private int drop(Cli cli, String name) throws Exception {
        Cli.Target t = cli.target();
        try (Connection c = cli.connect(t)) {
            SlotInfo s;
            try {
                s = SlotOps.dropInactive(c, name);
            } catch (WalscopeException e) {
                cli.err().println("walscope slots: " + e.getMessage());
                return FINDINGS;
            }
            cli.out().println("Dropped slot " + s.name() + "; it retained " + s.retainedPretty() + " of WAL.");
            return OK;
        }
    }
}
