package io.walscope.ui.prep;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.check.CheckReport;
import io.walscope.core.check.TableFacts;
import io.walscope.ui.Columns;
import io.walscope.ui.Widgets;

/** The per-table matrix: primary key, replica identity, partitioning, publications, TOAST columns; with filters. */
public final class TableMatrix extends Composite {
    private final TableViewer viewer;
    private final Text filter;
    private final Button problemsOnly;
    private boolean publications;
    private final Color problemColor;

    TableMatrix(Composite parent) {
        super(parent, SWT.NONE);
        setLayout(new GridLayout(2, false));
        problemColor = new Color(getDisplay(), 255, 244, 204);
        addDisposeListener(e -> problemColor.dispose());
        filter = Widgets.name(new Text(this, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL), "prep.tables.filter");
        filter.setMessage(Messages.FILTER_HINT);
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        problemsOnly = Widgets.name(new Button(this, SWT.CHECK), "prep.tables.problems");
        problemsOnly.setText(Messages.PROBLEMS_ONLY);
        viewer = new TableViewer(this, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.VIRTUAL);
        Widgets.name(viewer.getTable(), "prep.tables");
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setUseHashlookup(true);
        column("Table", 240, TableFacts::subject);
        column("Kind", 170, t -> t.isPartitionedRoot() ? "partitioned (" + t.partitions() + ")" : t.isPartition() ? "partition of " + t.parent() : "table");
        column("Primary key", 100, t -> t.isPartitionedRoot() ? "" : t.hasPrimaryKey() ? "yes" : "no");
        column("Replica identity", 130, t -> t.isPartitionedRoot() ? "" : t.replicaIdentityName() + (t.identityIndex() == null ? "" : " " + t.identityIndex()));
        column("In publication", 180, t -> t.publications().isEmpty() ? "no" : String.join(", ", new java.util.TreeSet<>(t.publications())));
        column("SELECT", 70, t -> t.canSelect() ? "yes" : "no");
        column("TOAST columns", 220, t -> String.join(", ", t.toastColumns()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        io.walscope.ui.RowTools.install(viewer, "prep.tables");
        viewer.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer v, Object parentElement, Object element) {
                TableFacts t = (TableFacts) element;
                String f = filter.getText().trim().toLowerCase(Locale.ROOT);
                return (f.isEmpty() || t.subject().toLowerCase(Locale.ROOT).contains(f)) && (!problemsOnly.getSelection() || problem(t));
            }
        });
        filter.addModifyListener(e -> viewer.refresh());
        problemsOnly.addListener(SWT.Selection, e -> viewer.refresh());
    }

    private boolean problem(TableFacts t) {
        if (t.isPartitionedRoot()) {
            return publications && t.publications().isEmpty();
        }
        return !t.hasPrimaryKey() || t.replicaIdentity() != 'f' || !t.canSelect() || (publications && t.publications().isEmpty());
    }

    private void column(String title, int width, Function<TableFacts, String> text) {
        Columns.add(viewer, title, width, TableFacts.class, text, t -> problem(t) ? problemColor : null);
    }

    void show(CheckReport r) {
        publications = r.findings().stream().anyMatch(f -> f.area().equals("publication"));
        viewer.setInput(r.tables().toArray());
    }

    /** The rows shown after filtering (tests). */
    public List<TableFacts> visible() {
        Object in = viewer.getInput();
        if (!(in instanceof Object[] all)) {
            return List.of();
        }
        return java.util.Arrays.stream(all).filter(o -> java.util.Arrays.stream(viewer.getFilters()).allMatch(f -> f.select(viewer, in, o)))
                .map(o -> (TableFacts) o).toList();
    }

    public void setFilter(String text, boolean problems) {
        filter.setText(text);
        problemsOnly.setSelection(problems);
        viewer.refresh();
    }
}
