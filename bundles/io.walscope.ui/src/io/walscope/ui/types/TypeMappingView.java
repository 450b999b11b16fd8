package io.walscope.ui.types;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.ISelectionService;
import org.eclipse.ui.part.ViewPart;

import io.walscope.core.pg.catalog.ClickHouseDdl;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.types.PluginNotes;
import io.walscope.core.types.Status;
import io.walscope.ui.Columns;
import io.walscope.ui.DemoService;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.Widgets;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.types.TypeTree.ColumnNode;
import io.walscope.ui.types.TypeTree.SchemaNode;
import io.walscope.ui.types.TypeTree.TableNode;

/**
 * What each column of the profile selected in the Connections view becomes: tree schema → table → column with
 * the PostgreSQL type, Walscope's canonical type, the JSON form, the ClickHouse type, the status (coloured), the
 * note and a real sample value as PostgreSQL shows it and as Walscope emits it. The catalog and the samples are
 * read by a {@link TypeCatalogJob}; the display thread only shows what the Job posts.
 */
public final class TypeMappingView extends ViewPart {
    public static final String ID = "io.walscope.ui.types";
    private TreeViewer viewer;
    private Text search;
    private Button lossyOnly;
    private Button copyDdl;
    private Label status;
    private ConnectionProfile profile;
    private TypeCatalogJob job;
    private String lastCopied;
    private int expandLevel = TreeViewer.ALL_LEVELS;
    private final DemoService.Listener demoListener = d -> {
        // the demo starts after the view opened: show it once it runs
        if (d.state() == DemoService.State.RUNNING && !viewer.getControl().isDisposed()) {
            viewer.getControl().getDisplay().asyncExec(() -> {
                if (!viewer.getControl().isDisposed() && profile != null && profile.isDemo() && job == null) {
                    show(d.profile());
                }
            });
        }
    };
    private final ISelectionListener selectionListener = (part, selection) -> {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof ConnectionProfile p) {
            show(p);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(4, false));
        search = Widgets.name(new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER), "types.search");
        search.setMessage(Messages.SEARCH_HINT);
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        lossyOnly = Widgets.name(new Button(parent, SWT.CHECK), "types.lossyOnly");
        lossyOnly.setText(Messages.LOSSY_ONLY);
        copyDdl = Widgets.name(new Button(parent, SWT.PUSH), "types.copyDdl");
        copyDdl.setText(Messages.COPY_DDL);
        copyDdl.setEnabled(false);
        new Label(parent, SWT.NONE);
        status = Widgets.name(new Label(parent, SWT.NONE), "types.status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        Widgets.name(viewer.getTree(), "types.tree");
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new Content());
        columns();
        TypeFilter filter = new TypeFilter();
        viewer.setFilters(filter);
        search.addModifyListener(e -> {
            filter.text = search.getText().trim().toLowerCase(Locale.ROOT);
            refilter();
        });
        lossyOnly.addListener(SWT.Selection, e -> {
            filter.lossyOnly = lossyOnly.getSelection();
            refilter();
        });
        io.walscope.ui.RowTools.emptyText(viewer.getTree(), () -> viewer.getInput() == null ? null
                : lossyOnly.getSelection() && search.getText().isBlank() ? Messages.NONE_LOSSY
                : !search.getText().isBlank() ? String.format(Messages.NONE_MATCH, search.getText().trim()) : null);
        viewer.addSelectionChangedListener(e -> copyDdl.setEnabled(selectedTable() != null));
        copyDdl.addListener(SWT.Selection, e -> copyDdl());
        io.walscope.ui.RowTools.install(viewer, "types", // sorting, header-wide columns, the shared copy items
                new io.walscope.ui.RowTools.Entry("copyDdl", Messages.COPY_DDL, this::copyDdl, () -> selectedTable() != null),
                new io.walscope.ui.RowTools.Entry("watch", "Watch This Table…", () -> io.walscope.ui.live.LiveView.watch(
                        getSite().getPage(), profile, selectedTable().table.qualifiedName()), () -> selectedTable() != null));

        ISelectionService selections = getSite().getWorkbenchWindow().getSelectionService();
        selections.addPostSelectionListener(ConnectionsView.ID, selectionListener);
        WalscopeUi.get().demo().addListener(demoListener);
        selectionListener.selectionChanged(null, selections.getSelection(ConnectionsView.ID));
        if (profile == null) {
            status.setText(Messages.SELECT_PROFILE);
        }
    }

    private void columns() {
        column(Messages.COL_NAME, 180, o -> o instanceof SchemaNode s ? s.name()
                : o instanceof TableNode t ? t.label() : ((ColumnNode) o).column.name());
        column(Messages.COL_PG, 170, o -> o instanceof ColumnNode c ? c.column.pgType()
                : o instanceof TableNode t ? t.table.columns().size() + " columns"
                        : ((SchemaNode) o).tables().size() + " tables");
        column(Messages.COL_CANONICAL, 140, o -> o instanceof ColumnNode c ? c.column.mapping().canonical().toString() : "");
        column(Messages.COL_JSON, 160, o -> o instanceof ColumnNode c ? c.column.mapping().json() : "");
        column(Messages.COL_CLICKHOUSE, 190, o -> o instanceof ColumnNode c ? c.column.mapping().clickhouse() : "");
        TreeViewerColumn st = column(Messages.COL_STATUS, 90, TypeMappingView::statusText);
        st.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object o) {
                return statusText(o);
            }

            @Override
            public Color getForeground(Object o) {
                Status s = statusOf(o);
                int color = s == Status.FULL ? SWT.COLOR_DARK_GREEN
                        : s == Status.LOSSY ? SWT.COLOR_DARK_YELLOW : SWT.COLOR_RED;
                return viewer.getControl().getDisplay().getSystemColor(color);
            }
        });
        column(Messages.COL_NOTE, 220, o -> o instanceof ColumnNode c
                ? TypeTree.oneLine(PluginNotes.withNote(c.column.mapping().note(), c.column.type()))
                : o instanceof TableNode t && t.table.primaryKey().isEmpty() ? "no primary key" : "");
        column(Messages.COL_SAMPLE_PG, 170, o -> o instanceof ColumnNode c ? TypeTree.oneLine(c.samplePg)
                : o instanceof TableNode t ? TypeTree.oneLine(t.sampleNote) : "");
        column(Messages.COL_SAMPLE_JSON, 170, o -> o instanceof ColumnNode c ? TypeTree.oneLine(c.sampleJson) : "");
        column(Messages.COL_SAMPLE_CH, 170, o -> o instanceof ColumnNode c ? TypeTree.oneLine(c.sampleCh) : "");
    }

    private TreeViewerColumn column(String title, int width, java.util.function.Function<Object, String> text) {
        TreeViewerColumn c = Columns.add(viewer, title, width, text, null);
        c.getColumn().setMoveable(true);
        return c;
    }

    private static Status statusOf(Object o) {
        if (o instanceof ColumnNode c) {
            return c.status();
        }
        if (o instanceof TableNode t) {
            return t.table.worstStatus();
        }
        Status s = Status.FULL;
        for (TableNode t : ((SchemaNode) o).tables()) {
            s = s.worst(t.table.worstStatus());
        }
        return s;
    }

    private static String statusText(Object o) {
        if (o instanceof ColumnNode c) {
            return c.status().label();
        }
        if (o instanceof TableNode t) {
            long n = t.columns.stream().filter(c -> c.status() != Status.FULL).count();
            return n == 0 ? Status.FULL.label() : statusOf(o).label() + " (" + n + ")";
        }
        return statusOf(o).label();
    }

    /** Shows the types of {@code p}, reading them in a Job. */
    void show(ConnectionProfile p) {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        if (job != null) {
            job.cancel();
            job = null;
        }
        profile = p;
        viewer.setInput(List.of());
        if (p.isDemo() && WalscopeUi.get().demo().state() != DemoService.State.RUNNING) {
            status.setText(Messages.DEMO_NOT_RUNNING + " " + WalscopeUi.get().demo().message());
            return;
        }
        status.setText(String.format(Messages.READING, p.getName()));
        job = new TypeCatalogJob(p, viewer.getControl().getDisplay(), this::posted);
        job.schedule();
    }

    /** Called on the display thread by the Job: the tree (first), then the samples, or a failure. */
    private void posted(TypeCatalogJob.Result r) {
        if (viewer.getControl().isDisposed() || r.job() != job) {
            return;
        }
        if (r.error() != null) {
            status.setText(profile.getName() + ": " + r.error());
            return;
        }
        if (r.samplesDone() == 0) {
            int tables = r.schemas().stream().mapToInt(s -> s.tables().size()).sum();
            viewer.getTree().setRedraw(false);
            try {
                expandLevel = tables <= 50 ? TreeViewer.ALL_LEVELS : 2;
                viewer.setAutoExpandLevel(expandLevel);
                viewer.setInput(r.schemas());
            } finally {
                viewer.getTree().setRedraw(true);
            }
        } else {
            viewer.refresh(true);
        }
        status.setText(r.summary());
    }

    private void refilter() {
        viewer.getTree().setRedraw(false);
        try {
            viewer.refresh();
            // rows that come back after a filter come back collapsed: expand as a fresh load would
            viewer.expandToLevel(!search.getText().isBlank() || lossyOnly.getSelection() ? TreeViewer.ALL_LEVELS
                    : expandLevel);
        } finally {
            viewer.getTree().setRedraw(true);
        }
    }

    private TableNode selectedTable() {
        Object o = viewer.getStructuredSelection().getFirstElement();
        return o instanceof TableNode t ? t : o instanceof ColumnNode c ? c.parent : null;
    }

    private void copyDdl() {
        TableNode t = selectedTable();
        if (t == null) {
            return;
        }
        lastCopied = ClickHouseDdl.of(t.table);
        Clipboard cb = new Clipboard(viewer.getControl().getDisplay());
        try {
            cb.setContents(new Object[] { lastCopied }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            cb.dispose();
        }
        status.setText(String.format(Messages.COPIED, t.table.qualifiedName()));
    }

    /** The DDL last copied (tests read it). */
    public String lastCopiedDdl() {
        return lastCopied;
    }

    /** The status line of the view (tests read it). */
    public String statusText() {
        return status.getText();
    }

    /** Selects the row of a table, or of a column when {@code column} is not null (tests and keyboard users). */
    public void select(String schema, String table, String column) {
        for (Object s : (List<?>) viewer.getInput()) {
            for (TableNode t : ((SchemaNode) s).tables()) {
                if (t.parent.name().equals(schema) && t.table.name().equals(table)) {
                    Object target = t;
                    for (ColumnNode c : t.columns) {
                        if (c.column.name().equals(column)) {
                            target = c;
                        }
                    }
                    viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(target), true);
                }
            }
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getWorkbenchWindow().getSelectionService().removePostSelectionListener(ConnectionsView.ID,
                selectionListener);
        WalscopeUi.get().demo().removeListener(demoListener);
        if (job != null) {
            job.cancel();
        }
        super.dispose();
    }

    private static final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((List<?>) input).toArray();
        }

        @Override
        public Object[] getChildren(Object o) {
            return o instanceof SchemaNode s ? s.tables().toArray()
                    : o instanceof TableNode t ? t.columns.toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object o) {
            return o instanceof ColumnNode c ? c.parent : o instanceof TableNode t ? t.parent : null;
        }

        @Override
        public boolean hasChildren(Object o) {
            return !(o instanceof ColumnNode);
        }
    }

    /** Search text and "lossy or unsupported only"; a table or schema shows when one of its columns does. */
    private static final class TypeFilter extends ViewerFilter {
        String text = "";
        boolean lossyOnly;

        @Override
        public boolean select(Viewer v, Object parent, Object o) {
            if (o instanceof ColumnNode c) {
                return (!lossyOnly || c.status() != Status.FULL) && (text.isEmpty() || TypeTree.matches(c, text));
            }
            if (o instanceof TableNode t) {
                return t.columns.stream().anyMatch(c -> select(v, t, c));
            }
            return ((SchemaNode) o).tables().stream().anyMatch(t -> select(v, o, t));
        }
    }
}
