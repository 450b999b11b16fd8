package io.walscope.ui.setup;

import java.util.List;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Scripts;
import io.walscope.core.check.Status;
import io.walscope.core.check.Triage;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.Widgets;
import io.walscope.ui.prep.FindingsTree;

/**
 * A page for one step of the source guide: what the checks found for it (grouped as blocks CDC / should fix / ok),
 * the SQL or config it would change (previewed exactly), Apply, Add to DBA script and Check again, and one status
 * line. Subclasses add the step's own controls above and choose what Apply applies. Widget ids:
 * {@code setup.<step>.findings|sql|apply|script|recheck|status}.
 */
abstract class StepPage extends WizardPage implements SetupPage {
    protected final SetupWizard wizard;
    protected final SetupStep step;
    protected final String id;
    protected FindingsTree findings;
    protected StyledText preview;
    protected Button apply;
    protected Button toScript;
    protected Label status;
    private String said = "";

    StepPage(SetupWizard wizard, SetupStep step) {
        super(step.name().toLowerCase(java.util.Locale.ROOT), step.label(), null);
        this.wizard = wizard;
        this.step = step;
        this.id = "setup." + step.name().toLowerCase(java.util.Locale.ROOT);
        setDescription(step.description() + " (Source guide: " + (step.guideStep().equals("SSL") ? "Enable SSL"
                : "step " + step.guideStep()) + ".)");
    }

    SetupModel model() {
        return wizard.model();
    }

    @Override
    public final void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        createTop(c);
        SashForm sash = new SashForm(c, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createMiddle(sash);
        preview = Widgets.name(new StyledText(sash, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY),
                id + ".sql");
        preview.setFont(JFaceResources.getTextFont());
        sash.setWeights(sash.getChildren().length == 2 ? new int[] {55, 45} : new int[] {100});
        Composite bar = new Composite(c, SWT.NONE);
        bar.setLayout(new GridLayout(4, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
        apply = button(bar, applyLabel(), id + ".apply", this::applyPressed);
        toScript = button(bar, Messages.TO_SCRIPT, id + ".script", this::scriptPressed);
        button(bar, Messages.RECHECK, id + ".recheck", () -> say(wizard.recheck() == null ? "Checked again." : wizard.lastError()));
        status = Widgets.name(new Label(bar, SWT.WRAP), id + ".status");
        GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sd.widthHint = 600;
        status.setLayoutData(sd);
        setControl(c);
        refresh();
    }

    /** The step's own controls, above the findings. */
    protected void createTop(Composite c) {
    }

    /** The findings (default); a page without findings of its own puts something else here, or nothing. */
    protected void createMiddle(Composite sash) {
        findings = new FindingsTree(sash, id + ".findings", checkable());
        findings.addListener(SWT.Modify, e -> updatePreview());
    }

    /** Whether the user ticks which findings Apply applies (default: yes). */
    protected boolean checkable() {
        return true;
    }

    protected String applyLabel() {
        return Messages.APPLY;
    }

    private Button button(Composite bar, String text, String bid, Runnable r) {
        Button b = Widgets.name(new Button(bar, SWT.PUSH), bid);
        b.setText(text);
        b.addListener(SWT.Selection, e -> r.run());
        return b;
    }

    /** The findings this page shows (default: the step's, from the preparing role's check). */
    protected List<Finding> shown() {
        return step.findings(report());
    }

    protected CheckReport report() {
        return model().report;
    }

    /** What Apply applies and the script gets (default: the checked findings). */
    protected List<Finding> chosen() {
        return findings == null ? List.of() : findings.chosen();
    }

    /** Comment lines this page adds to the DBA script (e.g. a pg_hba.conf line). */
    protected List<String> notes() {
        return List.of();
    }

    /** The preview: exactly what Apply runs. */
    protected String previewText() {
        List<Finding> c = chosen();
        StringBuilder b = new StringBuilder();
        for (String n : notes()) {
            b.append("-- ").append(n).append('\n');
        }
        b.append(c.isEmpty() ? Messages.PREVIEW_EMPTY + "\n" : Scripts.fixScript(step.title(), c));
        return b.toString();
    }

    @Override
    public void refresh() {
        if (findings != null) {
            findings.setFindings(shown());
        }
        refreshTop();
        updatePreview();
    }

    /** Updates the step's own controls from the model. */
    protected void refreshTop() {
    }

    protected void updatePreview() {
        if (preview == null || preview.isDisposed()) {
            return;
        }
        preview.setText(previewText());
        List<Finding> c = chosen();
        boolean runnable = c.stream().anyMatch(f -> f.fix() != null && (!f.fix().needsSuperuser() || model().superuser()));
        apply.setEnabled(runnable || alwaysApplicable());
        toScript.setEnabled(!c.isEmpty() || !notes().isEmpty());
        String state = stateLine();
        if (!c.isEmpty() && !runnable && !alwaysApplicable()) {
            state = String.format(Messages.NEEDS_SUPERUSER, model().admin.getUser()) + " " + state;
        }
        status.setText((said.isEmpty() ? "" : said + "  ") + state);
        status.getParent().layout();
    }

    /** True for pages whose Apply does something without a fix (the test). */
    protected boolean alwaysApplicable() {
        return false;
    }

    /** One line on how the step stands. */
    protected String stateLine() {
        if (report() == null) {
            return Messages.NOT_CHECKED;
        }
        List<Finding> f = shown();
        long blocks = f.stream().filter(x -> Triage.of(x) == Triage.BLOCKS).count();
        long fix = f.stream().filter(x -> Triage.of(x) == Triage.SHOULD_FIX).count();
        if (f.stream().anyMatch(x -> x.status() == Status.FAIL && x.fix() == null && x.message().contains("restart"))) {
            return Messages.RESTART_PENDING;
        }
        return blocks == 0 && fix == 0 ? "Nothing blocks CDC here." : blocks + " block CDC, " + fix + " should be fixed.";
    }

    protected void say(String text) {
        said = text == null ? "" : text;
        updatePreview();
    }

    protected void applyPressed() {
        List<Finding> c = chosen();
        if (c.isEmpty()) {
            say(Messages.NOTHING_TO_APPLY);
            return;
        }
        say(wizard.apply(step, c));
    }

    protected void scriptPressed() {
        List<Finding> c = chosen();
        model().toScript(step, c, notes());
        say(String.format(Messages.ADDED_TO_SCRIPT, c.stream().mapToInt(f -> f.fix().sql().size()).sum()));
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible && model().report == null) {
            // the first check, once the dialog shows (the container runs it with a progress bar)
            getShell().getDisplay().asyncExec(() -> {
                if (!getShell().isDisposed() && model().report == null) {
                    say(wizard.recheck());
                }
            });
        }
    }

    /** The status line (tests read it). */
    String statusText() {
        return status.getText();
    }
}
