package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

import io.walscope.app.WalscopeWorkbenchAdvisor;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionsView;

/**
 * Opens the real Walscope workbench window with {@code --demo}: the demo database starts (a real PostgreSQL
 * 16), the Connections view lists it first and the status line shows its server version.
 */
class WorkbenchWindowTest {

    @Test
    void workbenchOpensWithTheDemoDatabase() throws Exception {
        Path home = Files.createTempDirectory(Path.of("/tmp"), "walscope-ui-test-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("walscope.home", home.toString());
        Display display = PlatformUI.createDisplay();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> status = new AtomicReference<>();
        AtomicReference<Path> shot = new AtomicReference<>();
        PlatformUI.createAndRunWorkbench(display, new WalscopeWorkbenchAdvisor(true) {
            @Override
            public void postStartup() {
                super.postStartup();
                display.asyncExec(() -> {
                    try {
                        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
                        ConnectionsView view = (ConnectionsView) w.getActivePage().findView(ConnectionsView.ID);
                        Table table = Ui.await(display, "connections.table", Table.class, Duration.ofSeconds(10));
                        Ui.waitUntil(display, () -> table.getItemCount() > 0 && table.getItem(0).getText(3).contains("running"),
                                Duration.ofSeconds(120), () -> "the demo database to run; state: "
                                        + (table.getItemCount() > 0 ? table.getItem(0).getText(3) : "no rows"));
                        assertEquals("demo", table.getItem(0).getText(0));
                        Ui.waitUntil(display, () -> view.statusText().contains("PostgreSQL 16"), Duration.ofSeconds(30),
                                () -> "the status line to show the server version; it shows: " + view.statusText());
                        status.set(view.statusText());
                        Ui.waitForJobs(display, Duration.ofSeconds(30));
                        Shell shell = w.getShell();
                        shot.set(Ui.screenshot(shell, "workbench-demo"));
                    } catch (Throwable t) {
                        failure.set(t);
                    } finally {
                        PlatformUI.getWorkbench().close();
                    }
                });
            }
        });
        display.dispose();
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
        assertTrue(status.get().startsWith("demo: PostgreSQL 16"), status.get());
        assertTrue(status.get().contains("wal_level logical"), status.get());
        assertTrue(Files.size(shot.get()) > 10_000, "screenshot saved: " + shot.get());
    }
}
