package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchWindow;

import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.types.TypeMappingView;

/**
 * The window behaves as Eclipse and DBeaver users expect (issue 21), in the running workbench: keys and commands,
 * the Window menu, the connection wizard's URL typing and first-page test, Type Mapping's sorting and menu (the live
 * view: {@link LiveWindowScenario}).
 */
final class WindowScenario {
    private WindowScenario() {
    }

    /**
     * Keys and commands as in Eclipse: Ctrl+N is New Connection, F2 renames and Delete deletes in the Connections
     * view, the menus show the keys; Edit/Duplicate/Rename/Delete are off on the demo database and Start Demo Database
     * is off while it runs.
     */
    static void keysAndCommands(Display display, IWorkbenchWindow w, ConnectionsView connections) throws Exception {
        IBindingService keys = w.getService(IBindingService.class);
        assertEquals("Ctrl+N", keys.getBestActiveBindingFormattedFor("org.eclipse.ui.newWizard"));
        assertEquals("F2", keys.getBestActiveBindingFormattedFor("org.eclipse.ui.edit.rename"));
        assertEquals("Delete", keys.getBestActiveBindingFormattedFor("org.eclipse.ui.edit.delete"));
        IHandlerService handlers = w.getService(IHandlerService.class);
        ICommandService commands = w.getService(ICommandService.class);

        WalscopeUi.get().profiles().save(new ConnectionProfile().setName("keys-test").setHost("127.0.0.1").setPort(5432)
                .setDatabase("postgres").setUser("nobody"), null);
        w.getActivePage().activate(connections);
        Ui.waitUntil(display, () -> connections.profiles().stream().anyMatch(p -> p.getName().equals("keys-test")),
                Duration.ofSeconds(10), () -> "the new profile in the view");
        connections.select("demo");
        Ui.flush(display);
        for (String id : List.of("io.walscope.ui.connection.edit", "io.walscope.ui.connection.duplicate",
                "org.eclipse.ui.edit.rename", "org.eclipse.ui.edit.delete")) {
            // the handlers' enablement follows the selection through the evaluation service: wait for it
            Ui.waitUntil(display, () -> !enabled(commands, handlers, id), Duration.ofSeconds(10),
                    () -> id + " is off on the demo database");
        }
        assertFalse(enabled(commands, handlers, "io.walscope.ui.demo.start"), "the demo runs already");
        connections.select("keys-test");
        Ui.flush(display);
        for (String id : List.of("io.walscope.ui.connection.edit", "org.eclipse.ui.edit.rename", "org.eclipse.ui.edit.delete")) {
            Ui.waitUntil(display, () -> enabled(commands, handlers, id), Duration.ofSeconds(10),
                    () -> id + " acts on a saved connection");
        }

        // F2: the rename dialog; the new name is selected in the view
        String[] seen = new String[1];
        answer(display, seen, shell -> {
            for (org.eclipse.swt.widgets.Control c : shell.getChildren()) {
                setFirstText(c, "keys-renamed");
            }
            Ui.click(shell.getDefaultButton());
        });
        handlers.executeCommand("org.eclipse.ui.edit.rename", null);
        assertEquals("Rename connection", seen[0]);
        Ui.waitUntil(display, () -> connections.selected() != null && connections.selected().getName().equals("keys-renamed"),
                Duration.ofSeconds(10), () -> "the renamed profile, selected: " + connections.selected());
        // Delete: asks, then the profile is gone
        w.getActivePage().activate(connections);
        connections.select("keys-renamed");
        Ui.flush(display);
        assertTrue(enabled(commands, handlers, "org.eclipse.ui.edit.delete"), "Delete on " + connections.selected()
                + "; shell " + display.getActiveShell() + "; part " + w.getActivePage().getActivePart()
                + "; selection " + w.getSelectionService().getSelection());
        answer(display, seen, shell -> Ui.click(shell.getDefaultButton()));
        handlers.executeCommand("org.eclipse.ui.edit.delete", null);
        assertEquals("Delete connection", seen[0]);
        Ui.waitUntil(display, () -> connections.profiles().stream().noneMatch(p -> p.getName().equals("keys-renamed")),
                Duration.ofSeconds(10), () -> "the profile to be deleted");
        // Ctrl+N: the connection wizard, not the platform's empty "Select a wizard"
        answer(display, seen, org.eclipse.swt.widgets.Shell::close);
        handlers.executeCommand("org.eclipse.ui.newWizard", null);
        assertEquals("New PostgreSQL connection", seen[0]);
    }

