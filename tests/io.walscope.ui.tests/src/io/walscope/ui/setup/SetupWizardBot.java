package io.walscope.ui.setup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.check.Finding;
import io.walscope.core.setup.SetupStep;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/**
 * Page object of the setup wizard. Buttons that run database work block in the wizard's container (a progress bar,
 * the event loop running) until it is done, so a click returns with the page refreshed.
 */
public final class SetupWizardBot {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final WalscopeWizardDialog dialog;
    private final SetupWizard wizard;
    private final Display display;

    public SetupWizardBot(WalscopeWizardDialog dialog) {
        this.dialog = dialog;
        this.wizard = (SetupWizard) dialog.wizard();
        this.display = dialog.getShell().getDisplay();
    }

    /** Opens the dialog without blocking and waits for the first check. */
    public static SetupWizardBot open(WalscopeWizardDialog d) {
        d.setBlockOnOpen(false);
        d.open();
        SetupWizardBot bot = new SetupWizardBot(d);
        Ui.waitUntil(bot.display, () -> bot.wizard.model().report != null || bot.wizard.lastError() != null, WAIT,
                () -> "the first check");
        if (bot.wizard.model().report == null) {
            throw new AssertionError("the first check failed: " + bot.wizard.lastError());
        }
        return bot;
    }

    /** Creates the wizard on its own stores and opens it (no workbench needed). */
    public static SetupWizardBot open(Shell parent, SetupWizard w) {
        WalscopeWizardDialog d = new WalscopeWizardDialog(parent, w);
        d.addPageChangingListener(w);
        d.create();
        d.getShell().setSize(1180, 900);
        return open(d);
    }

    public SetupWizard wizard() {
        return wizard;
    }

    public Shell shell() {
        return dialog.getShell();
    }

    public boolean closed() {
        return dialog.getShell() == null || dialog.getShell().isDisposed();
    }

    public String pageName() {
        return dialog.getCurrentPage().getName();
    }

    private String stepId() {
        return "setup." + pageName();
    }

    public SetupWizardBot next() {
        press("wizard.next");
        return this;
    }

    public SetupWizardBot press(String id) {
        Button b = Ui.find(display, id, Button.class);
        if (!b.isEnabled()) {
            throw new AssertionError(id + " is disabled; the page says: " + status());
        }
        Ui.click(b);
        Ui.flush(display);
        return this;
    }

    public boolean enabled(String id) {
        return Ui.find(display, id, Button.class).isEnabled();
    }

    /** Apply on the current page; returns the status line after it. */
    public String apply() {
        press(stepId() + ".apply");
        return status();
    }

    public String addToScript() {
        press(stepId() + ".script");
        return status();
    }

    public String recheck() {
        press(stepId() + ".recheck");
        return status();
    }

    public String status() {
        return Ui.find(display, stepId() + ".status", Label.class).getText();
    }

    public String sql() {
        return Ui.find(display, stepId() + ".sql", StyledText.class).getText();
    }

    public String label(String id) {
        return Ui.find(display, id, Label.class).getText();
    }

    public String text(String id) {
        return Ui.find(display, id, Text.class).getText();
    }

    public SetupWizardBot type(String id, String s) {
        Ui.find(display, id, Text.class).setText(s);
        Ui.flush(display);
        return this;
    }

    public SetupWizardBot check(String id, boolean on) {
        Button b = Ui.find(display, id, Button.class);
        if ((b.getStyle() & SWT.RADIO) != 0) {
            for (org.eclipse.swt.widgets.Control sibling : b.getParent().getChildren()) {
                if (sibling != b && sibling instanceof Button o && (o.getStyle() & SWT.RADIO) != 0) {
                    o.setSelection(false);
                }
            }
        }
        b.setSelection(on);
        Ui.click(b);
        Ui.flush(display);
        return this;
    }

    public SetupWizardBot choose(String comboId, String item) {
        Combo c = Ui.find(display, comboId, Combo.class);
        c.setText(item);
        c.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        Ui.flush(display);
        return this;
    }

    /** The findings the current page shows. */
    public List<Finding> findings() {
        SetupStep step = SetupStep.valueOf(pageName().toUpperCase(java.util.Locale.ROOT));
        if (dialog.getCurrentPage() instanceof StepPage p) {
            return p.shown();
        }
        return step.findings(wizard.model().report);
    }

    public Finding finding(String id, String subject) {
        return findings().stream().filter(f -> f.id().equals(id) && f.subject().equals(subject)).findFirst().orElse(null);
    }

    /** The rows of a table widget, the cells of each joined by " | ". */
    public List<String> rows(String id) {
        Table t = Ui.find(display, id, Table.class);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < t.getColumnCount(); c++) {
                b.append(c == 0 ? "" : " | ").append(t.getItem(i).getText(c));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** Ticks the rows of a check-box table whose first cell is in {@code names} (and unticks the others). */
    public SetupWizardBot tick(String id, List<String> names) {
        Table t = Ui.find(display, id, Table.class);
        for (int i = 0; i < t.getItemCount(); i++) {
            boolean on = names.contains(t.getItem(i).getText(0));
            if (t.getItem(i).getChecked() != on) {
                t.getItem(i).setChecked(on);
                org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
                e.detail = SWT.CHECK;
                e.item = t.getItem(i);
                t.notifyListeners(SWT.Selection, e);
            }
        }
        Ui.flush(display);
        return this;
    }

    public List<String> ticked(String id) {
        Table t = Ui.find(display, id, Table.class);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            if (t.getItem(i).getChecked()) {
                out.add(t.getItem(i).getText(0));
            }
        }
        return out;
    }

    public io.walscope.core.setup.VerifyResult verify() {
        return wizard.model().verify;
    }

    public io.walscope.core.check.CheckReport report() {
        return wizard.model().report;
    }

    /** The role that reads (the CDC user once made), and its profile's name. */
    public String reader() {
        return wizard.model().readerProfile().getUser();
    }

    public String readerProfileName() {
        return wizard.model().reader == null ? null : wizard.model().reader.getName();
    }

    public String testVerdict() {
        return testPage().verdictText();
    }

    public String testOutput() {
        return testPage().outputText();
    }

    public TestStepPage testPage() {
        return (TestStepPage) dialog.getCurrentPage();
    }

    public SummaryPage summaryPage() {
        return (SummaryPage) dialog.getCurrentPage();
    }

    public void screenshot(String name) {
        Ui.flush(display);
        Ui.screenshot(shell(), name);
    }
}
