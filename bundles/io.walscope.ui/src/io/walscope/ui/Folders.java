package io.walscope.ui;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.widgets.FileDialog;

/**
 * Where file dialogs open: the folder of the last file chosen in any of them, else the home folder (never the
 * process's working directory, which is the product's install folder).
 */
public final class Folders {
    private static final String KEY = "files.lastFolder";

    private Folders() {
    }

    /** Opens {@code d} in the last folder, or the home folder; returns the chosen file (remembered), or null. */
    public static String open(FileDialog d) {
        String f = d.getFilterPath();
        if (f == null || f.isEmpty()) {
            d.setFilterPath(last());
        }
        String chosen = d.open();
        if (chosen != null) {
            Path parent = Path.of(chosen).getParent();
            if (parent != null) {
                WalscopeUi.get().getPreferenceStore().setValue(KEY, parent.toString());
            }
        }
        return chosen;
    }

    /** The folder file dialogs start in. */
    public static String last() {
        String f = WalscopeUi.get().getPreferenceStore().getString(KEY);
        return !f.isEmpty() && Files.isDirectory(Path.of(f)) ? f : System.getProperty("user.home");
    }
}