    /**
     * Window menu: the platform's Welcome view (it needs an intro this product has not) is not offered, and Reset
     * Layout asks in the menu's words.
     */
    static void windowMenu(Display display, IWorkbenchWindow w) throws Exception {
        org.eclipse.ui.views.IViewDescriptor welcome = org.eclipse.ui.PlatformUI.getWorkbench().getViewRegistry()
                .find("org.eclipse.ui.internal.introview");
        assertNotNull(welcome, "the platform registers its Welcome view");
        assertTrue(org.eclipse.ui.activities.WorkbenchActivityHelper.filterItem(welcome),
                "Window > Show View does not offer the Welcome view");
        String[] seen = new String[1];
        answer(display, seen, org.eclipse.swt.widgets.Shell::close);
        w.getService(IHandlerService.class).executeCommand("org.eclipse.ui.window.resetPerspective", null);
        assertEquals("Reset Layout", seen[0], "the dialog says what the menu says");
    }

    /**
     * The Welcome page (issue 21): not opened on a --demo start, wanted on a start with no saved connection; Help ›
     * Welcome and Window › Show View open it; it says what Walscope does, its three buttons are enabled exactly when
     * their commands are and run them, and it names the keys and where help is. Call it while no profile is saved.
     */
    static void welcomePage(Display display, IWorkbenchWindow w, ConnectionsView connections) throws Exception {
        org.eclipse.ui.IWorkbenchPage page = w.getActivePage();
        assertEquals(null, page.findView(io.walscope.ui.welcome.WelcomeView.ID), "a --demo start opens no Welcome page");
        assertTrue(io.walscope.ui.welcome.WelcomeView.wantedAtStart(false), "a fresh home (no saved connection) wants it");
        assertFalse(io.walscope.ui.welcome.WelcomeView.wantedAtStart(true), "--demo does not");
        org.eclipse.ui.views.IViewDescriptor d = org.eclipse.ui.PlatformUI.getWorkbench().getViewRegistry()
                .find(io.walscope.ui.welcome.WelcomeView.ID);
        assertNotNull(d, "Window > Show View lists it");
        assertEquals("Welcome", d.getLabel());
        assertFalse(org.eclipse.ui.activities.WorkbenchActivityHelper.filterItem(d), "and does not hide it");
        // Help > Welcome
        org.eclipse.swt.widgets.MenuItem help = null;
        for (org.eclipse.swt.widgets.MenuItem mi : w.getShell().getMenuBar().getItems()) {
            if (mi.getText().replace("&", "").equals("Help")) {
                help = mi;
            }
        }
        assertNotNull(help, "a Help menu");
        Menu helpMenu = UiMenus.open(help.getMenu());
        org.eclipse.swt.widgets.MenuItem welcomeItem = null;
        for (org.eclipse.swt.widgets.MenuItem mi : helpMenu.getItems()) {
            if (mi.getText().replace("&", "").startsWith("Welcome")) {
                welcomeItem = mi;
            }
        }
        assertNotNull(welcomeItem, "Help > Welcome");
        Ui.click(welcomeItem);
        Ui.waitUntil(display, () -> page.findView(io.walscope.ui.welcome.WelcomeView.ID) != null, Duration.ofSeconds(10),
                () -> "Help > Welcome to open the page");
        io.walscope.ui.welcome.WelcomeView welcome = (io.walscope.ui.welcome.WelcomeView) page
                .findView(io.walscope.ui.welcome.WelcomeView.ID);
        assertEquals("Welcome to Walscope", Ui.find(display, "welcome.title", Label.class).getText());
        assertTrue(Ui.find(display, "welcome.what", Label.class).getText().contains("ClickHouse"));
        String helpLine = Ui.find(display, "welcome.help", Label.class).getText();
        assertTrue(helpLine.contains("Ctrl+N") && helpLine.contains("F2") && helpLine.contains("Help"), helpLine);
        Button demo = Ui.find(display, "welcome.demo", Button.class);
        Button create = Ui.find(display, "welcome.new", Button.class);
        Button setup = Ui.find(display, "welcome.setup", Button.class);
        assertEquals("Start Demo Database", demo.getText());
        assertEquals("New Connection...", create.getText());
        assertEquals("Set up CDC...", setup.getText());
        IHandlerService handlers = w.getService(IHandlerService.class);
        ICommandService commands = w.getService(ICommandService.class);
        connections.select("demo");
        Ui.flush(display);
        Ui.waitUntil(display, () -> !demo.isEnabled(), Duration.ofSeconds(10), () -> "Start Demo Database off: the demo runs");
        assertFalse(enabled(commands, handlers, "io.walscope.ui.demo.start"), "as the command is");
        assertEquals(enabled(commands, handlers, "io.walscope.ui.connection.new"), create.isEnabled());
        assertTrue(create.isEnabled());
        assertEquals(enabled(commands, handlers, "io.walscope.ui.setup.open"), setup.isEnabled());
        assertTrue(setup.isEnabled());
        Ui.screenshot(w.getShell(), "window-welcome");
        // the buttons run their commands: the connection wizard, the setup wizard on the selected connection
        assertEquals("New PostgreSQL connection", clickAndCloseDialogs(display, create));
        assertEquals("Set up CDC — demo", clickAndCloseDialogs(display, setup));
        page.hideView(welcome);
    }

