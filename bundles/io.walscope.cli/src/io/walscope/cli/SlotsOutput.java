package io.walscope.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.check.Bytes;
import io.walscope.core.check.Durations;
import io.walscope.core.check.SlotHealth;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.SlotStats;
import io.walscope.core.check.Stuck;

/** How {@code walscope slots} prints slots judged over a window: JSON (the contract) or a table. */
final class SlotsOutput {
    private static final String ROW = "%-28s %-13s %-9s %9s %9s %10s %-10s %9s %10s %s%n";

    private SlotsOutput() {
    }

    static ArrayNode json(ObjectMapper m, List<SlotHealth> slots) {
        ArrayNode arr = m.createArrayNode();
        for (SlotHealth h : slots) {
            SlotInfo s = h.slot();
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
            n.put("safe_wal_size", s.safeWalSize());
            n.put("lag_bytes", h.lagBytes());
            n.put("wal_bytes_per_s", h.walBytesPerSec() == null ? null : Math.round(h.walBytesPerSec()));
            n.put("lost_in_seconds", h.lostInSeconds() == null ? null : Math.round(h.lostInSeconds()));
            SlotStats st = h.stats();
            n.put("spill_txns", st == null ? null : st.spillTxns());
            n.put("spill_count", st == null ? null : st.spillCount());
            n.put("spill_bytes", st == null ? null : st.spillBytes());
            n.put("stream_txns", st == null ? null : st.streamTxns());
            n.put("stream_count", st == null ? null : st.streamCount());
            n.put("stream_bytes", st == null ? null : st.streamBytes());
            n.put("total_txns", st == null ? null : st.totalTxns());
            n.put("total_bytes", st == null ? null : st.totalBytes());
            n.put("stats_reset", st == null ? null : st.statsReset());
            Stuck k = h.stuck();
            if (k == null) {
                n.putNull("stuck");
            } else {
                ObjectNode o = n.putObject("stuck");
                o.put("cause", k.cause());
                o.put("message", k.message());
                o.put("inactive_since", k.inactiveSince());
                o.put("pid", k.pid());
                o.put("xact_start", k.xactStart());
                o.put("query_start", k.queryStart());
                o.put("gid", k.gid());
                o.put("database", k.database());
                o.put("standby", k.standby());
            }
            // beyond the contract's fields, null where the server version lacks them
            n.put("database", s.database());
            n.put("active_pid", s.activePid());
            n.put("inactive_since", s.inactiveSince());
            n.put("xmin", h.xmin());
            n.put("catalog_xmin", h.catalogXmin());
        }
        return arr;
    }

    static void header(PrintStream out) {
        out.printf(ROW, "NAME", "PLUGIN", "ACTIVE", "RETAINED", "LAG", "WAL/S", "WAL_STATUS", "SAFE", "LOST_IN", "STUCK");
    }

    static void row(PrintStream out, SlotHealth h) {
        SlotInfo s = h.slot();
        out.printf(ROW, s.name(), s.plugin() == null ? s.slotType() : s.plugin(),
                s.active() ? "pid " + s.activePid() : s.temporary() ? "temp" : "no", s.retainedPretty(), bytes(h.lagBytes()),
                h.walBytesPerSec() == null ? "-" : Bytes.pretty(Math.round(h.walBytesPerSec())),
                s.walStatus() == null ? "-" : s.walStatus(), bytes(s.safeWalSize()),
                h.lostInSeconds() == null ? "-" : Durations.pretty(h.lostInSeconds()), stuck(h.stuck()));
    }

    static String stuck(Stuck k) {
        if (k == null) {
            return "-";
        }
        return switch (k.cause()) {
            case Stuck.OLD_TRANSACTION -> k.cause() + " (pid " + k.pid() + " since " + k.xactStart() + ")";
            case Stuck.PREPARED_TRANSACTION -> k.cause() + " (gid '" + k.gid() + "')";
            case Stuck.CONSUMER_INACTIVE -> k.cause() + (k.inactiveSince() == null ? "" : " (since " + k.inactiveSince() + ")");
            case Stuck.STANDBY_FEEDBACK -> k.cause() + " (" + k.standby() + ")";
            default -> k.cause();
        };
    }

    private static String bytes(Long b) {
        return b == null ? "-" : Bytes.pretty(b);
    }

    static String rate(double bytesPerSec) {
        return String.format(Locale.ROOT, "%s/s", Bytes.pretty(Math.round(bytesPerSec)));
    }
}
