package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.eclipse.ui.IWorkbenchWindow;

import io.walscope.core.live.LiveEvent;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.live.LiveView;

/**
 * The live view behaves as Eclipse and DBeaver users expect (issue 21), on the demo database in the running
 * workbench: follow, selection and detail agree during a stream and after filter changes; the rows' context menu;
 * another connection clears the old stream's rows; a failed stream shows a banner with the cause and its fix; a Stop
 * reads "stopped"; at 1000 px nothing is cut off.
 */
final class LiveWindowScenario {
    private LiveWindowScenario() {
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
            streamFreshTable(display, live, st, "follow_test");
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
     * The live table sorts by a header click while the stream runs (up, down, the stream order again): following is
     * off while sorted and the status line says so, new changes land in their sorted place, and the selected change
     * and the detail pane keep agreeing; back in the stream order following resumes. Then the connection shown is
     * renamed (the view follows, the stream runs on) and deleted (the stream stops, the view forgets it).
     */
    static void liveSortsAndForgetsADeletedConnection(Display display, IWorkbenchWindow w, ConnectionsView connections)
            throws Exception {
        ConnectionProfile saved = WalscopeUi.get().demo().profile().copy().setName("live-saved").setDemo(false);
        WalscopeUi.get().profiles().save(saved, null);
        WalscopeUi.get().secrets().put("live-saved", io.walscope.core.profile.SecretStore.Kind.PASSWORD,
                WalscopeUi.get().demo().secrets().password());
        LiveView live = (LiveView) w.getActivePage().showView(LiveView.ID);
        w.getActivePage().activate(connections); // the user clicks in the Connections view
        connections.selectWhenListed("live-saved");
        Ui.waitUntil(display, () -> live.profile() != null && live.profile().getName().equals("live-saved"),
                Duration.ofSeconds(10), () -> "the live view on the selected connection: " + live.profile());
        Table table = Ui.find(display, "live.table", Table.class);
        Button followBox = Ui.find(display, "live.follow", Button.class);
        Text json = Ui.find(display, "live.detail.json", Text.class);
        try (Connection c = new PgConnector().connect(WalscopeUi.get().demo().profile(), WalscopeUi.get().demo().secrets());
                Statement st = c.createStatement()) {
            streamFreshTable(display, live, st, "sort_test");
            int[] next = { 1 };
            Runnable more = () -> {
                try {
                    st.execute("INSERT INTO shop.sort_test SELECT g, md5(g::text) FROM generate_series(" + next[0] + ", "
                            + (next[0] + 199) + ") g");
                    next[0] += 200;
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(e.getMessage(), e);
                }
            };
            more.run();
            Ui.waitUntil(display, () -> count(live, "shop.sort_test") >= 200, Duration.ofSeconds(30),
                    () -> "200 changes to show: " + live.statusText());

            // a header click sorts (by the What changed column: the new names land anywhere), Follow goes off
            Ui.click(table.getColumn(6));
            assertEquals(6, live.sortColumn());
            assertEquals(SWT.UP, table.getSortDirection());
            assertEquals(table.getColumn(6), table.getSortColumn());
            assertFalse(live.isFollowing(), "no following while sorted");
            assertFalse(followBox.getSelection(), "the Follow box says so");
            Ui.waitUntil(display, () -> live.statusText().startsWith("Sorted by What changed ↑: Follow is off"),
                    Duration.ofSeconds(5), () -> "the status line says why: " + live.statusText());
            assertSorted(live, 1);
            int row = table.getItemCount() / 2;
            while (!"shop.sort_test".equals(live.eventAt(row).qualifiedTable())) {
                row++;
            }
            LiveEvent clicked = live.eventAt(row);
            table.setSelection(row);
            Ui.click(table);
            String shownJson = json.getText();
            assertTrue(shownJson.contains("sort_test"), shownJson);
            // changes arrive while sorted: they land in their places, the selection and the detail stay on the change
            int before = live.rowCount();
            more.run();
            more.run();
            Ui.waitUntil(display, () -> count(live, "shop.sort_test") >= 600, Duration.ofSeconds(30),
                    () -> "new rows while sorted: " + live.rowCount() + " (were " + before + "); " + live.statusText());
            assertSorted(live, 1);
            assertEquals(1, table.getSelectionCount());
            assertEquals(clicked.seq(), live.eventAt(table.getSelectionIndex()).seq(), "the same change stays selected");
            assertEquals(shownJson, json.getText(), "the detail shows the selected change");
            assertFalse(live.isFollowing());
            Ui.screenshot(w.getShell(), "window-live-sorted");

            // down: the same change stays selected
            Ui.click(table.getColumn(6));
            assertEquals(SWT.DOWN, table.getSortDirection());
            assertSorted(live, -1);
            assertEquals(clicked.seq(), live.eventAt(table.getSelectionIndex()).seq(), "still the selected change");
            assertEquals(shownJson, json.getText());
            double[] ms = live.sortMillis();
            System.out.printf("live sort: %d rows, full sort %.1f ms, update per drain %.3f ms%n", live.rowCount(), ms[0], ms[1]);

            // a third click: the stream order, following again to the newest row
            Ui.click(table.getColumn(6));
            assertEquals(-1, live.sortColumn());
            assertEquals(SWT.NONE, table.getSortDirection());
            assertTrue(live.isFollowing() && followBox.getSelection(), "following resumes in the stream order");
            more.run();
            Ui.waitUntil(display, () -> count(live, "shop.sort_test") >= 800 && lastRowInSight(table), Duration.ofSeconds(30),
                    () -> "following the newest row again: top " + table.getTopIndex() + " of " + table.getItemCount());
            for (int i = 1; i < live.rowCount(); i++) {
                assertTrue(live.eventAt(i - 1).seq() < live.eventAt(i).seq(), "stream order at row " + i);
            }
            assertFalse(live.statusText().startsWith("Sorted"), live.statusText());
            // sorted by Table, then Follow ticked: the stream order
            Ui.click(table.getColumn(4));
            assertEquals(4, live.sortColumn());
            followBox.setSelection(true);
            Ui.click(followBox);
            assertEquals(-1, live.sortColumn(), "Follow goes back to the stream order");
            assertTrue(live.isFollowing());

            // at 1400 x 900 and 1000 x 640 the table has the room: the chart above it is the smaller part
            org.eclipse.swt.widgets.Shell shell = w.getShell();
            org.eclipse.swt.graphics.Rectangle was = shell.getBounds();
            boolean maximized = shell.getMaximized();
            try {
                shell.setMaximized(false);
                for (int[] size : new int[][] { { 1400, 900 }, { 1000, 640 } }) {
                    shell.setBounds(0, 0, size[0], size[1]);
                    Ui.flush(display);
                    more.run();
                    Ui.waitUntil(display, () -> lastRowInSight(table), Duration.ofSeconds(10), () -> "following");
                    int rowsShown = (table.getClientArea().height - table.getHeaderHeight()) / table.getItemHeight();
                    int chartHeight = live.chart().getSize().y;
                    Ui.screenshot(shell, "window-live-" + size[0] + "x" + size[1]);
                    assertTrue(rowsShown >= 7 && table.getSize().y > chartHeight, "at " + size[0] + "x" + size[1]
                            + " the table shows " + rowsShown + " rows in " + table.getSize().y + " px, the chart takes "
                            + chartHeight + " px");
                }
            } finally {
                shell.setBounds(was);
                shell.setMaximized(maximized);
                Ui.flush(display);
            }

            // renamed: the view follows the new name, the stream runs on
            String slot = live.slotName();
            WalscopeUi.get().profiles().save(saved.copy().setName("live-renamed"), "live-saved");
            WalscopeUi.get().secrets().rename("live-saved", "live-renamed");
            Label name = Ui.find(display, "live.profile", Label.class);
            Ui.waitUntil(display, () -> name.getText().startsWith("Connection: live-renamed"), Duration.ofSeconds(10),
                    () -> "the renamed connection: " + name.getText());
            assertTrue(live.stateText().startsWith("RUNNING"), live.stateText());
            // deleted: the stream stops, rows, detail, chart and banner go, no connection is shown
            table.setSelection(0);
            Ui.click(table);
            WalscopeUi.get().profiles().delete("live-renamed");
            WalscopeUi.get().secrets().remove("live-renamed");
            Ui.waitUntil(display, () -> name.getText().equals("No connection selected"), Duration.ofSeconds(10),
                    () -> "the deleted connection forgotten: " + name.getText());
            assertEquals(0, live.rowCount());
            assertEquals("", json.getText());
            assertEquals(0, live.chartSamples());
            assertNull(live.bannerText());
            assertNull(live.profile());
            assertFalse(Ui.find(display, "live.start", Button.class).isEnabled(), "nothing to start");
            assertTrue(live.statusText().startsWith("Choose a connection"), live.statusText());
            Ui.waitUntil(display, () -> !slotExists(st, slot), Duration.ofSeconds(30), () -> "the stream's slot to go");
            Ui.screenshot(w.getShell(), "window-live-deleted-connection");
        } finally {
            connections.select("demo");
            live.setProfile(WalscopeUi.get().demo().profile());
        }
    }

    /** The rows are in the order of their What changed text ({@code sign} 1: up, -1: down). */
    private static void assertSorted(LiveView live, int sign) {
        String prev = null;
        for (int i = 0; i < live.rowCount(); i++) {
            LiveEvent e = live.eventAt(i);
            String s = (e.summary().length() > 32 ? e.summary().substring(0, 32) : e.summary()).toLowerCase(java.util.Locale.ROOT);
            if (prev != null && !prev.isEmpty() && !s.isEmpty()) { // empty cells go last, as in every table
                int c = prev.compareTo(s); // case aside
                assertTrue(c * sign <= 0 || startsWithDigit(prev) && startsWithDigit(s),
                        "row " + i + " out of order: \"" + prev + "\" then \"" + s + "\"");
            }
            prev = s;
        }
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

    private static boolean slotExists(Statement st, String slot) {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e.getMessage(), e);
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

    /** A fresh table in the demo's publication, and the live view streaming (its slot active). */
    private static void streamFreshTable(Display display, LiveView live, Statement st, String table) throws Exception {
        st.execute("CREATE TABLE IF NOT EXISTS shop." + table + " (id int PRIMARY KEY, name text)");
        try {
            st.execute("ALTER PUBLICATION dbz_publication ADD TABLE shop." + table);
        } catch (java.sql.SQLException alreadyThere) {
            // a second run on the same demo data
        }
        st.execute("TRUNCATE shop." + table);
        live.start(new StreamOptions().plugin(Plugin.PGOUTPUT));
        Ui.waitUntil(display, () -> live.stateText().startsWith("RUNNING") && live.slotName() != null
                && slotActive(st, live.slotName()), Duration.ofSeconds(60), () -> "the stream to run: " + live.stateText());
    }
}