    /**
     * Clicks {@code button}; when a dialog opens, notes its title and closes it, and every dialog after it (a wizard
     * still at work asks to wait), until none is left. Returns the first dialog's title.
     */
    private static String clickAndCloseDialogs(Display display, Button button) {
        String[] title = new String[1];
        boolean[] done = new boolean[1];
        org.eclipse.swt.widgets.Shell main = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        long end = System.nanoTime() + 60_000_000_000L;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            boolean any = false;
            for (org.eclipse.swt.widgets.Shell s : display.getShells()) {
                if (s != main && !s.isDisposed() && s.isVisible() && !s.getText().isEmpty()) {
                    if (title[0] == null) {
                        title[0] = s.getText();
                    }
                    s.close();
                    any = true;
                }
            }
            if ((any || title[0] == null) && System.nanoTime() < end) {
                display.timerExec(200, poll[0]);
            } else {
                done[0] = true;
            }
        };
        display.timerExec(50, poll[0]);
        Ui.click(button);
        Ui.waitUntil(display, () -> done[0], Duration.ofSeconds(90), () -> "the dialogs to close");
        return title[0];
    }

    /**
     * The connection wizard: a postgresql:// URL typed key by key into Host stays as typed and fills the fields when
     * the user leaves Host; Test Connection on the first page connects (the demo database).
     */
    static void wizardTakesATypedUrlAndTests(Display display, IWorkbenchWindow w) throws Exception {
        ConnectionProfile demo = WalscopeUi.get().demo().profile();
        io.walscope.ui.wizard.WalscopeWizardDialog dialog = io.walscope.ui.connections.ConnectionHandlers
                .createWizardDialog(w.getShell(), null, false);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Ui.find(display, "wizard.name", Text.class).setText("typed-url");
            Text host = Ui.find(display, "wizard.host", Text.class);
            host.setText("");
            String url = "postgresql://" + demo.getHost() + ":" + demo.getPort() + "/" + demo.getDatabase() + "?user=" + demo.getUser();
            for (char ch : url.toCharArray()) {
                host.setSelection(host.getText().length());
                host.insert(String.valueOf(ch)); // one key at a time, as typing does
            }
            Ui.flush(display);
            assertEquals(url, host.getText(), "the URL stays as typed");
            assertTrue(String.valueOf(dialog.getCurrentPage().getErrorMessage()).startsWith("Finish the URL"),
                    String.valueOf(dialog.getCurrentPage().getErrorMessage()));
            host.notifyListeners(SWT.FocusOut, new Event());
            Ui.flush(display);
            assertEquals(demo.getHost(), host.getText());
            assertEquals(String.valueOf(demo.getPort()), Ui.find(display, "wizard.port", Text.class).getText());
            assertEquals(demo.getDatabase(), Ui.find(display, "wizard.database", Text.class).getText());
            assertEquals(demo.getUser(), Ui.find(display, "wizard.user", Text.class).getText());
            char[] pw = WalscopeUi.get().demo().secrets().password();
            Ui.find(display, "wizard.password", Text.class).setText(pw == null ? "" : new String(pw));
            Ui.click(Ui.find(display, "wizard.page1.test", Button.class));
            Label result = Ui.find(display, "wizard.page1.test.result", Label.class);
            assertTrue(result.getText().startsWith("Connected: "), result.getText());
            Ui.screenshot(dialog.getShell(), "window-wizard-page1-test");
        } finally {
            dialog.close();
        }
    }

    /** Where E4 would save its model (and load it at the next start, also after a crash). */
    static java.nio.file.Path e4Model() throws Exception {
        return java.nio.file.Path.of(org.eclipse.core.runtime.Platform.getInstanceLocation().getURL().toURI())
                .resolve(".metadata/.plugins/org.eclipse.e4.workbench/workbench.xmi");
    }

    private static boolean enabled(ICommandService commands, IHandlerService handlers, String id) {
        org.eclipse.core.commands.Command c = commands.getCommand(id);
        c.setEnabled(handlers.getCurrentState());
        return c.isEnabled();
    }

    /**
     * When a dialog opens (its nested event loop runs timers), notes its title and answers it with {@code then};
     * after 30 s, whatever other shell is open is closed (and its title noted), so a wrong dialog fails the test
     * instead of hanging it.
     */
    private static void answer(Display display, String[] title, java.util.function.Consumer<org.eclipse.swt.widgets.Shell> then) {
        title[0] = null;
        org.eclipse.swt.widgets.Shell main = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        long end = System.nanoTime() + 30_000_000_000L;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (org.eclipse.swt.widgets.Shell s : display.getShells()) {
                if (s != main && !s.isDisposed() && s.isVisible() && !s.getText().isEmpty()) {
                    title[0] = s.getText();
                    if (System.nanoTime() > end) {
                        s.close();
                    } else {
                        then.accept(s);
                    }
                    return;
                }
            }
            display.timerExec(50, poll[0]);
        };
        display.timerExec(50, poll[0]);
    }

    private static boolean setFirstText(org.eclipse.swt.widgets.Control c, String text) {
        if (c instanceof Text t) {
            t.setText(text);
            return true;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                if (setFirstText(child, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Type Mapping tree sorts by a header click (up, down, the original order) and copies from its menu. */
    static void typeMappingSortsAndCopies(Display display, IWorkbenchWindow w, ConnectionsView connections) throws Exception {
        TypeMappingView types = (TypeMappingView) w.getActivePage().showView(TypeMappingView.ID);
        connections.select("demo");
        Tree tree = Ui.await(display, "types.tree", Tree.class, Duration.ofSeconds(10));
        Ui.waitUntil(display, () -> shop(tree) != null && shop(tree).getItemCount() > 3, Duration.ofSeconds(60),
                () -> "the demo's tables in the Type Mapping view: " + types.statusText());
        Ui.waitForJobs(display, Duration.ofSeconds(60));
        shop(tree).setExpanded(true);
        List<String> original = names(shop(tree));
        TreeColumn name = tree.getColumn(0);
        Ui.click(name);
        assertEquals(SWT.UP, tree.getSortDirection());
        List<String> up = names(shop(tree));
        assertEquals(original.stream().sorted(java.text.Collator.getInstance()).toList(), up);
        Ui.click(name);
        assertEquals(SWT.DOWN, tree.getSortDirection());
        assertEquals(original.stream().sorted(java.text.Collator.getInstance().reversed()).toList(), names(shop(tree)));
        Ui.screenshot(w.getShell(), "window-types-sorted-down");
        Ui.click(name);
        assertEquals(SWT.NONE, tree.getSortDirection(), "a third click: the original order");
        assertEquals(original, names(shop(tree)));
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(tree);
        try {
            for (TreeColumn c : tree.getColumns()) {
                assertTrue(c.getWidth() >= gc.textExtent(c.getText()).x, "column " + c.getText() + " shows its header");
            }
        } finally {
            gc.dispose();
        }

        types.select("shop", "products", "price");
        Menu menu = UiMenus.open(tree.getMenu());
        Ui.click(UiMenus.item(menu, "types.menu.copyRow"));
        assertTrue(UiMenus.clipboard(display).startsWith("price\tnumeric(12,2)\t"), UiMenus.clipboard(display));
        Ui.click(UiMenus.item(menu, "types.menu.copyJson"));
        assertTrue(UiMenus.clipboard(display).contains(": \"price\""), UiMenus.clipboard(display));
        assertTrue(UiMenus.item(menu, "types.menu.copyDdl").isEnabled());
        assertTrue(UiMenus.item(menu, "types.menu.watch").isEnabled());
        Ui.click(UiMenus.item(menu, "types.menu.copyDdl"));
        assertTrue(UiMenus.clipboard(display).startsWith("CREATE TABLE `shop`.`products`"), UiMenus.clipboard(display));
    }

    private static TreeItem shop(Tree tree) {
        for (TreeItem s : tree.getItems()) {
            if (s.getText(0).equals("shop")) {
                return s;
            }
        }
        return null;
    }

    private static List<String> names(TreeItem schema) {
        List<String> out = new java.util.ArrayList<>();
        for (TreeItem t : schema.getItems()) {
            out.add(t.getText(0));
        }
        return out;
    }

}
