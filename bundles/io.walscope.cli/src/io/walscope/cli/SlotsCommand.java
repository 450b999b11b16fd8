package io.walscope.cli;

import java.sql.Connection;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.pg.check.SlotOps;

/** {@code walscope slots [conn] [--json]} lists every slot; {@code walscope slots drop NAME} drops an inactive one. */
final class SlotsCommand implements Command {
    @Override
    public String name() {
        return "slots";
    }

    @Override
    public String summary() {
        return "list the replication slots with their retained WAL; 'slots drop NAME' drops an inactive one";
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean json = a.flag("--json");
        List<String> words = a.positional();
        if (!words.isEmpty()) {
            if (!words.get(0).equals("drop") || words.size() != 2 || json) {
                throw new UsageException("Use 'walscope slots [--json]' or 'walscope slots drop NAME'.");
            }
            return drop(cli, words.get(1));
        }
        a.noneLeft();
        Cli.Target t = cli.target();
        List<SlotInfo> slots;
        try (Connection c = cli.connect(t)) {
            slots = SlotOps.list(c);
        }
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode arr = m.createArrayNode();
            for (SlotInfo s : slots) {
                ObjectNode n = arr.addObject();
                n.put("name", s.name());
                n.put("plugin", s.plugin());
                n.put("slot_type", s.slotType());
                n.put("temporary", s.temporary());
                n.put("active", s.active());
                n.put("restart_lsn", s.restartLsn());
                n.put("confirmed_flush_lsn", s.confirmedFlushLsn());
                n.put("retained_bytes", s.retainedBytes());
                n.put("wal_status", s.walStatus());
                // beyond the contract's fields, null where the server version lacks them
                n.put("database", s.database());
                n.put("active_pid", s.activePid());
                n.put("safe_wal_size", s.safeWalSize());
                n.put("inactive_since", s.inactiveSince());
            }
            cli.out().println(m.writeValueAsString(arr));
            return OK;
        }
        if (slots.isEmpty()) {
            cli.out().println("No replication slots on " + t.profile().describe() + ".");
            return OK;
        }
        cli.out().printf("%-28s %-14s %-8s %-4s %-9s %-14s %-14s %10s %-10s%n", "NAME", "PLUGIN", "TYPE", "TEMP",
                "ACTIVE", "RESTART_LSN", "CONFIRMED", "RETAINED", "WAL_STATUS");
        for (SlotInfo s : slots) {
            cli.out().printf("%-28s %-14s %-8s %-4s %-9s %-14s %-14s %10s %-10s%n", s.name(), nz(s.plugin()), s.slotType(),
                    s.temporary() ? "yes" : "no", s.active() ? "pid " + s.activePid() : "no", nz(s.restartLsn()),
                    nz(s.confirmedFlushLsn()), s.retainedPretty(), nz(s.walStatus()));
        }
        return OK;
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

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
