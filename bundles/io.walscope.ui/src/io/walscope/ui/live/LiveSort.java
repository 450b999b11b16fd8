package io.walscope.ui.live;

import java.util.Arrays;

import org.eclipse.swt.SWT;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.stream.Op;

/**
 * The live table sorted by a column (a header click: up, down, then the stream order again, as every table of the
 * window sorts). Holds the shown changes' sequence numbers in the column's order with one sort key each, and keeps
 * them up to date as changes arrive and drop out: the new ones are sorted and merged in, the dropped ones taken out,
 * so a drain costs one pass over the rows, not a sort of all of them. Ties keep the stream order. Display thread only.
 */
final class LiveSort {
    /** Text keys are cut to this many characters (the start of a long summary orders it; memory stays bounded). */
    static final int TEXT_KEY = 32;
    private static final int[] OP_RANK = opRank();

    private int column = -1;
    private int direction = SWT.NONE;
    private long[] seqs = new long[0];
    private long[] nums = new long[0];
    private String[] texts = new String[0];
    private int size;
    /** The highest sequence number taken in, and the lowest still held. */
    private long last = -1;
    private long low = -1;
    private boolean stale = true;
    private long rebuildNanos;
    private long updateNanos;
    private long updates;

    /** True while sorted by a column (not the stream order). */
    boolean active() {
        return column >= 0;
    }

    int column() {
        return column;
    }

    /** {@link SWT#UP}, {@link SWT#DOWN}, or {@link SWT#NONE} in the stream order. */
    int direction() {
        return direction;
    }

    void set(int col, int dir) {
        boolean sameKeys = col == column;
        column = col;
        direction = col < 0 ? SWT.NONE : dir;
        if (!sameKeys || col < 0) {
            invalidate();
        }
    }

    /** The rows changed wholesale (a new filter, a new stream): sorted anew at the next {@link #update}. */
    void invalidate() {
        stale = true;
        size = 0;
        last = -1;
        low = -1;
        if (column < 0) {
            seqs = new long[0];
            nums = new long[0];
            texts = new String[0];
        }
    }

    /** Rows held (the shown changes once up to date). */
    int size() {
        return size;
    }

    /**
     * Brings the order up to date with the shown rows: takes out what dropped from the front of {@code rows}, sorts
     * and merges in what is new. Returns true when rows came or went.
     */
    boolean update(ShownRows rows) {
        if (column < 0) {
            return false;
        }
        long t0 = System.nanoTime();
        SeqList v = rows.visible();
        LiveBuffer b = rows.buffer();
        boolean changed;
        if (b == null || v.size() == 0) {
            changed = size > 0 || stale;
            size = 0;
            last = -1;
            low = -1;
            stale = false;
        } else if (stale) {
            size = 0;
            merge(v, 0, b);
            stale = false;
            changed = true;
            rebuildNanos = System.nanoTime() - t0;
        } else {
            changed = false;
            long first = v.get(0);
            if (low >= 0 && first > low) {
                int k = 0;
                for (int i = 0; i < size; i++) {
                    if (seqs[i] >= first) {
                        seqs[k] = seqs[i];
                        nums[k] = nums[i];
                        texts[k] = texts[i];
                        k++;
                    }
                }
                Arrays.fill(texts, k, size, null);
                changed = k != size;
                size = k;
                low = first;
            }
            int from = firstAfter(v, last);
            if (from < v.size()) {
                merge(v, from, b);
                changed = true;
            }
        }
        updateNanos += System.nanoTime() - t0;
        updates++;
        return changed;
    }

