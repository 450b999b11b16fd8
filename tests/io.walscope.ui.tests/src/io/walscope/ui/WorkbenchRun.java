package io.walscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

import io.walscope.app.WalscopeWorkbenchAdvisor;

/**
 * Runs a scenario in the real Walscope workbench (one per JVM): the window opens, the scenario runs on the
 * display thread once it is up, the workbench closes, and a failure of the scenario fails the caller. Call it
 * from a test thread of its own (GTK needs one thread, not the main one), so a hang fails the test through its
 * timeout instead of blocking the build.
 */
public final class WorkbenchRun {
    /** What runs in the open window, on the display thread. */
    @FunctionalInterface
    public interface Scenario {
        void run(Display display, IWorkbenchWindow window) throws Exception;
    }

    private WorkbenchRun() {
    }

    /** A fresh Walscope home (profiles, secure storage, demo data), readable by the servers' user, set as walscope.home. */
    public static Path newHome(String prefix) throws IOException {
        Path home = Files.createTempDirectory(Path.of("/tmp"), prefix);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("walscope.home", home.toString());
        return home;
    }

    /** Opens the workbench (with the demo database started when {@code demo}), runs {@code scenario}, closes it. */
    public static void run(boolean demo, Scenario scenario) {
        Display display = PlatformUI.createDisplay();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            PlatformUI.createAndRunWorkbench(display, new WalscopeWorkbenchAdvisor(demo) {
                @Override
                public void postStartup() {
                    super.postStartup();
                    display.asyncExec(() -> {
                        try {
                            scenario.run(display, PlatformUI.getWorkbench().getActiveWorkbenchWindow());
                        } catch (Throwable t) {
                            failure.set(t);
                        } finally {
                            PlatformUI.getWorkbench().close();
                        }
                    });
                }
            });
        } finally {
            display.dispose();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
    }
}
