package io.walscope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import io.walscope.testbed.ui.Ui;

/**
 * Preferences › Live Changes with values it refuses (issue 21): the whole reason (cause and fix) can be read on the
 * page, wrapped under the fields, not cut off by the dialog's one-line message area. Screenshots:
 * target/screenshots/preferences-error-*.png.
 */
class LivePreferencesUiTest {
    @Test
    void refusedValuesShowTheirWholeReason() {
        boolean own = Display.getCurrent() == null;
        Display display = own ? new Display() : Display.getCurrent();
        Shell parent = new Shell(display);
        try {
            PreferenceManager manager = new PreferenceManager();
            LivePreferences page = new LivePreferences();
            page.init(null);
            page.setTitle("Live Changes");
            manager.addToRoot(new PreferenceNode("live", page));
            PreferenceDialog dialog = new PreferenceDialog(parent, manager);
            dialog.setBlockOnOpen(false);
            dialog.open();
            Text mb = Ui.find(display, "live.prefs.mb", Text.class);
            Label error = Ui.find(display, "live.prefs.error", Label.class);
            for (String bad : List.of("99999", "lots")) {
                type(display, mb, bad);
                String text = error.getText();
                assertTrue(text.startsWith("Memory for the changes: 16 to ") && text.endsWith("in the launcher script."),
                        "the whole sentence for " + bad + ": \"" + text + "\"; the page says: " + page.getErrorMessage());
                assertEquals(text, page.getErrorMessage());
                Point need = error.computeSize(error.getSize().x, SWT.DEFAULT);
                assertTrue(error.getSize().y >= need.y && error.isVisible(), "every line of the error shows: "
                        + error.getSize() + ", needs " + need);
                Rectangle area = display.map(error.getParent(), null, error.getParent().getClientArea());
                Rectangle b = display.map(error.getParent(), null, error.getBounds());
                assertTrue(area.contains(b.x, b.y) && b.x + b.width <= area.x + area.width
                        && b.y + b.height <= area.y + area.height, "inside the page: " + b + " in " + area);
                Ui.screenshot(dialog.getShell(), "preferences-error-" + bad);
            }
            type(display, mb, "256");
            Text size = Ui.find(display, "live.prefs.size", Text.class);
            type(display, size, "12");
            assertEquals("Changes kept: a whole number from 1,000 to 5,000,000.", error.getText());
            type(display, size, "200000");
            assertEquals("", error.getText(), "valid values: no error");
            dialog.close();
        } finally {
            parent.dispose();
            if (own) {
                display.dispose(); // one display at a time: the workbench tests make their own
            }
        }
    }

    /** Types {@code text} into {@code field} as a user does (the field editor checks on each key). */
    private static void type(Display display, Text field, String text) {
        field.setFocus();
        field.setText(text);
        Event key = new Event();
        key.character = text.isEmpty() ? 0 : text.charAt(text.length() - 1);
        field.notifyListeners(SWT.KeyDown, key);
        field.notifyListeners(SWT.KeyUp, key);
        Ui.flush(display);
    }
}
