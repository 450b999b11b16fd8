package io.walscope.ui.live;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.ui.Widgets;

/**
 * A failed stream's banner above the rows: the cause in the window's words (not the CLI's flags), and buttons to the
 * fix — "Set up CDC…" when the server or the role is not ready, "Start…" to change the settings and try again.
 * Hidden (and taking no space) while there is nothing wrong.
 */
final class ErrorBanner {
    private final Composite box;
    private final Label text;
    final Button setup;
    final Button start;

    ErrorBanner(Composite parent) {
        box = Widgets.name(new Composite(parent, SWT.BORDER), "live.error");
        // a light red whatever the theme (the tooltip colours are dark on some), the buttons keep their own look
        box.setBackground(new Color(255, 236, 234));
        box.setBackgroundMode(SWT.INHERIT_DEFAULT);
        box.setLayout(new GridLayout(4, false));
        GridData bd = new GridData(SWT.FILL, SWT.TOP, true, false);
        bd.exclude = true;
        box.setLayoutData(bd);
        box.setVisible(false);
        Label icon = new Label(box, SWT.NONE);
        icon.setImage(JFaceResources.getImage(Dialog.DLG_IMG_MESSAGE_ERROR));
        icon.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        text = Widgets.name(new Label(box, SWT.WRAP), "live.error.text");
        text.setForeground(new Color(90, 0, 0));
        GridData td = new GridData(SWT.FILL, SWT.CENTER, true, false);
        td.widthHint = 300; // wraps to the view's width
        text.setLayoutData(td);
        setup = Widgets.name(new Button(box, SWT.PUSH), "live.error.setup");
        setup.setText("Set up CDC…");
        setup.setLayoutData(new GridData());
        start = Widgets.name(new Button(box, SWT.PUSH), "live.error.start");
        start.setText("Start…");
    }

    /** Shows {@code cause} (a stream's failure, as the core words it for the CLI); null hides the banner. */
    void show(String cause) {
        boolean on = cause != null;
        if (on) {
            String words = forWindow(cause);
            text.setText(words);
            text.setToolTipText(words);
            boolean server = needsSetup(cause);
            setup.setVisible(server);
            ((GridData) setup.getLayoutData()).exclude = !server;
            start.setText(server ? "Start…" : "Change and start again…");
        }
        if (box.getVisible() != on || on) {
            box.setVisible(on);
            ((GridData) box.getLayoutData()).exclude = !on;
            box.getParent().layout(true, true);
        }
    }

    boolean isShown() {
        return box.getVisible();
    }

    String text() {
        return text.getText();
    }

    /** True when the fix is on the server or the role (the setup wizard does it), not in the Start dialog. */
    static boolean needsSetup(String cause) {
        return cause.contains("wal_level") || cause.contains("REPLICATION privilege") || cause.contains("Publication \"")
                || cause.contains("max_replication_slots") || cause.contains("pg_hba.conf");
    }

    /** The core's sentence with the CLI's options named as the Start dialog's fields. */
    static String forWindow(String cause) {
        return cause.replace("--slot NAME --create-slot", "a persistent slot (Start…)")
                .replace("add --create-slot to create it", "choose \"persistent, named\" in Start… to create it")
                .replace("leave out --slot", "choose \"temporary\" in Start…")
                .replace("name another with --publication", "name another in Start…'s Publication field")
                .replace("choose another --plugin", "choose another Plugin in Start…")
                .replace("use another --slot", "name another slot in Start…")
                .replace("--publication", "the Publication field of Start…")
                .replace("--plugin", "the Plugin of Start…")
                .replace("--slot", "the Slot of Start…");
    }
}
