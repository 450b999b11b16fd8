package io.walscope.ui.live;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Table;

import io.walscope.core.live.LiveEvent;

/**
 * Follow and selection of the live table, as the Eclipse Console and DBeaver's query log do them. Following (the
 * newest row kept in sight) stops when the user selects a row or scrolls away from the newest end, and resumes
 * when they scroll back to it (or tick Follow). The selection is kept by change (sequence number), not by row, so
 * it stays on the same changes while rows move (new ones, old ones dropping out of the buffer, a new filter); a
 * selected change that is no longer shown is no longer selected, and the detail pane always shows the first
 * selected change that is shown — or nothing. Display thread only.
 */
final class TableFollow {
    /** Why following stopped: only a scroll away resumes by itself when the user scrolls back. */
    enum Stop {
        NONE, SELECTED, SCROLLED, UNTICKED,
        /** Sorted by a column: the newest row is not at an end; following resumes with the stream order. */
        SORTED
    }

    private final Table table;
    private final ShownRows rows;
    private final Button box;
    private final Consumer<LiveEvent> detail;
    private final LiveSort sort;
    private boolean follow = true;
    private Stop stop = Stop.NONE;
    private long[] selected = new long[0];
    private long inDetail = -1;
    private int lastTop = -1;
    private int lastPage = -1;
    private boolean userScrolled;

    TableFollow(Table table, ShownRows rows, LiveSort sort, Button box, Consumer<LiveEvent> detail) {
        this.table = table;
        this.sort = sort;
        this.rows = rows;
        this.box = box;
        this.detail = detail;
        box.addListener(SWT.Selection, e -> {
            if (box.getSelection()) {
                resume();
            } else {
                setFollow(false, Stop.UNTICKED);
            }
        });
        // what the user does to scroll (the checks in look() also catch what these miss)
        table.addListener(SWT.MouseVerticalWheel, e -> userScrolled = true);
        table.addListener(SWT.KeyDown, e -> userScrolled |= e.keyCode == SWT.ARROW_UP || e.keyCode == SWT.PAGE_UP
                || e.keyCode == SWT.HOME || e.keyCode == SWT.ARROW_DOWN || e.keyCode == SWT.PAGE_DOWN || e.keyCode == SWT.END);
        if (table.getVerticalBar() != null) {
            table.getVerticalBar().addListener(SWT.Selection, e -> userScrolled |= e.detail != SWT.NONE);
        }
    }

    boolean follow() {
        return follow;
    }

    /** Why following stopped ({@link Stop#NONE} while it follows). */
    Stop stopped() {
        return stop;
    }

    private void setFollow(boolean f, Stop why) {
        follow = f;
        stop = f ? Stop.NONE : why;
        if (box.getSelection() != f) {
            box.setSelection(f);
        }
    }

    /**
     * Sorted by a column (following stops: the newest row is not at an end), or back in the stream order (following
     * resumes from the newest row).
     */
    void sorted(boolean on) {
        if (on) {
            setFollow(false, Stop.SORTED);
        } else if (stop == Stop.SORTED) {
            resume();
        }
    }

    /** Follows again from the newest row: the selection goes (it would scroll away from the detail pane). */
    void resume() {
        setFollow(true, Stop.NONE);
        clearSelection();
    }

    /** The user selected rows: their changes are remembered and following stops; the detail shows the first. */
    void userSelected(IntFunction<LiveEvent> eventAt) {
        int[] idx = table.getSelectionIndices();
        long[] seqs = new long[idx.length];
        int k = 0;
        for (int i : idx) {
            LiveEvent e = eventAt.apply(i);
            if (e != null) {
                seqs[k++] = e.seq();
            }
        }
        selected = Arrays.copyOf(seqs, k);
        Arrays.sort(selected);
        if (k > 0 && stop != Stop.SORTED) {
            setFollow(false, Stop.SELECTED);
        }
        inDetail = -2; // shown again even when it is the same change
        showFirst();
    }

    /** Forgets the selection (a new stream, another mode). */
    void clearSelection() {
        selected = new long[0];
        table.deselectAll();
        inDetail = -1;
        detail.accept(null);
    }

    /**
     * Before the rows change: has the user scrolled away from the newest end since the last look (following stops),
     * or back to it after scrolling away (following resumes)?
     */
    void look() {
        if (stop == Stop.SORTED || !table.isVisible() || table.getItemHeight() <= 0) {
            userScrolled = false;
            return;
        }
        int n = table.getItemCount();
        int top = table.getTopIndex();
        int page = Math.max(1, (table.getClientArea().height - table.getHeaderHeight()) / table.getItemHeight());
        if (page != lastPage) {
            lastPage = page; // a resized view moves its top row by itself: not a scroll of the user's
            lastTop = -1;
        }
        boolean newestFirst = rows.newestFirst();
        boolean atNewest = n <= page || (newestFirst ? top == 0 : top + page >= n - 1);
        if (follow && !atNewest && (userScrolled || newestFirst || (lastTop >= 0 && top < lastTop))) {
            setFollow(false, Stop.SCROLLED);
        } else if (!follow && stop == Stop.SCROLLED && atNewest && n > page) {
            resume();
        }
        userScrolled = false;
        lastTop = follow ? top : -1;
    }

    /** After the view scrolled to the newest row: where it is now, to tell a scroll of the user's from it. */
    void scrolled() {
        // GTK may apply the scroll later: then this reads where the view was, which is never past where it goes
        lastTop = Math.max(lastTop, table.getTopIndex());
    }

    /** The rows were filtered or ordered anew: their positions start over. */
    void rowsRenumbered() {
        lastTop = -1;
    }

    /** True when selected changes wait to be shown (a new filter is still being applied). */
    boolean pending() {
        return selected.length > table.getSelectionCount();
    }

    /**
     * After rows moved: selects the remembered changes' rows again, drops the changes no longer shown (those not
     * looked at yet after a new filter are kept), and shows the first selected change in the detail pane.
     */
    void reselect() {
        if (selected.length == 0) {
            return;
        }
        int total = rows.size();
        int n = table.getItemCount();
        int[] idx = new int[selected.length];
        long[] keep = new long[selected.length];
        int k = 0;
        int kept = 0;
        for (long s : selected) {
            int i = rows.indexOf(s);
            if (i < 0) {
                if (s >= rows.scanned()) {
                    keep[kept++] = s;
                }
                continue;
            }
            keep[kept++] = s;
            int r = sort.active() ? sort.rowOf(rows.buffer().get(s))
                    : rows.newestFirst() ? total - 1 - i : i - (total - n);
            if (r >= 0 && r < n) {
                idx[k++] = r;
            }
        }
        selected = Arrays.copyOf(keep, kept);
        table.deselectAll();
        table.select(Arrays.copyOf(idx, k));
        showFirst();
    }

    private void showFirst() {
        long first = -1;
        for (long s : selected) {
            if (rows.indexOf(s) >= 0) {
                first = s;
                break;
            }
        }
        if (first != inDetail) {
            inDetail = first;
            detail.accept(first < 0 || rows.buffer() == null ? null : rows.buffer().get(first));
        }
    }
}
