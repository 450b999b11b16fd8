package io.walscope.ui.wizard;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CancellationException;

import org.eclipse.jface.wizard.IWizardContainer;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.ConnectionTester;

/** "Test connection" of the wizard's first and last pages: in the container (progress, Cancel), off the display thread. */
final class WizardTest {
    /** The result, or why it failed (one sentence). */
    record Outcome(ConnectionTester.Result result, String failure) {
    }

    private WizardTest() {
    }

    static Outcome run(IWizardContainer container, ConnectionWizard wizard) {
        ConnectionTester.Result[] out = new ConnectionTester.Result[1];
        String[] failure = new String[1];
        var profile = wizard.profile().copy();
        var secrets = wizard.secrets();
        try {
            container.run(true, true, monitor -> {
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
        wizard.testSucceeded(out[0]);
        return new Outcome(out[0], failure[0]);
    }
}
