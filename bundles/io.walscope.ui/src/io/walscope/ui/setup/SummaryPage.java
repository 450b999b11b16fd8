package io.walscope.ui.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Triage;
import io.walscope.core.setup.SetupStep;
import io.walscope.core.setup.VerifyResult;
import io.walscope.ui.Widgets;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/** The last page: how every step stands, the DBA script (save or copy), and Watch Changes. */
final class SummaryPage extends WizardPage implements SetupPage {
    private final SetupWizard wizard;
    private Table steps;
    private Label reader;
    private StyledText script;
    private Button watch;

    SummaryPage(SetupWizard wizard) {
        super("summary", Messages.SUMMARY_TITLE, null);
        this.wizard = wizard;
        setDescription(Messages.SUMMARY_DESCRIPTION);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        steps = Widgets.name(new Table(c, SWT.BORDER | SWT.FULL_SELECTION), "setup.summary.steps");
        steps.setHeaderVisible(true);
        steps.setLinesVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.TOP, true, false);
        td.heightHint = 230;
        steps.setLayoutData(td);
        for (String[] col : new String[][] {{"Step", "220"}, {"Now", "330"}, {"Done here", "420"}}) {
            TableColumn tc = new TableColumn(steps, SWT.NONE);
            tc.setText(col[0]);
            tc.setWidth(Integer.parseInt(col[1]));
        }
        reader = Widgets.name(new Label(c, SWT.WRAP), "setup.summary.reader");
        GridData rd = new GridData(SWT.FILL, SWT.TOP, true, false);
        rd.widthHint = 900;
        reader.setLayoutData(rd);
        new Label(c, SWT.NONE).setText("DBA script (what was added to it on the pages):");
        script = Widgets.name(new StyledText(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY),
                "setup.summary.script");
        script.setFont(JFaceResources.getTextFont());
        script.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite bar = new Composite(c, SWT.NONE);
        bar.setLayout(new GridLayout(3, false));
        Button save = Widgets.name(new Button(bar, SWT.PUSH), "setup.summary.save");
        save.setText(Messages.SAVE_SCRIPT);
        save.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.SAVE);
            d.setFileName("walscope-setup-" + wizard.model().admin.getName().replaceAll("[^A-Za-z0-9_-]", "_") + ".sql");
            d.setOverwrite(true);
            String f = d.open();
            if (f != null) {
                setMessage(saveScript(Path.of(f)));
            }
        });
        Button copy = Widgets.name(new Button(bar, SWT.PUSH), "setup.summary.copy");
        copy.setText(Messages.COPY_SCRIPT);
        copy.addListener(SWT.Selection, e -> {
            Clipboard cb = new Clipboard(getShell().getDisplay());
            try {
                cb.setContents(new Object[] {script.getText()}, new Transfer[] {TextTransfer.getInstance()});
            } finally {
                cb.dispose();
            }
        });
        watch = Widgets.name(new Button(bar, SWT.PUSH), "setup.watch");
        watch.setText(Messages.WATCH);
        watch.addListener(SWT.Selection, e -> {
            wizard.requestWatch();
            if (getContainer() instanceof WalscopeWizardDialog d) {
                d.finish();
            }
        });
        setControl(c);
        refresh();
    }

    /** Writes the DBA script to {@code file}; returns what happened. */
    String saveScript(Path file) {
        try {
            Files.writeString(file, wizard.model().script(), StandardCharsets.UTF_8);
            return "Saved the script to " + file + ".";
        } catch (IOException e) {
            return "Could not write " + file + ": " + e.getMessage();
        }
    }

    @Override
    public void refresh() {
        SetupModel m = wizard.model();
        steps.removeAll();
        for (SetupStep s : SetupStep.values()) {
            CheckReport r = s == SetupStep.USER || s == SetupStep.PLUGIN ? m.readerOrAdminReport() : m.report;
            List<Finding> f = s.findings(r);
            long blocks = f.stream().filter(x -> Triage.of(x) == Triage.BLOCKS).count();
            long fix = f.stream().filter(x -> Triage.of(x) == Triage.SHOULD_FIX).count();
            String now = r == null ? "not checked" : blocks > 0 ? blocks + " block CDC" + (fix > 0 ? ", " + fix + " should be fixed" : "")
                    : fix > 0 ? fix + " should be fixed" : "ok";
            if (s == SetupStep.TEST) {
                VerifyResult v = m.verify;
                now = v == null ? "not run" : v.ok() ? "passed (" + v.plugin() + ", read as " + v.reader() + ")" : "failed: " + v.reason();
            } else if (s == SetupStep.LAST_UPDATE || s == SetupStep.SSL) {
                now = m.facts == null ? "not checked" : s == SetupStep.SSL ? (m.facts.ssl().on() ? "ssl on" : "ssl off (optional)")
                        : m.facts.tables().stream().filter(t -> !t.partition() && t.ready()).count() + " table(s) ready (optional)";
            }
            TableItem item = new TableItem(steps, SWT.NONE);
            item.setText(new String[] {s.label(), now, m.outcome.getOrDefault(s, "")});
            item.setForeground(1, steps.getDisplay().getSystemColor(now.startsWith("ok") || now.startsWith("passed")
                    ? SWT.COLOR_DARK_GREEN : now.contains("block") || now.startsWith("failed") ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND));
        }
        steps.deselectAll();
        reader.setText("Changes are read as " + m.readerProfile().getUser() + (m.reader == null ? " (the connection's own user)"
                : " — connection profile \"" + m.reader.getName() + "\", password in secure storage") + ", with " + m.plugin.id()
                + ". Watch Changes opens the live view with a temporary slot (nothing is left behind).");
        script.setText(m.hasScript() ? m.script() : "-- nothing was added to the DBA script");
        watch.setEnabled(m.report != null);
        reader.getParent().layout(true, true);
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            refresh();
        }
    }
}
