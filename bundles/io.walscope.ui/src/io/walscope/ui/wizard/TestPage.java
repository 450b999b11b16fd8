package io.walscope.ui.wizard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.ui.Widgets;

/** Page 4: test the connection (off the display thread, cancellable) and choose the schemas to watch. */
final class TestPage extends WizardPage {
    private final ConnectionWizard wizard;
    private Label result;
    private org.eclipse.swt.widgets.List schemas;

    TestPage(ConnectionWizard wizard) {
        super("test", "Test and finish", null);
        this.wizard = wizard;
        setDescription("Test the connection, then choose the schemas Walscope checks and watches (several may be chosen).");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        Button test = Widgets.name(new Button(c, SWT.PUSH), "wizard.test");
        test.setText("Test connection");
        test.addListener(SWT.Selection, e -> runTest());
        result = Widgets.name(new Label(c, SWT.WRAP), "wizard.test.result");
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 560;
        gd.heightHint = 60;
        result.setLayoutData(gd);
        result.setText("Not tested yet.");
        new Label(c, SWT.NONE).setText("Schemas:");
        schemas = Widgets.name(new org.eclipse.swt.widgets.List(c, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL), "wizard.schemas");
        GridData sd = new GridData(SWT.FILL, SWT.FILL, true, true);
        sd.heightHint = 120;
        schemas.setLayoutData(sd);
        fillSchemas(wizard.profile().getSchemas());
        schemas.addListener(SWT.Selection, e -> {
            List<String> chosen = List.of(schemas.getSelection());
            if (!chosen.isEmpty()) {
                wizard.profile().setSchemas(chosen);
            }
        });
        Button setup = Widgets.name(new Button(c, SWT.CHECK), "wizard.setupAfter");
        setup.setText("Set up CDC on this server after Finish (the source guide's steps, one page each)");
        setup.setSelection(wizard.setupRequested());
        setup.addListener(SWT.Selection, e -> wizard.requestSetup(setup.getSelection()));
        setControl(c);
    }

    private void fillSchemas(List<String> available) {
        Set<String> all = new LinkedHashSet<>(available);
        all.addAll(wizard.profile().getSchemas());
        schemas.setItems(all.toArray(String[]::new));
        List<Integer> sel = new ArrayList<>();
        String[] items = schemas.getItems();
        for (int i = 0; i < items.length; i++) {
            if (wizard.profile().getSchemas().contains(items[i])) {
                sel.add(i);
            }
        }
        schemas.select(sel.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Runs the test in the wizard's container: a progress bar with Cancel, the display stays responsive. */
    void runTest() {
        WizardTest.Outcome o = WizardTest.run(getContainer(), wizard);
        if (result.isDisposed()) {
            return;
        }
        if (o.result() != null) {
            result.setText("Connected: " + o.result().summary() + ".");
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
            fillSchemas(o.result().schemas());
            setErrorMessage(null);
        } else {
            result.setText(o.failure());
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_RED));
            setErrorMessage(o.failure());
        }
        ((Composite) getControl()).layout(true, true);
    }

    @Override
    public void setVisible(boolean visible) {
        // a failure stays only as long as the connection it was about: after a change, it is untested again
        if (visible && wizard.lastTest() == null && getErrorMessage() != null) {
            setErrorMessage(null);
            result.setText("Not tested since the connection changed.");
            result.setForeground(null);
        }
        super.setVisible(visible);
    }

    /** The text the last test left (tests read it). */
    String resultText() {
        return result.getText();
    }
}
