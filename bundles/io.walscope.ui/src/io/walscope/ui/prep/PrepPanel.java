package io.walscope.ui.prep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Scripts;
import io.walscope.core.check.Triage;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.check.ApplyReport;
import io.walscope.core.pg.check.CheckRunner;
import io.walscope.core.pg.check.FixApplier;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.MonitorProgress;
import io.walscope.ui.Widgets;

/**
 * The body of the Preparation editor: findings grouped as "blocks CDC" / "should fix" / "ok" ({@link FindingsTree}:
 * each message readable in full, each fix one click away), the fix SQL of the selection, Re-check / Apply selected /
 * Export script, and the per-table matrix. Every database call runs in
 * a Job; results come back through {@code asyncExec} with a dispose check.
 */
public final class PrepPanel extends Composite {
    /** Where the secrets of the profile come from (called in the Job, never on the display thread). */
    public interface SecretsSource {
        Secrets get() throws WalscopeException;
    }

    private final ConnectionProfile profile;
    private final SecretsSource secrets;
    private final CheckOptions options;
    private final FindingsTree findingsTree;
    private final TreeViewer tree;
    private final StyledText sql;
    private final TableMatrix matrix;
    private final Label status;
    private final Button recheck;
    private final Button apply;
    private final Button export;
    private final CTabFolder tabs;
    private CheckReport report;
    private Job job;
    private volatile boolean busy;
    private String lastApply = "";
    /** Whether the login role is a superuser (read with each check; null before the first). */
    private volatile Boolean superuser;
    /** Asks before applying; tests replace it. */
    private Predicate<String> confirm = text -> MessageDialog.openConfirm(getShell(), "Walscope", text);