    /** The index of the first entry of {@code v} above {@code seq}. */
    private static int firstAfter(SeqList v, long seq) {
        int lo = 0;
        int hi = v.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v.get(mid) <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sorts {@code v}'s entries from {@code from} on by their keys and merges them into the held order. */
    private void merge(SeqList v, int from, LiveBuffer b) {
        int k = v.size() - from;
        long[] ns = new long[k];
        String[] ts = new String[k];
        long[] ss = new long[k];
        int m = 0;
        for (int i = from; i < v.size(); i++) {
            long seq = v.get(i);
            LiveEvent e = b.get(seq);
            if (e == null) {
                continue; // dropped from the buffer meanwhile: the next drain takes it out of the shown rows too
            }
            ss[m] = seq;
            ns[m] = num(e);
            ts[m] = text(e);
            m++;
        }
        last = v.get(v.size() - 1);
        if (low < 0) {
            low = v.get(0);
        }
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        // the batch is in stream order: a stable sort keeps ties in it
        Arrays.sort(idx, (x, y) -> compareKeys(ns[x], ts[x], ns[y], ts[y]));
        ensure(size + m);
        // merge from the back: each new row's place is found by binary search, the held rows after it move right in
        // one block (a few comparisons per new row instead of one per held row)
        int i = size;
        int w = size + m;
        for (int j = m - 1; j >= 0; j--) {
            int nj = idx[j];
            int p = firstAbove(i, ns[nj], ts[nj], ss[nj]);
            int count = i - p;
            if (count > 0) {
                System.arraycopy(seqs, p, seqs, w - count, count);
                System.arraycopy(nums, p, nums, w - count, count);
                System.arraycopy(texts, p, texts, w - count, count);
                w -= count;
                i = p;
            }
            w--;
            seqs[w] = ss[nj];
            nums[w] = ns[nj];
            texts[w] = ts[nj];
        }
        size += m;
    }

    /** The first index below {@code end} whose row sorts after the given key and sequence number. */
    private int firstAbove(int end, long n, String t, long seq) {
        int lo = 0;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(nums[mid], texts[mid], seqs[mid], n, t, seq) > 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void ensure(int n) {
        if (seqs.length < n) {
            int cap = Math.max(n, seqs.length + seqs.length / 2 + 16);
            seqs = Arrays.copyOf(seqs, cap);
            nums = Arrays.copyOf(nums, cap);
            texts = Arrays.copyOf(texts, cap);
        }
    }

    /** The sequence number on table row {@code row} (direction applied), or -1. */
    long seqAt(int row) {
        if (row < 0 || row >= size) {
            return -1;
        }
        return seqs[direction == SWT.DOWN ? size - 1 - row : row];
    }

    /** The table row of change {@code e} (direction applied), or -1 when it is not held. */
    int rowOf(LiveEvent e) {
        if (e == null || size == 0) {
            return -1;
        }
        long n = num(e);
        String t = text(e);
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(nums[mid], texts[mid], seqs[mid], n, t, e.seq());
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return direction == SWT.DOWN ? size - 1 - mid : mid;
            }
        }
        return -1;
    }

    /** How long the last full sort took, and the average {@link #update} (ms), for the benchmark and the tests. */
    double rebuildMillis() {
        return rebuildNanos / 1e6;
    }

    double averageUpdateMillis() {
        return updates == 0 ? 0 : updateNanos / 1e6 / updates;
    }

    private static int compare(long na, String ta, long sa, long nb, String tb, long sb) {
        int c = compareKeys(na, ta, nb, tb);
        return c != 0 ? c : Long.compare(sa, sb);
    }

    private static int compareKeys(long na, String ta, long nb, String tb) {
        if (ta == null) {
            return Long.compare(na, nb);
        }
        return compareText(ta, tb);
    }

    /**
     * As the other tables sort: empty cells last, leading numbers by value, then the words (the keys are lower case
     * already: {@link #text}).
     */
    static int compareText(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        if (startsNumber(a) && startsNumber(b)) {
            int c = Double.compare(leading(a), leading(b));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static boolean startsNumber(String s) {
        char c = s.charAt(0);
        return Character.isDigit(c) || c == '-' && s.length() > 1 && Character.isDigit(s.charAt(1));
    }

    private static double leading(String s) {
        int end = 1;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        try {
            return Double.parseDouble(s.substring(0, end));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The numeric key of {@code e} in the sorted column (empty cells last: the largest value). */
    private long num(LiveEvent e) {
        switch (column) {
        case 0:
            return e.commitMicros() == 0 ? Long.MAX_VALUE : e.commitMicros();
        case 1:
            long lsn = e.lsn() != 0 ? e.lsn() : e.commitLsn();
            return lsn == 0 ? Long.MAX_VALUE : lsn + Long.MIN_VALUE; // LSNs compare unsigned
        case 2:
            return e.xid() < 0 ? Long.MAX_VALUE : e.xid();
        case Rows.OP_COLUMN:
            return OP_RANK[e.op().ordinal()];
        default:
            return 0;
        }
    }

    /** The text key of {@code e} in the sorted column, or null for the numeric columns. */
    private String text(LiveEvent e) {
        String s;
        switch (column) {
        case 4:
            s = e.qualifiedTable();
            break;
        case 5:
            s = e.key();
            break;
        case 6:
            s = e.summary();
            break;
        default:
            return null;
        }
        return key(s);
    }

    /** A text's sort key: its start, in lower case (case aside, as the other tables sort). */
    static String key(String s) {
        if (s == null) {
            return "";
        }
        return (s.length() > TEXT_KEY ? s.substring(0, TEXT_KEY) : s).toLowerCase(java.util.Locale.ROOT);
    }

    /** The ops in the order of their names (the op column shows the name). */
    private static int[] opRank() {
        Op[] ops = Op.values().clone();
        Arrays.sort(ops, (a, b) -> a.json().compareTo(b.json()));
        int[] rank = new int[ops.length];
        for (int i = 0; i < ops.length; i++) {
            rank[ops[i].ordinal()] = i;
        }
        return rank;
    }
}
