package io.walscope.ui.prep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.jface.viewers.CheckboxTreeViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.window.ToolTip;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;

import io.walscope.core.check.Finding;
import io.walscope.core.check.Fix;
import io.walscope.core.check.Triage;
import io.walscope.ui.RowTools;
import io.walscope.ui.Widgets;

/**
 * Findings grouped as people read them: "Blocks CDC", "Should fix", "OK" (collapsed). Every message can be read in
 * full: as the row's tooltip, and wrapped in the details pane under the tree for the selected finding. The Fix
 * column says what a fix takes (SQL, a reload, a restart) and, when a handler is set, applies it with one click.
 * Optionally with check boxes (the setup wizard applies the checked findings).
 */
public final class FindingsTree extends Composite {
    /** The column of the one-click fix. */
    public static final int FIX_COLUMN = 1;
    private final StatusImages images;
    private final TreeViewer viewer;
    private final Text details;
    private final Color link;
    private Consumer<Finding> onFix;
    private Runnable onShowSql;
    private Consumer<String> onWatch;
    private Map<Triage, List<Finding>> groups = Map.of();

    /**
     * @param id        the data key of the tree ({@code id}) and of the details pane ({@code id + ".details"})
     * @param checkable findings with a fix get a check box
     */
    public FindingsTree(Composite parent, String id, boolean checkable) {
        super(parent, SWT.NONE);
        setLayout(new FillLayout());
        images = new StatusImages(getDisplay());
        link = getDisplay().getSystemColor(SWT.COLOR_LINK_FOREGROUND);
        addDisposeListener(e -> images.dispose());
        SashForm sash = new SashForm(this, SWT.VERTICAL);
        int style = SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | (checkable ? SWT.CHECK : 0);
        viewer = checkable ? new CheckboxTreeViewer(sash, style) : new TreeViewer(sash, style);
        Widgets.name(viewer.getTree(), id);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        ColumnViewerToolTipSupport.enableFor(viewer, ToolTip.NO_RECREATE);
        column("Status", 170, o -> o instanceof Triage t ? t.label() + " (" + groups.get(t).size() + ")" : ((Finding) o).status().id(),
                o -> o instanceof Finding f ? images.get(f.status()) : null, null);
        column("Fix", 120, o -> o instanceof Finding f ? fixText(f) : "", o -> null, o -> o instanceof Finding f
                && onFix != null && f.fix() != null && f.status().needsAction() ? link : null);
        column("Check", 180, o -> o instanceof Finding f ? f.id() : "", o -> null, null);
        column("Subject", 180, o -> o instanceof Finding f ? f.subject() : "", o -> null, null);
        column("Message", 900, o -> o instanceof Finding f ? f.message() : "", o -> null, null);
        viewer.setContentProvider(new Content());
        RowTools.sortable(viewer, o -> o instanceof Triage); // the groups keep their order, findings sort inside
        RowTools.fitHeaders(viewer.getTree());
        RowTools.menu(viewer.getTree(), id, RowTools.rows(viewer),
                new RowTools.Entry("copySql", "Copy as SQL", () -> RowTools.copy(viewer.getTree(),
                        io.walscope.core.check.Scripts.fixScript("Fixes", fixes())), () -> !fixes().isEmpty()),
                new RowTools.Entry("showSql", "Show SQL", () -> onShowSql.run(), () -> onShowSql != null && !fixes().isEmpty()),
                new RowTools.Entry("watch", "Watch This Table…", () -> onWatch.accept(selectedTable()),
                        () -> onWatch != null && selectedTable() != null));
        if (checkable) {
            ((CheckboxTreeViewer) viewer).addCheckStateListener(e -> {
                if (e.getElement() instanceof Triage t) {
                    for (Finding f : groups.get(t)) {
                        ((CheckboxTreeViewer) viewer).setChecked(f, e.getChecked() && f.fix() != null);
                    }
                } else if (e.getElement() instanceof Finding f && f.fix() == null) {
                    ((CheckboxTreeViewer) viewer).setChecked(f, false);
                }
                notifyListeners(SWT.Modify, new Event());
            });
        }
        viewer.getTree().addListener(SWT.MouseDown, this::clickedFix);
        details = Widgets.name(new Text(sash, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI | SWT.V_SCROLL | SWT.BORDER),
                id + ".details");
        details.setText("Select a finding to read it in full.");
        viewer.addSelectionChangedListener(e -> showDetails());
        sash.setWeights(78, 22);
    }

