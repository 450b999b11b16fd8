package io.walscope.ui.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.check.Finding;
import io.walscope.core.check.Scripts;
import io.walscope.core.pg.setup.SetupFacts.PollTable;
import io.walscope.core.setup.SetupSql;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.Columns;
import io.walscope.ui.Widgets;

/**
 * The guide's optional step 5.6: a {@code last_update} column and a trigger that sets it on UPDATE, per chosen table,
 * for incremental sync by timestamp ({@code walscope tail --poll}) where logical decoding is not available. Nothing
 * is ticked: the step is optional.
 */
final class LastUpdatePage extends StepPage {
    private CheckboxTableViewer tables;

    LastUpdatePage(SetupWizard wizard) {
        super(wizard, SetupStep.LAST_UPDATE);
    }

    @Override
    protected void createTop(Composite c) {
        Label l = new Label(c, SWT.WRAP);
        l.setText("Optional. Tick the tables that need a " + Scripts.LAST_UPDATE_COLUMN + " column (timestamptz, set on"
                + " UPDATE by the trigger " + Scripts.LAST_UPDATE_TRIGGER + "). Timestamp polling sees inserts and updates,"
                + " never deletes; it needs a primary key to order rows with the same timestamp.");
        GridData ld = new GridData(SWT.FILL, SWT.TOP, true, false);
        ld.widthHint = 900;
        l.setLayoutData(ld);
    }

    @Override
    protected void createMiddle(Composite sash) {
        tables = CheckboxTableViewer.newCheckList(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        Widgets.name(tables.getTable(), "setup.last_update.table");
        tables.getTable().setHeaderVisible(true);
        tables.getTable().setLinesVisible(true);
        column("Table", 280, PollTable::subject);
        column("Kind", 120, t -> t.partitioned() ? "partitioned" : "table");
        column("Primary key", 100, t -> t.hasPrimaryKey() ? "yes" : "no");
        column(Scripts.LAST_UPDATE_COLUMN, 110, t -> t.hasColumn() ? "yes" : "no");
        column("Trigger", 100, t -> t.partitioned() ? "(partitions)" : t.hasTrigger() ? "yes" : "no");
        column("Note", 300, t -> t.ready() ? "ready for polling" : !t.hasPrimaryKey() && !t.partitioned() ? "no primary key" : "");
        tables.setContentProvider(ArrayContentProvider.getInstance());
        tables.addCheckStateListener(e -> updatePreview());
    }

    private void column(String title, int width, Function<PollTable, String> text) {
        Columns.add(tables, title, width, PollTable.class, text, null);
    }

    @Override
    protected void refreshTop() {
        Object[] checked = tables.getCheckedElements();
        List<PollTable> rows = model().facts == null ? List.of()
                : model().facts.tables().stream().filter(t -> !t.partition()).toList();
        tables.setInput(rows.toArray());
        for (Object o : checked) {
            PollTable was = (PollTable) o;
            rows.stream().filter(t -> t.subject().equals(was.subject()) && !t.ready()).forEach(t -> tables.setChecked(t, true));
        }
    }

    @Override
    protected List<Finding> chosen() {
        Map<String, List<String>> bySchema = new LinkedHashMap<>();
        if (tables == null) {
            return List.of();
        }
        for (Object o : tables.getCheckedElements()) {
            PollTable t = (PollTable) o;
            bySchema.computeIfAbsent(t.schema(), k -> new ArrayList<>()).add(t.name());
        }
        List<Finding> out = new ArrayList<>();
        bySchema.forEach((schema, names) -> out.add(SetupSql.lastUpdate(schema, names, !model().superuser()
                && names.stream().anyMatch(n -> !owned(schema + "." + n)))));
        return out;
    }

    private boolean owned(String subject) {
        return model().report != null && model().report.tables().stream().anyMatch(t -> t.subject().equals(subject) && t.owned());
    }

    @Override
    protected String stateLine() {
        if (model().facts == null) {
            return Messages.NOT_CHECKED;
        }
        long ready = model().facts.tables().stream().filter(t -> !t.partition() && t.ready()).count();
        return ready + " table" + (ready == 1 ? " is" : "s are") + " ready for timestamp polling.";
    }
}
