package io.walscope.ui.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

import io.walscope.core.live.CommitLog;
import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.ui.Widgets;

/**
 * The shown changes grouped by transaction: an {@code SWT.VIRTUAL} tree whose top-level rows are transactions
 * ({@link TxGroups}) and whose children are their changes. Items are made only for rows that are painted, so it
 * stays fast with the whole buffer shown. Expanded transactions stay expanded when new ones push them to another
 * row (newest first) or old ones drop out. Display thread only.
 */
final class GroupedTree {
    /** What the tree shows; owned by the view. */
    interface Model {
        LiveBuffer buffer();

        SeqList visible();

        TxGroups groups();

        /** The commit log of the running capture, or null. */
        CommitLog commits();

        boolean newestFirst();
    }

    private final Tree tree;
    private final Model model;
    private final Color[] opColors;
    /** Expanded transactions and the row each was last seen on. */
    private final Map<Long, Integer> expanded = new HashMap<>();
    private int lastOffset;
    private final GrowTimer grow;
    private boolean lastFollow;

    GroupedTree(Composite parent, Model model, Color[] opColors) {
        this.model = model;
        this.opColors = opColors;
        tree = Widgets.name(new Tree(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.MULTI | SWT.BORDER), "live.tree");
        grow = new GrowTimer(tree, () -> {
            if (tree.isVisible()) {
                refresh(false, lastFollow);
            }
        });
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        for (int i = 0; i < Rows.COLUMNS.length; i++) {
            TreeColumn col = new TreeColumn(tree, SWT.NONE);
            col.setText(Rows.COLUMNS[i]);
            col.setWidth(Rows.WIDTHS[i] + (i == 0 ? 30 : 0));
        }
        io.walscope.ui.RowTools.fitHeaders(tree);
        io.walscope.ui.RowTools.menu(tree, "live.tree", new io.walscope.ui.RowTools.Rows() {
            @Override
            public String[] headers() {
                return Rows.COLUMNS.clone();
            }

            @Override
            public List<String[]> selected() {
                List<String[]> out = new ArrayList<>();
                for (TreeItem it : tree.getSelection()) {
                    String[] cells = new String[Rows.COLUMNS.length];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = it.getText(i);
                    }
                    out.add(cells);
                }
                return out;
            }

            @Override
            public String valueAt(org.eclipse.swt.graphics.Point p) {
                TreeItem item = tree.getItem(p);
                for (int c = 0; item != null && c < tree.getColumnCount(); c++) {
                    if (item.getBounds(c).contains(p)) {
                        return item.getText(c);
                    }
                }
                return null;
            }
        });
        tree.addListener(SWT.SetData, e -> fill((TreeItem) e.item, e.index));
        tree.addListener(SWT.Expand, e -> {
            int row = tree.indexOf((TreeItem) e.item);
            int g = group(row);
            if (g >= 0) {
                expanded.put(model.groups().txn(g), row);
            }
        });
        tree.addListener(SWT.Collapse, e -> {
            int g = group(tree.indexOf((TreeItem) e.item));
            if (g >= 0) {
                expanded.remove(model.groups().txn(g));
            }
        });
    }

    Tree control() {
        return tree;
    }

    /** The group shown on top-level row {@code row}, or -1. While the tree grows in steps it holds the newest. */
    private int group(int row) {
        int n = model.groups().size();
        int g = model.newestFirst() ? n - 1 - row : n - tree.getItemCount() + row;
        return row < 0 || g < 0 || g >= n ? -1 : g;
    }

    /** The top-level row showing group {@code group}, or -1. */
    private int row(int group) {
        int n = model.groups().size();
        int r = model.newestFirst() ? n - 1 - group : group - (n - tree.getItemCount());
        return r < 0 || r >= tree.getItemCount() ? -1 : r;
    }

    private void fill(TreeItem item, int index) {
        TreeItem parent = item.getParentItem();
        TxGroups groups = model.groups();
        if (parent == null) {
            int g = group(index);
            if (g < 0) {
                return;
            }
            Rows.Group row = Rows.group(model.buffer(), model.visible(), groups, g, model.commits());
            item.setText(row.cells());
            item.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
            if (row.op() != null) {
                item.setForeground(Rows.OP_COLUMN, opColors[row.op().ordinal()]);
            }
            item.setItemCount(groups.count(g));
            return;
        }
        LiveEvent ev = eventOf(parent, index);
        item.setText(Rows.change(ev));
        if (ev != null) {
            item.setForeground(Rows.OP_COLUMN, opColors[ev.op().ordinal()]);
        }
    }

    private LiveEvent eventOf(TreeItem parent, int child) {
        int g = group(tree.indexOf(parent));
        if (g < 0 || child < 0 || child >= model.groups().count(g)) {
            return null;
        }
        SeqList visible = model.visible();
        int pos = (int) (model.groups().start(g) - visible.base()) + child;
        return pos < 0 || pos >= visible.size() ? null : model.buffer().get(visible.get(pos));
    }

    /**
     * Shows the groups as they are now. {@code shifted}: rows moved (new groups on top, old ones dropped, a new
     * filter or order), so every row is asked for again; otherwise only new rows and the last group (which may have
     * grown) are.
     */
    void refresh(boolean shifted, boolean follow) {
        TxGroups groups = model.groups();
        int total = groups.size();
        int old = tree.getItemCount();
        int n = Math.min(total, old + LiveView.GROW_STEP);
        int offset = model.newestFirst() ? 0 : total - n;
        tree.setRedraw(false);
        try {
            tree.setItemCount(n);
            if (shifted || model.newestFirst() || offset != lastOffset) {
                tree.clearAll(true);
                keepExpanded();
            } else if (old > 0 && old <= n) {
                // the last transaction may have grown; when expanded, its new changes show even if its row is
                // scrolled out of sight (its SetData, which sets the count, comes only when it is painted)
                tree.clear(old - 1, true);
                TreeItem last = tree.getItem(old - 1);
                if (last.getExpanded()) {
                    last.setItemCount(groups.count(group(old - 1)));
                }
            }
            lastOffset = offset;
            if (follow && n > 0) {
                tree.setTopItem(tree.getItem(model.newestFirst() ? 0 : n - 1));
            }
        } finally {
            tree.setRedraw(true);
        }
        lastFollow = follow;
        if (n < total) {
            grow.schedule();
        }
    }

    /** Holds the growth steps while a burst arrives ({@link LiveView#BURST_EVENTS}); see {@link GrowTimer#hold}. */
    void burst(boolean b) {
        grow.hold(b);
    }

    /** Moves the expanded state along with its transaction. */
    private void keepExpanded() {
        if (expanded.isEmpty()) {
            return;
        }
        TxGroups groups = model.groups();
        int items = tree.getItemCount();
        Map<Long, Integer> now = new HashMap<>();
        for (Map.Entry<Long, Integer> en : expanded.entrySet()) {
            int g = find(groups, en.getKey());
            int row = g < 0 ? -1 : row(g);
            int was = en.getValue();
            if (row != was && was < items) {
                tree.getItem(was).setExpanded(false);
            }
            if (row >= 0) {
                now.put(en.getKey(), row);
            }
        }
        for (Map.Entry<Long, Integer> en : now.entrySet()) {
            if (!en.getValue().equals(expanded.get(en.getKey()))) {
                TreeItem it = tree.getItem(en.getValue());
                it.setItemCount(groups.count(find(groups, en.getKey())));
                it.setExpanded(true);
            }
        }
        expanded.clear();
        expanded.putAll(now);
    }

    /** The group of transaction {@code txn} (numbers ascend in stream order), or -1. */
    private static int find(TxGroups groups, long txn) {
        int lo = 0;
        int hi = groups.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long t = groups.txn(mid);
            if (t < txn) {
                lo = mid + 1;
            } else if (t > txn) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Forgets the expanded transactions (a new stream). */
    void reset() {
        expanded.clear();
        lastOffset = 0;
        tree.removeAll();
    }

    /** The change of a selected child row, or null for a transaction row. */
    LiveEvent selectedChange() {
        TreeItem[] sel = tree.getSelection();
        if (sel.length == 0 || sel[0].getParentItem() == null) {
            return null;
        }
        return eventOf(sel[0].getParentItem(), sel[0].getParentItem().indexOf(sel[0]));
    }

    /** The selected transaction row's cells, or null. */
    String[] selectedTransaction() {
        TreeItem[] sel = tree.getSelection();
        if (sel.length == 0 || sel[0].getParentItem() != null) {
            return null;
        }
        int g = group(tree.indexOf(sel[0]));
        return g < 0 ? null : Rows.group(model.buffer(), model.visible(), model.groups(), g, model.commits()).cells();
    }

    /** The selected changes: a transaction row stands for all its shown changes. */
    List<LiveEvent> selectedEvents() {
        List<LiveEvent> out = new ArrayList<>();
        for (TreeItem it : tree.getSelection()) {
            TreeItem parent = it.getParentItem();
            if (parent != null) {
                LiveEvent e = eventOf(parent, parent.indexOf(it));
                if (e != null) {
                    out.add(e);
                }
                continue;
            }
            int g = group(tree.indexOf(it));
            for (int i = 0; g >= 0 && i < model.groups().count(g); i++) {
                LiveEvent e = eventOf(it, i);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
