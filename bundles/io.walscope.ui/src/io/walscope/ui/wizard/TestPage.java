package io.walscope.ui.wizard;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.ConnectionTester;
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
        ConnectionTester.Result[] out = new ConnectionTester.Result[1];
        String[] failure = new String[1];
        var profile = wizard.profile().copy();
        var secrets = wizard.secrets();
        try {
            getContainer().run(true, true, monitor -> {
                monitor.beginTask("Testing the connection to " + profile.describe(), 4);
                try {
                    out[0] = ConnectionTester.test(profile, secrets, monitor::isCanceled, step -> {
                        monitor.subTask(step);
                        monitor.worked(1);
                    });
                } catch (WalscopeException e) {
                    failure[0] = e.getMessage();
                } catch (CancellationException e) {
                    failure[0] = "Test cancelled.";
                } finally {
                    monitor.done();
                }
            });
        } catch (InvocationTargetException e) {
            failure[0] = "The test failed: " + e.getCause();
        } catch (InterruptedException e) {
            failure[0] = "Test cancelled.";
        }
        if (result.isDisposed()) {
            return;
        }
        if (out[0] != null) {
            wizard.testSucceeded(out[0]);
            result.setText("Connected: " + out[0].summary() + ".");
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
            fillSchemas(out[0].schemas());
            setErrorMessage(null);
        } else {
            wizard.testSucceeded(null);
            result.setText(failure[0]);
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_RED));
            setErrorMessage(failure[0]);
        }
        ((Composite) getControl()).layout(true, true);
    }

    /** The text the last test left (tests read it). */
    String resultText() {
        return result.getText();
    }
}
