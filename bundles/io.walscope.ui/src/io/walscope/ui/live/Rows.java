package io.walscope.ui.live;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;

import io.walscope.core.live.CommitLog;
import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.stream.Lsn;
import io.walscope.core.stream.Op;

/** The texts of the viewer's rows: one change, or one transaction of the grouped tree. */
final class Rows {
    static final String[] COLUMNS = { "Commit time (UTC)", "LSN", "xid", "op", "Table", "Key", "What changed" };
    static final int[] WIDTHS = { 130, 110, 70, 60, 160, 150, 420 };
    static final int OP_COLUMN = 3;
    /** A transaction row counts its ops and tables over at most this many changes (a huge one says "at least"). */
    private static final int SCAN_MAX = 100_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String[] DROPPED = { "", "", "", "", "(dropped from the buffer)", "", "" };

    private Rows() {
    }

    static String time(long micros) {
        return micros == 0 ? "" : TIME.format(Instant.EPOCH.plusNanos(micros * 1000));
    }

    /** One change's cells, or a placeholder for one that dropped from the buffer. */
    static String[] change(LiveEvent ev) {
        if (ev == null) {
            return DROPPED;
        }
        String key = ev.key(); // a kept pgoutput change renders it on each call
        return new String[] { time(ev.commitMicros()), Lsn.format(ev.lsn() != 0 ? ev.lsn() : ev.commitLsn()),
            ev.xid() < 0 ? "" : Long.toString(ev.xid()), ev.op().json(), ev.qualifiedTable(),
            key == null ? "" : key, ev.summary() };
    }

    /** A transaction's row, and the op its changes share (null when mixed). */
    record Group(String[] cells, Op op) {
    }

    /**
     * The row of group {@code g}: commit time and commit LSN (from its changes, or from the commit log when the
     * plugin told them only at the commit), xid, its ops, the tables it touched, and how many changes it has
     * (shown of all, when filters hide some).
     */
    static Group group(LiveBuffer buffer, SeqList visible, TxGroups groups, int g, CommitLog log) {
        long txn = groups.txn(g);
        int count = groups.count(g);
        int from = (int) (groups.start(g) - visible.base());
        int[] ops = new int[Op.values().length];
        Set<String> tables = new LinkedHashSet<>();
        int moreTables = 0;
        LiveEvent first = null;
        int n = Math.min(count, SCAN_MAX);
        for (int i = 0; i < n; i++) {
            LiveEvent e = buffer.get(visible.get(from + i));
            if (e == null) {
                continue;
            }
            if (first == null) {
                first = e;
            }
            ops[e.op().ordinal()]++;
            if (!tables.contains(e.qualifiedTable())) {
                if (tables.size() < 3) {
                    tables.add(e.qualifiedTable());
                } else {
                    moreTables++;
                }
            }
        }
        if (first == null) {
            return new Group(DROPPED, null);
        }
        long micros = first.commitMicros() != 0 ? first.commitMicros() : log == null ? 0 : log.commitMicros(txn);
        long lsn = first.commitLsn() != 0 ? first.commitLsn() : log == null ? 0 : log.commitLsn(txn);
        int total = log == null ? -1 : log.changes(txn);
        boolean snapshot = first.op() == Op.READ && first.xid() < 0;
        StringBuilder size = new StringBuilder(count < SCAN_MAX ? "" : "at least ").append(count);
        if (total > count) {
            size.append(" of ").append(total);
        }
        size.append(count == 1 && total <= 1 ? " change" : " changes");
        StringBuilder what = new StringBuilder();
        Op single = null;
        int kinds = 0;
        for (Op op : Op.values()) {
            if (ops[op.ordinal()] > 0) {
                what.append(kinds > 0 ? ", " : "").append(op.json()).append(' ').append(ops[op.ordinal()]);
                single = op;
                kinds++;
            }
        }
        if (snapshot) {
            what.append(" (snapshot, read before the stream)");
        }
        String tableText = String.join(", ", tables) + (moreTables > 0 ? " +" + moreTables + " more" : "");
        String[] cells = { time(micros), lsn == 0 ? "" : Lsn.format(lsn), first.xid() < 0 ? "" : Long.toString(first.xid()),
            kinds == 1 ? single.json() : "mixed", tableText, size.toString(), what.toString() };
        return new Group(cells, kinds == 1 ? single : null);
    }
}
