package io.walscope.ui.setup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Finding;
import io.walscope.core.check.TableFacts;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.Columns;
import io.walscope.ui.Widgets;

/**
 * Step 3, the tables: per table its primary key and replica identity; tick the tables whose updates and deletes
 * must carry the whole old row (REPLICA IDENTITY FULL: the guide's choice, ticked where it is not FULL yet), and
 * read the risk of tables without a key. Every partition has its own replica identity.
 */
final class TablesPage extends StepPage {
    private CheckboxTableViewer tables;
    private Label risk;
    private final Set<String> unticked = new HashSet<>();

    TablesPage(SetupWizard wizard) {
        super(wizard, SetupStep.TABLES);
    }

    @Override
    protected boolean checkable() {
        return false;
    }

    @Override
    protected void createTop(Composite c) {
        new Label(c, SWT.NONE).setText("Tick the tables whose before-images are needed (REPLICA IDENTITY FULL):");
        tables = CheckboxTableViewer.newCheckList(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        Widgets.name(tables.getTable(), "setup.tables.table");
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, false);
        gd.heightHint = 170;
        tables.getTable().setLayoutData(gd);
        tables.getTable().setHeaderVisible(true);
        tables.getTable().setLinesVisible(true);
        column("Table", 260, TableFacts::subject);
        column("Primary key", 105, t -> t.hasPrimaryKey() ? "yes" : "NO");
        column("Replica identity", 140, t -> t.replicaIdentityName() + (t.identityIndex() == null ? "" : " " + t.identityIndex()));
        column("Partition of", 180, t -> t.parent() == null ? "" : t.parent());
        column("Note", 420, TablesPage::note);
        tables.setContentProvider(ArrayContentProvider.getInstance());
        tables.addCheckStateListener(e -> {
            String s = ((TableFacts) e.getElement()).subject();
            if (e.getChecked()) {
                unticked.remove(s);
            } else {
                unticked.add(s);
            }
            updatePreview();
        });
        risk = Widgets.name(new Label(c, SWT.WRAP), "setup.tables.risk");
        GridData rd = new GridData(SWT.FILL, SWT.TOP, true, false);
        rd.widthHint = 900;
        risk.setLayoutData(rd);
    }

    private static String note(TableFacts t) {
        if (t.replicaIdentity() == 'f') {
            return "whole old rows are sent already";
        }
        if (!t.hasPrimaryKey() && t.identityIndex() == null) {
            return "no key: updates and deletes carry nothing to match them by unless FULL";
        }
        return "before-images carry only the key";
    }

    private void column(String title, int width, Function<TableFacts, String> text) {
        Columns.add(tables, title, width, TableFacts.class, text, null);
    }

    private List<TableFacts> rows() {
        return model().report == null ? List.of()
                : model().report.tables().stream().filter(t -> !t.isPartitionedRoot()).toList();
    }

    @Override
    protected void refreshTop() {
        List<TableFacts> rows = rows();
        tables.setInput(rows.toArray());
        for (TableFacts t : rows) {
            tables.setChecked(t, t.replicaIdentity() != 'f' && !unticked.contains(t.subject()));
        }
        List<String> noKey = rows.stream().filter(t -> !t.hasPrimaryKey() && t.identityIndex() == null).map(TableFacts::subject).toList();
        long roots = model().report == null ? 0 : model().report.tables().stream().filter(TableFacts::isPartitionedRoot).count();
        risk.setText((noKey.isEmpty() ? "Every table has a primary key or an identity index."
                : noKey.size() + " table" + (noKey.size() == 1 ? " has" : "s have") + " no primary key (" + String.join(", ",
                        noKey.subList(0, Math.min(5, noKey.size()))) + (noKey.size() > 5 ? ", ..." : "") + "): without FULL their"
                        + " updates and deletes carry no old values (pgoutput's publication refuses them, wal2json skips them);"
                        + " with FULL two equal rows still cannot be told apart — add a primary key where you can.")
                + (roots == 0 ? "" : " " + roots + " partitioned table" + (roots == 1 ? "" : "s") + ": each partition is listed"
                        + " with its own replica identity."));
        risk.getParent().layout(true, true);
    }

    /** The FULL fixes of the ticked tables (the checks' own fixes, so ownership decides who may run them). */
    @Override
    protected List<Finding> chosen() {
        List<Finding> out = new ArrayList<>();
        if (model().report == null || tables == null) {
            return out;
        }
        for (Object o : tables.getCheckedElements()) {
            Finding f = model().report.find(CheckId.TABLE_REPLICA_IDENTITY, ((TableFacts) o).subject());
            if (f != null && f.fix() != null && f.status().needsAction()) {
                out.add(f);
            }
        }
        return out;
    }
}
