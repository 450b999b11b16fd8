package io.walscope.ui.live;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.walscope.core.live.CommitLog;
import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.live.LiveFilter;

/**
 * What the view shows of the live buffer: the sequence numbers that pass the filter ({@link SeqList}) and their
 * transactions ({@link TxGroups}), kept up to date by {@link #drain}. No widgets, no object per event; display
 * thread only.
 */
final class ShownRows implements GroupedTree.Model {
    /** {@link #drain} took changes in. */
    static final int ADDED = 1;
    /** {@link #drain} saw changes drop out of the buffer: rows moved. */
    static final int SHIFTED = 2;
    /** {@link #drain} stopped at its deadline with changes still waiting: drain again soon. */
    static final int MORE = 4;
    private static final int CHUNK = 2048;

    private final SeqList visible = new SeqList();
    private final TxGroups groups = new TxGroups();
    private final Set<String> knownTables = new HashSet<>();
    private final Supplier<CommitLog> commits;
    private LiveEvent[] chunk;
    private LiveBuffer buffer;
    private LiveFilter filter = LiveFilter.ALL;
    private long scanned = 1;
    private long shown;
    private boolean newestFirst;
    private String lastTable;
    private String lastSchema;

    ShownRows(Supplier<CommitLog> commits) {
        this.commits = commits;
    }

    /** Starts over on a new buffer. */
    void reset(LiveBuffer b, LiveFilter f) {
        buffer = b;
        filter = f;
        visible.clear();
        groups.clear();
        knownTables.clear();
        lastTable = null;
        lastSchema = null;
        scanned = b.nextSeq();
        shown = 0;
    }

    /** Applies a new filter to everything the buffer holds (take it in with {@link #drain}). */
    void refilter(LiveFilter f) {
        filter = f;
        visible.clear();
        groups.clear();
        scanned = buffer == null ? 1 : buffer.firstSeq();
        shown = 0;
    }

    LiveFilter filter() {
        return filter;
    }

    /** {@link #drain(Consumer, long)} without a deadline: takes everything in. */
    int drain(Consumer<String> newTable) {
        return drain(newTable, Long.MAX_VALUE);
    }

    /**
     * Takes the new events of the buffer in; {@code newTable} hears of each table seen for the first time. Stops
     * after the chunk that passes {@code deadlineNanos} ({@link System#nanoTime()}), so that a text filter over a
     * fast stream does not hold the display thread. Returns {@link #ADDED}, {@link #SHIFTED} and {@link #MORE}
     * flags.
     */
    int drain(Consumer<String> newTable, long deadlineNanos) {
        if (buffer == null) {
            return 0;
        }
        long first = buffer.firstSeq();
        int flags = visible.dropBelow(first) > 0 ? SHIFTED : 0;
        if (flags != 0) {
            groups.dropBelow(visible.base());
        }
        if (scanned < first) {
            scanned = first;
        }
        if (chunk == null) {
            chunk = new LiveEvent[CHUNK];
        }
        int n;
        while ((n = buffer.copy(scanned, chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                LiveEvent e = chunk[i];
                if (e.table() != lastTable || e.schema() != lastSchema) {
                    // the decoders share a relation's name strings: one lookup per run of a table
                    lastTable = e.table();
                    lastSchema = e.schema();
                    if (e.table() != null && knownTables.add(e.qualifiedTable())) {
                        newTable.accept(e.qualifiedTable());
                    }
                }
                if (filter.test(e)) {
                    visible.add(e.seq());
                    groups.add(e.txn(), visible.base() + visible.size() - 1);
                    shown++;
                    flags |= ADDED;
                }
            }
            scanned = chunk[n - 1].seq() + 1;
            if (System.nanoTime() - deadlineNanos > 0 && deadlineNanos != Long.MAX_VALUE) {
                flags |= buffer.nextSeq() > scanned ? MORE : 0;
                break;
            }
        }
        java.util.Arrays.fill(chunk, null);
        // what dropped out while this ran: the view holds at most the buffer's size instead of shrinking later
        if (visible.dropBelow(buffer.firstSeq()) > 0) {
            groups.dropBelow(visible.base());
            flags |= SHIFTED;
        }
        return flags;
    }

    /** The sequence number {@link #drain} looks at next. */
    long scanned() {
        return scanned;
    }

    /** Events the buffer received that {@link #drain} has not looked at yet. */
    long waiting() {
        return buffer == null ? 0 : buffer.nextSeq() - scanned;
    }

    /** Events shown since the start or the last filter change. */
    long shown() {
        return shown;
    }

    int size() {
        return visible.size();
    }

    /** The event on row {@code row} of the ungrouped table (order applied), or null. */
    LiveEvent eventAt(int row) {
        if (buffer == null || row < 0 || row >= visible.size()) {
            return null;
        }
        return buffer.get(visible.get(newestFirst ? visible.size() - 1 - row : row));
    }

    /** The index (oldest first) of the shown change {@code seq}, or -1 when it is not shown. */
    int indexOf(long seq) {
        int lo = 0;
        int hi = visible.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = visible.get(mid);
            if (v < seq) {
                lo = mid + 1;
            } else if (v > seq) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Forgets the stream (another connection was chosen): nothing is shown. */
    void clear() {
        buffer = null;
        visible.clear();
        groups.clear();
        knownTables.clear();
        lastTable = null;
        lastSchema = null;
        scanned = 1;
        shown = 0;
    }

    /** The shown sequence numbers, oldest first. */
    long[] seqs() {
        long[] out = new long[visible.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = visible.get(i);
        }
        return out;
    }

    void setNewestFirst(boolean b) {
        newestFirst = b;
    }

    @Override
    public boolean newestFirst() {
        return newestFirst;
    }

    @Override
    public LiveBuffer buffer() {
        return buffer;
    }

    @Override
    public SeqList visible() {
        return visible;
    }

    @Override
    public TxGroups groups() {
        return groups;
    }

    @Override
    public CommitLog commits() {
        return commits.get();
    }
}
