package io.walscope.testbed.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/**
 * A small page-object layer over SWT for tests (SWTBot is not on Maven Central): widgets are found by the
 * data key {@code walscope.id}, events are posted, and tests wait on conditions while the event loop runs —
 * never on sleeps. Must be called on the display thread.
 */
public final class Ui {
    public static final String KEY = "walscope.id";

    private Ui() {
    }

    /** The widget with data key {@code id} in any open shell. */
    public static <W extends Widget> W find(Display d, String id, Class<W> type) {
        for (Shell s : d.getShells()) {
            Widget w = find(s, id);
            if (w != null) {
                return type.cast(w);
            }
        }
        throw new AssertionError("No widget with id '" + id + "' is open");
    }

    /** Waits (running the event loop) until a widget with {@code id} exists, and returns it. */
    public static <W extends Widget> W await(Display d, String id, Class<W> type, Duration timeout) {
        waitUntil(d, () -> findOrNull(d, id) != null, timeout, () -> "widget '" + id + "' to appear");
        return find(d, id, type);
    }

    private static Widget findOrNull(Display d, String id) {
        for (Shell s : d.getShells()) {
            Widget w = find(s, id);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private static Widget find(Control c, String id) {
        if (c.isDisposed()) {
            return null;
        }
        if (id.equals(c.getData(KEY))) {
            return c;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Widget w = find(child, id);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    /** Runs the event loop until {@code condition} holds; fails after {@code timeout} naming what it waited for. */
    public static void waitUntil(Display d, BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        boolean[] tick = new boolean[1];
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
            }
            // a timer wakes the loop so the condition is re-checked even when no event arrives
            tick[0] = false;
            d.timerExec(20, () -> tick[0] = true);
            while (!tick[0] && !condition.getAsBoolean()) {
                if (!d.readAndDispatch()) {
                    d.sleep();
                }
            }
        }
    }

    /** Processes the pending events. */
    public static void flush(Display d) {
        while (d.readAndDispatch()) {
            // drain
        }
    }

    /** Runs the event loop until no Eclipse Job runs or waits (EGit's JobJoiner, without sleeps). */
    public static void waitForJobs(Display d, Duration timeout) {
        waitUntil(d, () -> org.eclipse.core.runtime.jobs.Job.getJobManager().isIdle(), timeout, () -> "background jobs to finish");
    }

    /** Sends a selection event, as a click would. */
    public static void click(Widget w) {
        w.notifyListeners(SWT.Selection, new Event());
    }

    /** Saves what {@code shell} shows as a PNG under the screenshot folder and returns the file. */
    public static Path screenshot(Shell shell, String name) {
        Display d = shell.getDisplay();
        shell.redraw();
        shell.update();
        flush(d);
        Rectangle b = shell.getBounds();
        Image img = new Image(d, b.width, b.height);
        // print() draws the shell itself, whatever lies above it on the screen (there is no window manager
        // under Xvfb to raise dialogs); copyArea of the screen is the fallback
        GC gc = new GC(img);
        boolean printed;
        try {
            printed = shell.print(gc);
        } finally {
            gc.dispose();
        }
        if (!printed) {
            GC screen = new GC(d);
            try {
                screen.copyArea(img, b.x, b.y);
            } finally {
                screen.dispose();
            }
        }
        try {
            Path dir = Path.of(System.getProperty("walscope.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path f = dir.resolve(name + ".png");
            ImageLoader l = new ImageLoader();
            l.data = new org.eclipse.swt.graphics.ImageData[] { img.getImageData() };
            l.save(f.toString(), SWT.IMAGE_PNG);
            return f;
        } catch (java.io.IOException e) {
            throw new AssertionError("Could not save the screenshot " + name + ": " + e.getMessage(), e);
        } finally {
            img.dispose();
        }
    }
}
