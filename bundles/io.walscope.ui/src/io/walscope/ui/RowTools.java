package io.walscope.ui;

import java.text.Collator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerCell;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Item;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every table and tree of the window does, in one place: a click on a column header sorts by it (again:
 * descending, a third time: the original order), columns are at least as wide as their header, and a context menu
 * copies the row, the value under the mouse, or the rows as JSON ({@code Ctrl+C} copies the rows), with a view's
 * own items below (Show SQL, Watch this table, …).
 */
public final class RowTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the context menu copies from: headers, the selected rows' cells, the cell under a point. */
    public interface Rows {
        String[] headers();

        List<String[]> selected();

        /** The text of the cell at {@code p} (control coordinates), or null. */
        String valueAt(Point p);
    }

    /** A view's own menu item: {@code enabled} is asked each time the menu opens; the id names it for tests. */
    public record Entry(String id, String label, Runnable action, BooleanSupplier enabled) {
    }

    private RowTools() {
    }

    /** Sorting, header-wide columns and the context menu for a viewer; {@code entries} follow the copy items. */
    public static Menu install(ColumnViewer viewer, String id, Entry... entries) {
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer, org.eclipse.jface.window.ToolTip.NO_RECREATE);
        sortable(viewer, o -> false);
        fitHeaders(viewer.getControl());
        return menu(viewer.getControl(), id, rows(viewer), entries);
    }

    /**
     * Sorts {@code viewer} by the text of the clicked column (numbers as numbers); rows for which {@code fixed} holds
     * (a tree's groups) keep their order among themselves.
     */
    public static void sortable(ColumnViewer viewer, Predicate<Object> fixed) {
        Item[] columns = columns(viewer.getControl());
        for (int i = 0; i < columns.length; i++) {
            int index = i;
            columns[i].addListener(SWT.Selection, e -> sortBy(viewer, columns, index, fixed));
        }
    }

    private static void sortBy(ColumnViewer viewer, Item[] columns, int index, Predicate<Object> fixed) {
        Item current = sortColumn(viewer.getControl());
        int dir = sortDirection(viewer.getControl());
        int next = current != columns[index] || dir == SWT.NONE ? SWT.UP : dir == SWT.UP ? SWT.DOWN : SWT.NONE;
        setSort(viewer.getControl(), next == SWT.NONE ? null : columns[index], next);
        if (next == SWT.NONE) {
            viewer.setComparator(null);
            return;
        }
        Collator collator = Collator.getInstance();
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                if (fixed.test(a) && fixed.test(b)) {
                    return 0; // the sort is stable: groups stay in their order
                }
                int c = compareTexts(text(viewer, index, a), text(viewer, index, b), collator);
                return next == SWT.UP ? c : -c;
            }
        });
    }

    /** Numbers (also "12 MB"-like leading numbers) by value, the rest as words; empty cells last. */
    static int compareTexts(String a, String b, Collator collator) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        Double x = leadingNumber(a);
        Double y = leadingNumber(b);
        if (x != null && y != null && !x.equals(y)) {
            return Double.compare(x, y);
        }
        return collator.compare(a, b);
    }

    private static Double leadingNumber(String s) {
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.' || end == 0 && s.charAt(0) == '-')) {
            end++;
        }
        try {
            return end == 0 ? null : Double.valueOf(s.substring(0, end));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text of column {@code index} of {@code element}, as the viewer shows it. */
    public static String text(ColumnViewer viewer, int index, Object element) {
        CellLabelProvider p = viewer.getLabelProvider(index);
        String t = p instanceof ColumnLabelProvider c ? c.getText(element) : null;
        return t == null ? "" : t;
    }

    /** Widens every column of a table or tree to at least its header's text (and the sort arrow). */
    public static void fitHeaders(Control c) {
        GC gc = new GC(c);
        try {
            for (Item col : columns(c)) {
                int need = gc.textExtent(col.getText()).x + 32;
                if (col instanceof TableColumn t && t.getWidth() < need) {
                    t.setWidth(need);
                } else if (col instanceof TreeColumn t && t.getWidth() < need) {
                    t.setWidth(need);
                }
            }
        } finally {
            gc.dispose();
        }
    }

    /**
     * What an empty table or tree means and what to do, drawn in its middle (instead of a blank); {@code text}
     * is asked at each paint, null or empty draws nothing. Call {@link Control#redraw()} when it may have changed.
     */
    public static void emptyText(Control c, java.util.function.Supplier<String> text) {
        c.addListener(SWT.Paint, e -> {
            int n = c instanceof Table t ? t.getItemCount() : c instanceof Tree t ? t.getItemCount() : 1;
            String s = n == 0 ? text.get() : null;
            if (s == null || s.isEmpty()) {
                return;
            }
            org.eclipse.swt.graphics.Rectangle area = ((org.eclipse.swt.widgets.Scrollable) c).getClientArea();
            e.gc.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
            Point size = e.gc.textExtent(s, SWT.DRAW_DELIMITER);
            int top = area.y + (c instanceof Table t ? t.getHeaderHeight() : ((Tree) c).getHeaderHeight()) + 16;
            e.gc.drawText(s, area.x + Math.max(8, (area.width - size.x) / 2), top, SWT.DRAW_DELIMITER | SWT.DRAW_TRANSPARENT);
        });
    }

    /** The rows of a viewer, as its label providers show them. */
    public static Rows rows(ColumnViewer viewer) {
        return new Rows() {
            @Override
            public String[] headers() {
                Item[] cols = columns(viewer.getControl());
                String[] out = new String[cols.length];
                for (int i = 0; i < cols.length; i++) {
                    out[i] = cols[i].getText();
                }
                return out;
            }

            @Override
            public List<String[]> selected() {
                int n = columns(viewer.getControl()).length;
                List<String[]> out = new ArrayList<>();
                for (Object o : viewer.getStructuredSelection().toList()) {
                    String[] cells = new String[n];
                    for (int i = 0; i < n; i++) {
                        cells[i] = text(viewer, i, o);
                    }
                    out.add(cells);
                }
                return out;
            }

            @Override
            public String valueAt(Point p) {
                ViewerCell cell = viewer.getCell(p);
                return cell == null ? null : cell.getText();
            }
        };
    }

    /**
     * The context menu of {@code control}: Copy Row, Copy Value (the cell right-clicked), Copy as JSON, then
     * {@code entries}. Ctrl+C copies the selected rows. Menu items are named {@code id + ".menu.copyRow"} and so on.
     */
    public static Menu menu(Control control, String id, Rows rows, Entry... entries) {
        Menu menu = new Menu(control);
        Point[] at = new Point[1];
        control.addListener(SWT.MenuDetect, e -> at[0] = control.toControl(e.x, e.y));
        MenuItem row = item(menu, id + ".menu.copyRow", "Copy Row\tCtrl+C", () -> copy(control, rowsText(rows.selected())));
        MenuItem value = item(menu, id + ".menu.copyValue", "Copy Value", () -> {
            String v = at[0] == null ? null : rows.valueAt(at[0]);
            if (v != null) {
                copy(control, v);
            }
        });
        MenuItem json = item(menu, id + ".menu.copyJson", "Copy as JSON", () -> copy(control, json(rows.headers(), rows.selected())));
        List<MenuItem> own = new ArrayList<>();
        if (entries.length > 0) {
            new MenuItem(menu, SWT.SEPARATOR);
            for (Entry en : entries) {
                own.add(item(menu, id + ".menu." + en.id(), en.label(), en.action()));
            }
        }
        menu.addListener(SWT.Show, e -> {
            boolean any = !rows.selected().isEmpty();
            row.setEnabled(any);
            json.setEnabled(any);
            value.setEnabled(at[0] != null && rows.valueAt(at[0]) != null);
            for (int i = 0; i < own.size(); i++) {
                own.get(i).setEnabled(entries[i].enabled().getAsBoolean());
            }
        });
        control.setMenu(menu);
        control.addListener(SWT.KeyDown, e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'c' || e.keyCode == 'C')) {
                List<String[]> sel = rows.selected();
                if (!sel.isEmpty()) {
                    copy(control, rowsText(sel));
                }
            }
        });
        return menu;
    }

    private static MenuItem item(Menu menu, String id, String label, Runnable action) {
        MenuItem mi = Widgets.name(new MenuItem(menu, SWT.PUSH), id);
        mi.setText(label);
        mi.addListener(SWT.Selection, e -> action.run());
        return mi;
    }

    /** The rows as lines of tab-separated cells. */
    public static String rowsText(List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.join("\t", r)).append('\n');
        }
        return sb.toString();
    }

    /** One JSON object per row (header → cell); a single row is the object itself. */
    public static String json(String[] headers, List<String[]> rows) {
        List<java.util.Map<String, String>> all = new ArrayList<>();
        for (String[] r : rows) {
            java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
            for (int i = 0; i < r.length && i < headers.length; i++) {
                o.put(headers[i].isEmpty() ? "column" + (i + 1) : headers[i], r[i]);
            }
            all.add(o);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all.size() == 1 ? all.get(0) : all);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts {@code text} on the clipboard. */
    public static void copy(Control c, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Clipboard cb = new Clipboard(c.getDisplay());
        try {
            cb.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            cb.dispose();
        }
    }

    private static Item[] columns(Control c) {
        if (c instanceof Table t) {
            return t.getColumns();
        }
        return c instanceof Tree t ? t.getColumns() : new Item[0];
    }

    private static Item sortColumn(Control c) {
        return c instanceof Table t ? t.getSortColumn() : ((Tree) c).getSortColumn();
    }

    private static int sortDirection(Control c) {
        return c instanceof Table t ? t.getSortDirection() : ((Tree) c).getSortDirection();
    }

    private static void setSort(Control c, Item col, int dir) {
        if (c instanceof Table t) {
            t.setSortColumn((TableColumn) col);
            t.setSortDirection(dir);
        } else {
            ((Tree) c).setSortColumn((TreeColumn) col);
            ((Tree) c).setSortDirection(dir);
        }
    }
}
