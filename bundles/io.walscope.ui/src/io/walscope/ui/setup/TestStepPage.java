package io.walscope.ui.setup;

import java.util.List;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.check.Finding;
import io.walscope.core.pg.setup.VerifyOperation;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.SetupStep;
import io.walscope.core.setup.VerifyResult;
import io.walscope.ui.Widgets;

/**
 * Step 5, the test, for real: the same operation as {@code walscope verify} — a test table, a temporary slot with the
 * plugin created by the CDC user on a replication connection, one insert, update and delete read back and compared,
 * everything dropped. The preview shows what will run; "Run test" is this page's Apply.
 */
final class TestStepPage extends StepPage {
    private Combo plugin;
    private Label verdict;
    private Label readAs;
    private Text output;
    private VerifyOperation next;
    private Plugin shownFor;

    TestStepPage(SetupWizard wizard) {
        super(wizard, SetupStep.TEST);
    }

    @Override
    protected void createTop(Composite c) {
        Composite row = new Composite(c, SWT.NONE);
        row.setLayout(new GridLayout(3, false));
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(row, SWT.NONE).setText("Plugin:");
        plugin = Widgets.name(new Combo(row, SWT.READ_ONLY), "setup.test.plugin");
        for (Plugin p : Plugin.values()) {
            if (p.canTail()) {
                plugin.add(p.id());
            }
        }
        plugin.addListener(SWT.Selection, e -> {
            next = null;
            updatePreview();
        });
        readAs = Widgets.name(new Label(row, SWT.NONE), "setup.test.reader");
        readAs.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        verdict = Widgets.name(new Label(c, SWT.WRAP), "setup.test.verdict");
        GridData vd = new GridData(SWT.FILL, SWT.TOP, true, false);
        vd.widthHint = 900;
        verdict.setLayoutData(vd);
        verdict.setText("Not run yet.");
    }

    @Override
    protected void createMiddle(Composite sash) {
        output = Widgets.name(new Text(sash, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL), "setup.test.output");
        output.setFont(JFaceResources.getTextFont());
    }

    @Override
    protected String applyLabel() {
        return "Run test";
    }

    @Override
    protected boolean alwaysApplicable() {
        return true;
    }

    private Plugin chosenPlugin() {
        return plugin.getText().isEmpty() ? model().plugin : Plugin.parse(plugin.getText());
    }

    private VerifyOperation operation() {
        if (next == null) {
            next = new VerifyOperation(model().admin, model().adminSecrets, chosenPlugin(), model().schemas.get(0))
                    .readAs(model().readerProfile(), model().readerSecrets());
        }
        return next;
    }

    @Override
    protected void refreshTop() {
        if (plugin.getText().isEmpty() || shownFor != model().plugin) {
            plugin.setText(model().plugin.id());
            shownFor = model().plugin;
        }
        next = null;
        readAs.setText("Writes as " + model().admin.getUser() + ", creates the slot and reads as "
                + model().readerProfile().getUser() + ".");
        readAs.getParent().layout();
    }

    @Override
    protected List<Finding> chosen() {
        return List.of();
    }

    @Override
    protected String previewText() {
        return operation().plan().script();
    }

    @Override
    protected String stateLine() {
        VerifyResult r = model().verify;
        return r == null ? "" : r.ok() ? "The test passed." : "The test failed.";
    }

    @Override
    protected void applyPressed() {
        VerifyOperation op = operation();
        VerifyResult[] out = new VerifyResult[1];
        String f = wizard.run(p -> out[0] = op.run(p));
        next = null;
        if (out[0] == null) {
            verdict.setText(f);
            verdict.setForeground(verdict.getDisplay().getSystemColor(SWT.COLOR_RED));
            say(f);
            return;
        }
        VerifyResult r = out[0];
        model().verify = r;
        model().outcome.put(step, r.ok() ? "passed with " + r.plugin() : "failed with " + r.plugin());
        verdict.setText(r.ok() ? "The insert, update and delete came back through " + r.plugin() + " as written (read as "
                + r.reader() + "); the test table, " + (r.publication() == null ? "" : "its publication, ") + "and the slot"
                + " were dropped." : r.reason());
        verdict.setForeground(verdict.getDisplay().getSystemColor(r.ok() ? SWT.COLOR_DARK_GREEN : SWT.COLOR_RED));
        StringBuilder b = new StringBuilder("Decoded by " + r.plugin() + " (as 'walscope tail' prints them):\n");
        r.changes().forEach(l -> b.append(l).append('\n'));
        b.append("\nCompared with what was written:\n");
        r.verdict().forEach(l -> b.append("  ").append(l).append('\n'));
        b.append("\nCleanup: ").append(String.join("; ", r.cleanup())).append('\n');
        if (!r.leftovers().isEmpty()) {
            b.append("Left on the server; drop it with:\n");
            r.leftovers().forEach(l -> b.append("  ").append(l).append(";\n"));
        }
        output.setText(b.toString());
        verdict.getParent().layout(true, true);
        say(String.format("%.1f s.", r.seconds()));
    }

    @Override
    protected void scriptPressed() {
        say("The test runs here, not in the DBA script: run it once the script has been run.");
    }

    /** The verdict line (tests read it). */
    String verdictText() {
        return verdict.getText();
    }

    String outputText() {
        return output.getText();
    }
}