    /** What applying the fix takes, for the Fix column. */
    public static String fixText(Finding f) {
        Fix x = f.fix();
        if (x == null || !f.status().needsAction()) {
            return "";
        }
        if (x.needsRestart()) {
            return "SQL + restart";
        }
        if (x.reloads()) {
            return "SQL + reload";
        }
        return x.explicitOnly() ? "drop (on request)" : "SQL";
    }

    private void column(String title, int width, Function<Object, String> text, Function<Object, Image> image,
            Function<Object, Color> color) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public Image getImage(Object element) {
                return image.apply(element);
            }

            @Override
            public Color getForeground(Object element) {
                return color == null ? null : color.apply(element);
            }

            @Override
            public String getToolTipText(Object element) {
                return element instanceof Finding f ? f.id() + " · " + f.subject() + "\n\n" + f.message() : null;
            }
        });
    }

    /** A click on the Fix cell of a finding with a fix hands it to the handler (one click from the fix). */
    private void clickedFix(Event e) {
        if (onFix == null || e.button != 1) {
            return;
        }
        TreeItem item = viewer.getTree().getItem(new Point(e.x, e.y));
        if (item != null && item.getData() instanceof Finding f && f.fix() != null && f.status().needsAction()
                && item.getBounds(FIX_COLUMN).contains(e.x, e.y)) {
            onFix.accept(f);
        }
    }

    private void showDetails() {
        Object o = viewer.getStructuredSelection().getFirstElement();
        if (o instanceof Finding f) {
            StringBuilder b = new StringBuilder(f.status().id().toUpperCase(java.util.Locale.ROOT)).append("  ")
                    .append(f.id()).append("  ").append(f.subject()).append("\n").append(f.message());
            if (f.fix() != null) {
                b.append("\n\nFix").append(f.fix().needsRestart() ? " (takes effect after a restart)" : "").append(":\n")
                        .append(f.fix().script());
            }
            details.setText(b.toString());
        } else if (o instanceof Triage t) {
            details.setText(t.label() + ": " + groups.get(t).size() + " finding(s).");
        }
    }

    /** Shows {@code findings}: problems expanded, OK collapsed; with check boxes, those needing action checked. */
    public void setFindings(List<Finding> findings) {
        // a re-check (after Apply) keeps what the user opened and selected
        boolean again = viewer.getInput() != null;
        java.util.Set<Object> open = new java.util.HashSet<>(List.of(viewer.getExpandedElements()));
        java.util.Set<String> selected = new java.util.HashSet<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            selected.add(key(o));
        }
        TreeItem topItem = again ? viewer.getTree().getTopItem() : null;
        String top = topItem == null || topItem.getData() == null ? null : key(topItem.getData());
        int topRow = topItem == null ? 0 : Math.max(0, shownItems().indexOf(topItem));
        Map<Triage, List<Finding>> before = groups;
        groups = Triage.group(findings);
        viewer.setInput(groups);
        for (Triage t : Triage.values()) {
            boolean fresh = !again || before.getOrDefault(t, List.of()).isEmpty();
            viewer.setExpandedState(t, fresh ? t != Triage.OK && !groups.get(t).isEmpty() : open.contains(t));
        }
        if (again && !selected.isEmpty()) {
            // select() does not scroll (setSelection would, to the first one)
            for (TreeItem g : viewer.getTree().getItems()) {
                for (TreeItem i : g.getExpanded() ? g.getItems() : new TreeItem[0]) {
                    if (i.getData() != null && selected.contains(key(i.getData()))) {
                        viewer.getTree().select(i);
                    }
                }
            }
            showDetails();
        }
        if (top != null) {
            keepTop(top, topRow);
        }
        if (viewer instanceof CheckboxTreeViewer c) {
            for (Finding f : findings) {
                c.setChecked(f, f.fix() != null && f.status().needsAction() && !f.fix().explicitOnly());
            }
            for (Triage t : Triage.values()) {
                c.setChecked(t, groups.get(t).stream().anyMatch(c::getChecked));
            }
        }
        details.setText(findings.isEmpty() ? "Nothing to show here." : "Select a finding to read it in full.");
    }

    /**
     * Scrolls back to the row that was at the top before a re-check: the same group or finding, else (it is gone, or
     * its group is closed now) the row at the same place, so the user reads on where they were.
     */
    private void keepTop(String top, int topRow) {
        List<TreeItem> shown = shownItems();
        if (shown.isEmpty()) {
            return;
        }
        TreeItem same = shown.stream().filter(i -> i.getData() != null && top.equals(key(i.getData()))).findFirst()
                .orElse(shown.get(Math.min(topRow, shown.size() - 1)));
        viewer.getTree().setTopItem(same);
    }

    /** The shown rows, top to bottom: the groups and the findings of the open ones. */
    private List<TreeItem> shownItems() {
        List<TreeItem> shown = new ArrayList<>();
        for (TreeItem g : viewer.getTree().getItems()) {
            shown.add(g);
            if (g.getExpanded()) {
                shown.addAll(List.of(g.getItems()));
            }
        }
        return shown;
    }

    /** The group or finding shown at the top of the tree (it stays there across a re-check), or null. */
    public Object topElement() {
        TreeItem t = viewer.getTree().getTopItem();
        return t == null ? null : t.getData();
    }

    /** A row's identity across re-checks: a group, or a finding's check and subject (its status may change). */
    private static String key(Object o) {
        return o instanceof Finding f ? f.id() + "\u0000" + f.subject() : String.valueOf(o);
    }

    /** The checked findings that carry a fix (with check boxes), else the selected ones. */
    public List<Finding> chosen() {
        List<Finding> out = new ArrayList<>();
        Object[] items = viewer instanceof CheckboxTreeViewer c ? c.getCheckedElements()
                : viewer.getStructuredSelection().toArray();
        for (Object o : items) {
            if (o instanceof Finding f && f.fix() != null && f.status().needsAction()) {
                out.add(f);
            }
        }
        return out;
    }

    /** One click on a fix in the Fix column calls {@code handler} with its finding. */
    /** "Show SQL" of the context menu (the menu item is off without it). */
    public void onShowSql(Runnable r) {
        onShowSql = r;
    }

    /** "Watch This Table…" of the context menu, given the selected table finding's subject. */
    public void onWatch(Consumer<String> w) {
        onWatch = w;
    }

    /** The selected findings that have a fix. */
    private List<Finding> fixes() {
        List<Finding> out = new ArrayList<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            if (o instanceof Finding f && f.fix() != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** The table a single selected finding is about, or null. */
    private String selectedTable() {
        Object o = viewer.getStructuredSelection().getFirstElement();
        return viewer.getStructuredSelection().size() == 1 && o instanceof Finding f && f.area().equals("table") ? f.subject() : null;
    }

    public void onFix(Consumer<Finding> handler) {
        this.onFix = handler;
    }

    public TreeViewer viewer() {
        return viewer;
    }

    public String detailsText() {
        return details.getText();
    }

    /** Triage groups → findings; only groups with findings show. */
    private final class Content implements ITreeContentProvider {
        @Override
        public void inputChanged(Viewer v, Object old, Object in) {
        }

        @Override
        public Object[] getElements(Object in) {
            return groups.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof Triage t ? groups.get(t).toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof Finding f ? Triage.of(f) : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Triage t && !groups.get(t).isEmpty();
        }
    }
}
