package io.walscope.app;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Monitor;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The window's size between runs: maximized on the first start (the work wants the whole screen: a live table, a
 * Preparation editor), then as the user left it. Kept in the workbench's instance preferences (the workspace), since
 * the workbench itself does not save its layout.
 */
final class WindowBounds {
    private static final String NODE = "io.walscope.app";
    private static final String MAXIMIZED = "window.maximized";
    private static final String BOUNDS = "window.bounds";

    private WindowBounds() {
    }

    static void restore(Shell shell) {
        IEclipsePreferences p = InstanceScope.INSTANCE.getNode(NODE);
        Monitor m = shell.getMonitor() != null ? shell.getMonitor() : shell.getDisplay().getPrimaryMonitor();
        Rectangle screen = m.getClientArea();
        Rectangle saved = parse(p.get(BOUNDS, null));
        if (saved != null && saved.intersects(screen) && saved.width >= 400 && saved.height >= 300) {
            shell.setBounds(saved);
        } else {
            // without a window manager (Xvfb) maximizing does nothing: fill the screen ourselves first
            shell.setBounds(screen);
        }
        if (saved == null || p.getBoolean(MAXIMIZED, true)) {
            shell.setMaximized(true);
        }
    }

    static void save(Shell shell) {
        if (shell == null || shell.isDisposed()) {
            return;
        }
        IEclipsePreferences p = InstanceScope.INSTANCE.getNode(NODE);
        p.putBoolean(MAXIMIZED, shell.getMaximized());
        if (!shell.getMaximized()) {
            Rectangle b = shell.getBounds();
            p.put(BOUNDS, b.x + "," + b.y + "," + b.width + "," + b.height);
        } else if (p.get(BOUNDS, null) == null) {
            Rectangle b = shell.getMonitor().getClientArea();
            p.put(BOUNDS, (b.x + b.width / 10) + "," + (b.y + b.height / 10) + "," + (b.width * 4 / 5) + "," + (b.height * 4 / 5));
        }
        try {
            p.flush();
        } catch (BackingStoreException e) {
            // the size is a convenience: the next start maximizes again
        }
    }

    private static Rectangle parse(String s) {
        if (s == null) {
            return null;
        }
        String[] v = s.split(",");
        try {
            return v.length == 4 ? new Rectangle(Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]),
                    Integer.parseInt(v[3])) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
