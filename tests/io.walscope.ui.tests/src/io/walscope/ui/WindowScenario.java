package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.ScrollBar;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchWindow;

import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;

import io.walscope.core.live.LiveEvent;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.live.LiveView;
import io.walscope.ui.types.TypeMappingView;

/**
 * The window behaves as Eclipse and DBeaver users expect (issue 21), on the demo database in the running
 * workbench: the live view's follow, selection and detail agree during a stream and after filter changes; another
 * connection clears the old stream's rows; a failed stream shows a banner with the cause and its fix; a Stop reads
 * "stopped".
 */
final class WindowScenario {
    private WindowScenario() {
    }

    static void liveViewFollowsAndSelects(Display display, IWorkbenchWindow w, ConnectionsView connections) throws Exception {
        connections.select("demo");
        LiveView live = (LiveView) w.getActivePage().showView(LiveView.ID);
        live.setProfile(connections.selected()); // an earlier scenario may have set another connection directly
        Table table = Ui.find(display, "live.table", Table.class);
        Button followBox = Ui.find(display, "live.follow", Button.class);
        Text json = Ui.find(display, "live.detail.json", Text.class);
        try (Connection c = new PgConnector().connect(WalscopeUi.get().demo().profile(), WalscopeUi.get().demo().secrets());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS shop.follow_test (id int PRIMARY KEY, name text)");
            try {
                st.execute("ALTER PUBLICATION dbz_publication ADD TABLE shop.follow_test");
            } catch (java.sql.SQLException alreadyThere) {
                // a second run on the same demo data
            }
            st.execute("TRUNCATE shop.follow_test");
            live.start(new StreamOptions().plugin(Plugin.PGOUTPUT));
            Ui.waitUntil(display, () -> live.stateText().startsWith("RUNNING") && live.slotName() != null
                    && slotActive(st, live.slotName()), Duration.ofSeconds(60), () -> "the stream to run: " + live.stateText());
            int[] next = { 1 };
            Runnable more = () -> {
                try {
                    st.execute("INSERT INTO shop.follow_test SELECT g, CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END"
                            + " FROM generate_series(" + next[0] + ", " + (next[0] + 99) + ") g");
                    next[0] += 100;
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(e.getMessage(), e);
                }
            };
            for (int i = 0; i < 4; i++) {
                more.run();
            }
            Ui.waitUntil(display, () -> count(live, "shop.follow_test") >= 400, Duration.ofSeconds(30),
                    () -> "400 changes to show: " + live.statusText());
            assertTrue(live.isFollowing() && followBox.getSelection(), "follows from the start");
            Ui.waitUntil(display, () -> lastRowInSight(table), Duration.ofSeconds(10),
                    () -> "the newest row in sight: top " + table.getTopIndex() + " of " + table.getItemCount());

            // a click stops following: the row stays where it is, selected, and the detail shows it
            int row = table.getItemCount() - 150;
            while (!"shop.follow_test".equals(live.eventAt(row).qualifiedTable())) {
                row--; // the demo's own traffic runs too
            }
            LiveEvent clicked = live.eventAt(row);
            table.setSelection(row);
            Ui.click(table);
            assertFalse(live.isFollowing(), "a selection stops following");
            assertFalse(followBox.getSelection(), "the Follow box says so");
            assertTrue(json.getText().contains("follow_test"), json.getText());
            String shownJson = json.getText();
            int countBefore = table.getItemCount();
            more.run();
            Ui.waitUntil(display, () -> table.getItemCount() >= countBefore + 100, Duration.ofSeconds(30),
                    () -> "new rows while a row is selected: " + live.statusText());
            assertEquals(clicked.seq(), live.eventAt(table.getSelectionIndex()).seq(), "the same change stays selected");
            assertTrue(table.getTopIndex() <= table.getSelectionIndex(), "the selected row did not scroll away: top "
                    + table.getTopIndex() + ", selected " + table.getSelectionIndex());
            assertEquals(shownJson, json.getText(), "the detail still shows the selected change");
            Ui.screenshot(w.getShell(), "window-live-selected");

            // a filter that keeps the change keeps it selected; one that hides it clears the selection and the detail
            String name = clicked.json().contains("\"even\"") ? "even" : "odd";
            live.search(name);
            Ui.waitUntil(display, () -> table.getSelectionCount() == 1, Duration.ofSeconds(10), () -> "the selection back");
            assertEquals(clicked.seq(), live.eventAt(table.getSelectionIndex()).seq(), "still the clicked change");
            assertEquals(shownJson, json.getText());
            live.search(name.equals("even") ? "odd" : "even");
            Ui.flush(display);
            assertEquals(0, table.getSelectionCount(), "a hidden change is not selected");
            assertEquals("", json.getText(), "and the detail does not show it");
            Ui.screenshot(w.getShell(), "window-live-filtered");
            live.search("");
            Ui.flush(display);
            assertEquals(0, table.getSelectionCount());
            assertEquals("", json.getText());

            // ticking Follow goes to the newest row again
            followBox.setSelection(true);
            Ui.click(followBox);
            assertTrue(live.isFollowing());
            more.run();
            Ui.waitUntil(display, () -> count(live, "shop.follow_test") >= 600 && lastRowInSight(table), Duration.ofSeconds(30),
                    () -> "following to the newest row: top " + table.getTopIndex() + " of " + table.getItemCount());

            // scrolling up stops following; scrolling back to the end resumes it
            // (through the scroll bar, as a wheel or a drag does: setTopIndex would only queue a scroll in GTK)
            // (the view's own scroll to the newest row, queued while GTK lays new rows out, may land after it: the
            // user scrolls again, as a user would)
            ScrollBar bar = table.getVerticalBar();
            more.run();
            Ui.waitUntil(display, () -> scrolledTo(table, bar, bar.getMinimum()) && !live.isFollowing(), Duration.ofSeconds(30), () -> "a scroll up to stop following: top "
                    + table.getTopIndex() + " of " + table.getItemCount() + ", bar " + bar.getSelection() + "/" + bar.getMaximum()
                    + ", visible " + table.isVisible() + ", client " + table.getClientArea() + ", item " + table.getItemHeight());
            assertFalse(followBox.getSelection());
            assertEquals(0, table.getTopIndex(), "the view stays where the user scrolled to");
            Ui.screenshot(w.getShell(), "window-live-scrolled-up");
            more.run();
            Ui.waitUntil(display, () -> scrolledTo(table, bar, bar.getMaximum() - bar.getThumb()) && live.isFollowing(), Duration.ofSeconds(30), () -> "a scroll to the end to resume");
            assertTrue(followBox.getSelection());
            Ui.waitUntil(display, () -> count(live, "shop.follow_test") >= 800 && lastRowInSight(table),
                    Duration.ofSeconds(30), () -> "following again: top " + table.getTopIndex() + " of " + table.getItemCount());
            Ui.screenshot(w.getShell(), "window-live-following");

            // a Stop the user pressed reads "stopped", not "stopped (cancelled)"
            live.stop();
            Ui.waitUntil(display, () -> live.stateText().startsWith("STOPPED"), Duration.ofSeconds(30),
                    () -> "the stream to stop: " + live.stateText());
            Ui.waitUntil(display, () -> live.statusText().startsWith("stopped: "), Duration.ofSeconds(5),
                    () -> "the status line: " + live.statusText());
            assertFalse(live.statusText().contains("cancelled"), live.statusText());

            // the change rows' context menu: copy the row, show only its table
            int r = table.getItemCount() - 1;
            while (!"shop.follow_test".equals(live.eventAt(r).qualifiedTable())) {
                r--;
            }
            table.setSelection(r);
            Ui.click(table);
            Menu menu = table.getMenu();
            menu.notifyListeners(SWT.Show, new Event());
            MenuItem copyRow = UiMenus.item(menu, "live.table.menu.copyRow");
            assertTrue(copyRow.isEnabled());
            Ui.click(copyRow);
            String copied = UiMenus.clipboard(display);
            assertTrue(copied.contains("\tinsert\tshop.follow_test\tid="), copied);
            Ui.click(UiMenus.item(menu, "live.table.menu.onlyTable"));
            assertEquals("shop.follow_test", Ui.find(display, "live.filter.table", Combo.class).getText());
            assertTrue(count(live, "shop.follow_test") == live.rowCount() && live.rowCount() >= 800,
                    "only the table's changes: " + live.rowCount());
            Combo tables = Ui.find(display, "live.filter.table", Combo.class);
            List<String> names = List.of(tables.getItems()).subList(1, tables.getItemCount());
            assertEquals(names.stream().sorted().toList(), names, "the tables drop-down is in name order");
            // the grouped tree has the same menu: a transaction row copies as its cells
            live.setGrouped(true);
            Tree txTree = Ui.find(display, "live.tree", Tree.class);
            Ui.waitUntil(display, () -> txTree.getItemCount() > 0, Duration.ofSeconds(10), () -> "transactions in the tree");
            txTree.setSelection(txTree.getItem(txTree.getItemCount() - 1));
            Menu txMenu = UiMenus.open(txTree.getMenu());
            Ui.click(UiMenus.item(txMenu, "live.tree.menu.copyRow"));
            assertTrue(UiMenus.clipboard(display).contains("\tshop.follow_test\t"), UiMenus.clipboard(display));
            live.setGrouped(false);

            // another connection: the demo's rows go, the view says which connection it is on
            ConnectionProfile other = new ConnectionProfile().setName("scratch").setHost("127.0.0.1").setPort(1)
                    .setDatabase("postgres").setUser("nobody");
            live.setProfile(other);
            Ui.flush(display);
            assertEquals(0, live.rowCount(), "the old stream's rows are gone");
            assertEquals("", json.getText());
            assertTrue(Ui.find(display, "live.profile", Label.class).getText().startsWith("Connection: scratch"));
            assertTrue(live.statusText().startsWith("Press Start"), live.statusText());
            Ui.screenshot(w.getShell(), "window-live-switched");

            // a failure: a banner with the cause in the window's words and the buttons to the fix
            live.setProfile(connections.profiles().get(0));
            assertNull(live.bannerText());
            live.start(new StreamOptions().plugin(Plugin.PGOUTPUT).publication("no_such_publication"));
            Ui.waitUntil(display, () -> live.bannerText() != null, Duration.ofSeconds(60),
                    () -> "the error banner: " + live.stateText());
            String banner = live.bannerText();
            assertTrue(banner.startsWith("Publication \"no_such_publication\" does not exist"), banner);
            assertFalse(banner.contains("--"), "no CLI flags in the window: " + banner);
            assertTrue(banner.contains("Publication field"), banner);
            Button setup = Ui.find(display, "live.error.setup", Button.class);
            assertTrue(setup.isVisible(), "Set up CDC… creates the publication");
            assertTrue(Ui.find(display, "live.error.start", Button.class).isVisible());
            assertTrue(live.statusText().startsWith("failed"), live.statusText());
            Ui.screenshot(w.getShell(), "window-live-error");
            live.setProfile(other);
            Ui.flush(display);
            assertNull(live.bannerText(), "another connection: the old failure goes");
            live.setProfile(connections.profiles().get(0));
        }
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
            assertFalse(enabled(commands, handlers, id), id + " is off on the demo database");
        }
        assertFalse(enabled(commands, handlers, "io.walscope.ui.demo.start"), "the demo runs already");
        connections.select("keys-test");
        Ui.flush(display);
        for (String id : List.of("io.walscope.ui.connection.edit", "org.eclipse.ui.edit.rename", "org.eclipse.ui.edit.delete")) {
            assertTrue(enabled(commands, handlers, id), id + " acts on a saved connection");
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

    /** At 1000 x 640 the live view's buttons and filters wrap onto more lines: none is cut off. */
    static void liveToolbarAt1000(Display display, IWorkbenchWindow w) throws Exception {
        org.eclipse.swt.widgets.Shell shell = w.getShell();
        org.eclipse.swt.graphics.Rectangle was = shell.getBounds();
        boolean maximized = shell.getMaximized();
        try {
            shell.setMaximized(false);
            shell.setBounds(0, 0, 1000, 640);
            w.getActivePage().showView(LiveView.ID);
            Ui.flush(display);
            Table table = Ui.find(display, "live.table", Table.class);
            org.eclipse.swt.graphics.Rectangle area = display.map(table.getParent(), null, table.getBounds());
            for (String id : List.of("live.start", "live.pause", "live.stop", "live.follow", "live.newestFirst",
                    "live.grouped", "live.export", "live.copy", "live.filter.table", "live.filter.text")) {
                org.eclipse.swt.widgets.Control c = Ui.find(display, id, org.eclipse.swt.widgets.Control.class);
                org.eclipse.swt.graphics.Rectangle b = display.map(c.getParent(), null, c.getBounds());
                assertTrue(b.width > 0 && b.x >= area.x - 2 && b.x + b.width <= area.x + area.width + 2,
                        id + " at " + b + " is cut off by the view (" + area + ")");
            }
            Ui.screenshot(shell, "window-live-1000px");
        } finally {
            shell.setBounds(was);
            shell.setMaximized(maximized);
            Ui.flush(display);
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

    /** Moves the scroll bar to {@code value} unless it is there; true when it is (and stayed) there. */
    private static boolean scrolledTo(Table table, ScrollBar bar, int value) {
        if (bar.getSelection() != value) {
            bar.setSelection(value);
            return false;
        }
        return true;
    }

    private static boolean slotActive(Statement st, String slot) {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static boolean lastRowInSight(Table table) {
        int page = Math.max(1, (table.getClientArea().height - table.getHeaderHeight()) / table.getItemHeight());
        return table.getItemCount() > 0 && table.getTopIndex() + page >= table.getItemCount() - 1;
    }

    private static int count(LiveView live, String qualified) {
        int n = 0;
        for (int i = 0; i < live.rowCount(); i++) {
            LiveEvent e = live.eventAt(i);
            if (e != null && qualified.equals(e.qualifiedTable())) {
                n++;
            }
        }
        return n;
    }
}
