package io.walscope.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

import io.walscope.testbed.ui.Ui;

/** Context menus and the clipboard for UI tests: items found by their data key, the menu opened as GTK does. */
public final class UiMenus {
    private UiMenus() {
    }

    /** Opens {@code menu} as a right-click would (its items are enabled for the selection), and returns it. */
    public static Menu open(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        return menu;
    }

    /** The item with data key {@code id}. */
    public static MenuItem item(Menu menu, String id) {
        for (MenuItem mi : menu.getItems()) {
            if (id.equals(mi.getData(Ui.KEY))) {
                return mi;
            }
        }
        throw new AssertionError("No menu item " + id);
    }

    /** The text on the clipboard. */
    public static String clipboard(Display d) {
        Clipboard cb = new Clipboard(d);
        try {
            return (String) cb.getContents(TextTransfer.getInstance());
        } finally {
            cb.dispose();
        }
    }
}
