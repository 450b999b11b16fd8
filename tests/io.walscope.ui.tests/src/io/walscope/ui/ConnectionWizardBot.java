package io.walscope.ui;

import java.time.Duration;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.walscope.testbed.ui.Ui;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/** Page object of the connection wizard (Directory Studio's NewConnectionWizardBot, without SWTBot). */
final class ConnectionWizardBot {
    private final Display display;
    private final WalscopeWizardDialog dialog;

    ConnectionWizardBot(WalscopeWizardDialog dialog) {
        this.dialog = dialog;
        this.display = dialog.getShell().getDisplay();
    }

    Shell shell() {
        return dialog.getShell();
    }

    ConnectionWizardBot type(String id, String text) {
        Text t = Ui.find(display, id, Text.class);
        t.setText(text);
        Ui.flush(display);
        return this;
    }

    String text(String id) {
        return Ui.find(display, id, Text.class).getText();
    }

    String label(String id) {
        return Ui.find(display, id, Label.class).getText();
    }

    ConnectionWizardBot check(String id) {
        Button b = Ui.find(display, id, Button.class);
        if ((b.getStyle() & SWT.RADIO) != 0) {
            // a click on a radio deselects its siblings; setSelection alone does not
            for (org.eclipse.swt.widgets.Control sibling : b.getParent().getChildren()) {
                if (sibling != b && sibling instanceof Button o && (o.getStyle() & SWT.RADIO) != 0) {
                    o.setSelection(false);
                }
            }
        }
        b.setSelection(true);
        Ui.click(b);
        Ui.flush(display);
        return this;
    }

    String sslMode() {
        return Ui.find(display, "wizard.sslmode", Combo.class).getText();
    }

    ConnectionWizardBot next() {
        return press("wizard.next");
    }

    ConnectionWizardBot back() {
        return press("wizard.back");
    }

    ConnectionWizardBot press(String id) {
        Button b = Ui.find(display, id, Button.class);
        if (!b.isEnabled()) {
            throw new AssertionError(id + " is disabled; the page says: " + dialog.getCurrentPage().getErrorMessage());
        }
        Ui.click(b);
        Ui.flush(display);
        return this;
    }

    /** Clicks "Test connection" and waits for the result line. */
    String testConnection() {
        Ui.click(Ui.find(display, "wizard.test", Button.class));
        Ui.waitUntil(display, () -> !label("wizard.test.result").equals("Not tested yet.")
                && Ui.find(display, "wizard.test", Button.class).isEnabled(), Duration.ofSeconds(60),
                () -> "the connection test to finish");
        return label("wizard.test.result");
    }

    boolean enabled(String id) {
        return Ui.find(display, id, Button.class).isEnabled();
    }

    String errorMessage() {
        return dialog.getCurrentPage().getErrorMessage();
    }

    /** The current page's message (not an error), or null. */
    String message() {
        return dialog.getCurrentPage().getMessage();
    }

    String pageName() {
        return dialog.getCurrentPage().getName();
    }

    void screenshot(String name) {
        Ui.screenshot(shell(), name);
    }

    void finish() {
        press("wizard.finish");
    }
}