    public PrepPanel(Composite parent, ConnectionProfile profile, SecretsSource secrets) {
        super(parent, SWT.NONE);
        this.profile = profile;
        this.secrets = secrets;
        this.options = CheckOptions.of(profile.getSchemas().isEmpty() ? List.of("public") : profile.getSchemas(), profile.getPlugin());
        setLayout(new GridLayout(1, false));

        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayout(new GridLayout(4, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        status = Widgets.name(new Label(bar, SWT.NONE), "prep.status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        recheck = button(bar, Messages.RECHECK, "prep.recheck", this::recheck);
        apply = button(bar, Messages.APPLY, "prep.apply", this::applySelected);
        export = button(bar, Messages.EXPORT, "prep.export", this::export);

        tabs = new CTabFolder(this, SWT.BORDER);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        SashForm sash = new SashForm(tabs, SWT.VERTICAL);
        findingsTree = new FindingsTree(sash, "prep.findings", false);
        findingsTree.onFix(this::applyOne);
        findingsTree.onWatch(table -> io.walscope.ui.live.LiveView.watch(
                org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), profile, table));
        tree = findingsTree.viewer();
        tree.addSelectionChangedListener(e -> showSql());
        sql = Widgets.name(new StyledText(sash, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY), "prep.sql");
        sql.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        findingsTree.onShowSql(sql::setFocus);
        sash.setWeights(75, 25);
        CTabItem findingsTab = new CTabItem(tabs, SWT.NONE);
        findingsTab.setText(Messages.FINDINGS_TAB);
        findingsTab.setControl(sash);
        matrix = new TableMatrix(tabs);
        CTabItem tablesTab = new CTabItem(tabs, SWT.NONE);
        tablesTab.setText(Messages.TABLES_TAB);
        tablesTab.setControl(matrix);
        tabs.setSelection(findingsTab);
        addDisposeListener(e -> {
            if (job != null) {
                job.cancel();
            }
        });
        updateButtons();
    }

    private Button button(Composite bar, String text, String id, Runnable r) {
        Button b = Widgets.name(new Button(bar, SWT.PUSH), id);
        b.setText(text);
        b.addListener(SWT.Selection, e -> r.run());
        return b;
    }

    /** Runs the checks in a Job. */
    public void recheck() {
        String what = String.format(Messages.CHECKING, profile.describe());
        run(what, monitor -> {
            try (Connection c = new PgConnector().connect(profile, secrets.get())) {
                superuser = ServerInfo.read(c).superuser();
                CheckReport r = new CheckRunner(profile, secrets.get()).run(c, options, new MonitorProgress(monitor));
                ui(() -> show(r, ""));
            }
        });
    }

    /** Applies the fixes of the selected findings (after confirmation) in a Job, then checks again. */
    public void applySelected() {
        apply(selectedFixable());
    }

    /** The one-click fix of the Fix column: the finding's own fix (after confirmation). */
    void applyOne(Finding f) {
        apply(List.of(f));
    }

    private void apply(List<Finding> chosen) {
        if (chosen.isEmpty()) {
            setStatus(Messages.NOTHING_SELECTED);
            return;
        }
        FixApplier.Plan plan = plan(chosen);
        if (!plan.runsSomething()) {
            setStatus(Messages.NOTHING_RUNS + " " + skippedText(plan));
            return;
        }
        String question = String.format(Messages.CONFIRM_APPLY, profile.describe(), Scripts.fixScript("Fixes", chosen));
        if (!plan.skipped().isEmpty()) {
            question += "\n\n" + String.format(Messages.WILL_SKIP, plan.skipped().size()) + "\n" + skippedText(plan);
        }
        if (!confirm.test(question)) {
            return;
        }
        run(String.format(Messages.APPLYING, chosen.stream().mapToInt(f -> f.fix().sql().size()).sum()), monitor -> {
            try (Connection c = new PgConnector().connect(profile, secrets.get())) {
                ApplyReport ar = FixApplier.apply(c, () -> new PgConnector().connectReplication(profile, secrets.get()),
                        chosen, ServerInfo.read(c).superuser(), new MonitorProgress(monitor));
                CheckReport r = new CheckRunner(profile, secrets.get()).run(c, options, new MonitorProgress(monitor));
                long skipped = ar.steps().stream().filter(s -> s.outcome() == ApplyReport.Outcome.SKIPPED).count();
                String primary = chosen.stream().filter(f -> f.fix().onPrimary()).map(f -> f.fix().primaryName())
                        .findFirst().orElse(null);
                String summary = ar.ok() ? "Applied " + ar.steps().stream().filter(s -> s.outcome() == ApplyReport.Outcome.APPLIED).count()
                        + " statement(s)" + (skipped > 0 ? ", skipped " + skipped + (primary == null
                                ? " that need a superuser" : " (this is a standby: those run on " + primary + ")") : "")
                        + "." : ar.failure();
                ui(() -> show(r, summary));
            }
        });
    }

    /** What Apply would do with {@code chosen}, as far as the panel knows the role (a superuser until checked). */
    private FixApplier.Plan plan(List<Finding> chosen) {
        return FixApplier.plan(chosen, superuser == null || superuser, true);
    }

    /** The skipped statements of {@code plan}, one a line with why. */
    private static String skippedText(FixApplier.Plan plan) {
        StringBuilder sb = new StringBuilder();
        for (ApplyReport.Step s : plan.skipped()) {
            sb.append(sb.length() == 0 ? "" : "\n").append("\u2022 ").append(s.sql()).append(" \u2014 ").append(s.message());
        }
        return sb.toString();
    }

    /** Asks for a file and writes the SQL of the selected fixes (all fixes when nothing is selected). */
    public void export() {
        FileDialog d = new FileDialog(getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] {"*.sql"});
        d.setFileName("walscope-fixes-" + profile.getName().replaceAll("[^A-Za-z0-9_-]", "_") + ".sql");
        d.setOverwrite(true);
        String f = io.walscope.ui.Folders.open(d);
        if (f != null) {
            exportTo(Path.of(f));
        }
    }

    /** Writes the script of the selected fixes (or all fixes) to {@code file}. */
    public void exportTo(Path file) {
        List<Finding> chosen = selectedFixable();
        if (chosen.isEmpty() && report != null) {
            chosen = report.fixable().stream().filter(x -> !x.fix().explicitOnly()).toList();
        }
        try {
            Files.writeString(file, Scripts.fixScript("Fixes for " + profile.describe(), chosen), StandardCharsets.UTF_8);
            setStatus("Wrote " + chosen.size() + " fix(es) to " + file);
        } catch (java.io.IOException e) {
            setStatus("Could not write " + file + ": " + e.getMessage());
        }
    }

    private interface Work {
        void run(IProgressMonitor monitor) throws Exception;
    }

    private void run(String name, Work work) {
        if (busy) {
            return;
        }
        busy = true;
        setStatus(name);
        job = Job.create(name, (IProgressMonitor monitor) -> {
            try {
                work.run(monitor);
                return Status.OK_STATUS;
            } catch (Exception e) {
                String m = e.getMessage() == null ? e.toString() : e.getMessage();
                ui(() -> setStatus(m));
                return Status.OK_STATUS; // shown in the editor, not as an error dialog
            } finally {
                busy = false;
                ui(this::updateButtons);
            }
        });
        job.setUser(false);
        updateButtons();
        job.schedule();
    }

    private void ui(Runnable r) {
        if (isDisposed()) {
            return;
        }
        getDisplay().asyncExec(() -> {
            if (!isDisposed()) {
                r.run();
            }
        });
    }

    private void show(CheckReport r, String applied) {
        report = r;
        lastApply = applied;
        findingsTree.setFindings(r.findings());
        matrix.show(r);
        String when = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        setStatus((applied.isEmpty() ? "" : applied + "  ") + String.format(Messages.CHECKED, summary(r), when));
        showSql();
    }

    static String summary(CheckReport r) {
        long fail = r.findings().stream().filter(f -> f.status() == io.walscope.core.check.Status.FAIL).count();
        long warn = r.findings().stream().filter(f -> f.status() == io.walscope.core.check.Status.WARN).count();
        return "PostgreSQL " + r.serverVersion() + ": " + fail + " fail, " + warn + " warn";
    }

    private List<Finding> selectedFixable() {
        List<Finding> out = new ArrayList<>();
        for (Object o : tree.getStructuredSelection().toList()) {
            if (o instanceof Finding f && f.fix() != null && f.status().needsAction()) {
                out.add(f);
            } else if (o instanceof Triage group && report != null) {
                report.fixable().stream().filter(f -> Triage.of(f) == group && !f.fix().explicitOnly()).forEach(out::add);
            }
        }
        return out;
    }

    private void showSql() {
        List<Finding> chosen = selectedFixable();
        String script = chosen.isEmpty() ? "-- select findings with a fix to see their SQL" : Scripts.fixScript("Fixes of the selection", chosen);
        FixApplier.Plan plan = chosen.isEmpty() ? null : plan(chosen);
        if (plan != null && !plan.skipped().isEmpty()) {
            script = "-- Apply skips " + plan.skipped().size() + " of these here:\n-- " + skippedText(plan).replace("\n", "\n-- ")
                    + "\n\n" + script;
        }
        sql.setText(script);
        updateButtons();
    }

    private void updateButtons() {
        if (isDisposed()) {
            return;
        }
        recheck.setEnabled(!busy);
        List<Finding> chosen = selectedFixable();
        FixApplier.Plan plan = chosen.isEmpty() ? null : plan(chosen);
        apply.setEnabled(!busy && plan != null && plan.runsSomething());
        apply.setToolTipText(plan == null ? Messages.NOTHING_SELECTED
                : plan.runsSomething() ? null : Messages.NOTHING_RUNS + "\n" + skippedText(plan));
        export.setEnabled(!busy && report != null);
    }

    private void setStatus(String text) {
        status.setText(text);
        status.setToolTipText(text);
        status.getParent().layout();
    }

    // for tests and the editor
    public CheckReport report() {
        return report;
    }

    public String statusText() {
        return status.getText();
    }

    public String lastApply() {
        return lastApply;
    }

    public TreeViewer findings() {
        return tree;
    }

    public TableMatrix matrix() {
        return matrix;
    }

    /** Brings the per-table matrix to the front. */
    public void showTables() {
        tabs.setSelection(1);
    }

    public void setConfirm(Predicate<String> c) {
        confirm = c;
    }

    public boolean busy() {
        return busy;
    }
}
