package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Status;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SecretStore;
import io.walscope.core.stream.Op;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionHandlers;
import io.walscope.ui.live.LiveView;
import io.walscope.ui.setup.SetupHandler;
import io.walscope.ui.setup.SetupWizardBot;
import io.walscope.ui.wizard.ConnectionWizard;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/**
 * A new user's way, in the real workbench: an unprepared server (Debian's PostgreSQL 15 as apt serves it:
 * wal_level replica, output_plugin_libraries at its default so wal2json is refused, no CDC user, no publication,
 * tables with DEFAULT identity, one without a key, a partitioned one), the connection wizard, then the setup wizard
 * page by page — apply, restart where the page says so, check again — to a passing test with pgoutput and wal2json,
 * and Watch Changes showing the changes live. Screenshots of every page.
 */
final class SetupWizardScenario {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private SetupWizardScenario() {
    }

    static void unpreparedServerToLiveView(Display display, IWorkbenchWindow w) throws Exception {
        Rectangle screen = w.getShell().getMonitor().getClientArea();
        Rectangle window = w.getShell().getBounds();
        assertTrue(window.width >= screen.width - 2 && window.height >= screen.height - 2,
                "first start: the window fills the screen, " + window + " on " + screen);
        assertTrue(menuItems(w.getShell().getMenuBar(), "File").contains("&Set up CDC..."),
                "File menu: " + menuItems(w.getShell().getMenuBar(), "File"));
        org.eclipse.swt.widgets.Table connections = Ui.find(display, "connections.table", org.eclipse.swt.widgets.Table.class);
        assertTrue(items(connections.getMenu()).contains("Set up CDC..."), "context menu: " + items(connections.getMenu()));
        assertTrue(toolItems(w.getShell()).contains("Set up CDC..."), "the Connections view's toolbar: " + toolItems(w.getShell()));
        try (TestServer s = PgTestBed.dedicated(PgTestBed.PLUGINS_VERSION, "setup-e2e", c -> c.conf("wal_level = replica"))) {
            String db = s.createDatabase("shop");
            s.sql(db, "CREATE SCHEMA shop", "CREATE TABLE shop.customers (id int PRIMARY KEY, name text, email text)",
                    "CREATE TABLE shop.audit_log (at timestamptz DEFAULT now(), what text)",
                    "CREATE TABLE shop.orders (id int, ordered date NOT NULL, total numeric(10,2), PRIMARY KEY (id, ordered))"
                            + " PARTITION BY RANGE (ordered)",
                    "CREATE TABLE shop.orders_2025 PARTITION OF shop.orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                    "CREATE TABLE shop.orders_2026 PARTITION OF shop.orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                    "INSERT INTO shop.customers VALUES (1, 'Ann', 'ann@example.com')");

            // the connection wizard, and its offer to set up
            WalscopeWizardDialog cw = ConnectionHandlers.createWizardDialog(w.getShell(), null, false);
            cw.setBlockOnOpen(false);
            cw.open();
            ConnectionWizardBot c = new ConnectionWizardBot(cw);
            c.type("wizard.name", "shop-prod").type("wizard.host", "127.0.0.1").type("wizard.port", String.valueOf(s.port()))
                    .type("wizard.database", db).type("wizard.user", s.cluster().superuser())
                    .type("wizard.password", s.cluster().password());
            c.next().check("wizard.plugin.pgoutput").next();
            c.next();
            assertTrue(c.testConnection().startsWith("Connected: PostgreSQL 15"));
            Ui.find(display, "wizard.schemas", org.eclipse.swt.widgets.List.class).setSelection(new String[] {"shop"});
            Ui.find(display, "wizard.schemas", org.eclipse.swt.widgets.List.class).notifyListeners(org.eclipse.swt.SWT.Selection,
                    new org.eclipse.swt.widgets.Event());
            assertTrue(Ui.find(display, "wizard.setupAfter", org.eclipse.swt.widgets.Button.class).getSelection(),
                    "a new connection offers the setup");
            c.screenshot("setup-0-connection-wizard");
            boolean requested = ((ConnectionWizard) cw.wizard()).setupRequested();
            c.finish();
            assertTrue(requested);
            ConnectionProfile shop = WalscopeUi.get().profiles().find("shop-prod").orElseThrow();
            assertEquals(List.of("shop"), shop.getSchemas());

            SetupWizardBot bot = SetupWizardBot.open(SetupHandler.createDialog(w, shop));
            server(bot, s);
            user(bot, db);
            tables(bot);
            publications(bot);
            plugin(bot, db);
            test(bot);
            lastUpdate(bot);
            ssl(bot, s);
            bot.next();
            assertEquals("summary", bot.pageName());
            bot.screenshot("setup-9-summary");
            bot.press("setup.watch");
            Ui.waitUntil(display, bot::closed, Duration.ofSeconds(10), () -> "the wizard to close");

            LiveView live = (LiveView) w.getActivePage().findView(LiveView.ID);
            assertNotNull(live, "Watch Changes opened the live view");
            Ui.waitUntil(display, () -> live.stateText().startsWith("RUNNING") && live.slotName() != null, WAIT,
                    () -> "the stream to run: " + live.stateText());
            s.sql(db, "INSERT INTO shop.customers VALUES (2, 'Bob', 'bob@example.com')",
                    "UPDATE shop.customers SET email = 'ann@example.org' WHERE id = 1");
            Ui.waitUntil(display, () -> rows(live, "shop.customers").size() == 2,
                    Duration.ofSeconds(30), () -> "the changes in the live view: " + live.statusText());
            LiveEvent update = rows(live, "shop.customers").get(1);
            assertEquals(Op.UPDATE, update.op());
            assertTrue(update.summary().contains("email"), update.summary());
            assertTrue(live.statusText().startsWith("streaming with pgoutput"), live.statusText());
            Ui.screenshot(w.getShell(), "setup-10-live-view");
            String slot = live.slotName();
            live.stop();
            Ui.waitUntil(display, () -> live.stateText().startsWith("STOPPED") && !slotExists(s, db, slot), WAIT,
                    () -> "the stream to stop: " + live.stateText());
        }
    }

    /** The Preparation editor opens large, its findings grouped, OK collapsed, every message readable in full. */
    static void prepEditorOpensLarge(Display display, IWorkbenchWindow w) throws Exception {
        ConnectionProfile demo = WalscopeUi.get().demo().profile();
        io.walscope.ui.prep.PrepEditor e = io.walscope.ui.prep.PrepHandlers.open(w.getActivePage(), demo);
        io.walscope.ui.prep.PrepPanel panel = e.panel();
        Ui.waitUntil(display, () -> panel.report() != null, WAIT, () -> "the check of the demo: " + panel.statusText());
        Ui.waitForJobs(display, WAIT);
        Ui.flush(display);
        int editor = panel.getSize().y;
        int client = w.getShell().getClientArea().height;
        assertTrue(editor > client / 2, "the editor is " + editor + " px high of " + client);
        org.eclipse.swt.widgets.Tree tree = panel.findings().getTree();
        org.eclipse.swt.widgets.TreeItem last = tree.getItem(tree.getItemCount() - 1);
        assertTrue(last.getText(0).startsWith("OK ("), last.getText(0));
        assertFalse(last.getExpanded(), "OK is collapsed");
        assertTrue(tree.getItem(0).getText(0).startsWith("Blocks CDC") || tree.getItem(0).getText(0).startsWith("Should fix"),
                tree.getItem(0).getText(0));
        org.eclipse.swt.widgets.TreeItem first = tree.getItem(0).getItem(0);
        tree.setSelection(first);
        tree.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        io.walscope.core.check.Finding f = (io.walscope.core.check.Finding) first.getData();
        String details = Ui.find(display, "prep.findings.details", org.eclipse.swt.widgets.Text.class).getText();
        assertTrue(details.contains(f.message()), "the whole message: " + details);
        Ui.screenshot(w.getShell(), "prep-editor-large");
        // the sash of the table and the detail pane (the strip chart above them keeps its height)
        org.eclipse.swt.widgets.Control liveBody = Ui.find(display, "live.table", org.eclipse.swt.widgets.Table.class)
                .getParent().getParent();
        int liveWhileOpen = liveBody.getSize().y;
        w.getActivePage().closeEditor(e, false);
        Ui.waitUntil(display, () -> liveBody.getSize().y > liveWhileOpen + client / 4, Duration.ofSeconds(10),
                () -> "the live view to get its room back: " + liveBody.getSize().y + " px");
    }

    private static void server(SetupWizardBot bot, TestServer s) throws Exception {
        assertEquals("server", bot.pageName());
        assertEquals(Status.FAIL, bot.finding(CheckId.SERVER_WAL_LEVEL, "wal_level").status());
        assertEquals(Status.OK, bot.finding(CheckId.PLUGIN_ALLOWED, "pgoutput").status());
        assertTrue(bot.label("setup.server.facts").contains("output_plugin_libraries pgoutput, test_decoding"),
                bot.label("setup.server.facts"));
        bot.check("setup.allow.wal2json", true);
        assertTrue(bot.sql().contains("ALTER SYSTEM SET wal_level = logical"), bot.sql());
        assertTrue(bot.sql().contains("ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'"),
                bot.sql());
        assertTrue(bot.sql().contains("A restart is needed after: server.wal_level"), bot.sql());
        bot.screenshot("setup-1-server");
        assertTrue(bot.apply().startsWith("Applied"), bot.status());
        assertTrue(bot.status().contains("restart"), "wal_level waits for a restart: " + bot.status());
        bot.screenshot("setup-1-server-restart-pending");
        s.cluster().restart(); // the DBA restarts the server
        bot.recheck();
        assertEquals(Status.OK, bot.finding(CheckId.SERVER_WAL_LEVEL, "wal_level").status());
        assertTrue(bot.status().contains("Nothing blocks CDC here"), bot.status());
        bot.screenshot("setup-1-server-done");
    }

    private static void user(SetupWizardBot bot, String db) throws Exception {
        bot.next();
        assertEquals("user", bot.pageName());
        assertTrue(bot.sql().contains("CREATE ROLE cdc_reader WITH LOGIN REPLICATION"), bot.sql());
        assertTrue(bot.sql().contains("GRANT SELECT ON ALL TABLES IN SCHEMA shop TO cdc_reader"), bot.sql());
        assertTrue(bot.sql().contains("ALTER ROLE cdc_reader WITH PASSWORD 'SCRAM-SHA-256$4096:"), bot.sql());
        bot.screenshot("setup-2-user");
        String said = bot.apply();
        assertTrue(said.contains("cdc_reader exists"), said);
        assertEquals("shop-prod-cdc_reader", bot.readerProfileName());
        ConnectionProfile cdc = WalscopeUi.get().profiles().find("shop-prod-cdc_reader").orElseThrow();
        assertEquals("cdc_reader", cdc.getUser());
        char[] pw = WalscopeUi.get().secrets().get(cdc.getName(), SecretStore.Kind.PASSWORD);
        assertNotNull(pw, "the generated password is in secure storage");
        assertFalse(Files.readString(WalscopeUi.get().profiles().file()).contains(new String(pw)));
        assertFalse(bot.sql().contains(new String(pw)), "the preview never shows the password");
        assertEquals(Status.OK, bot.finding(CheckId.ROLE_REPLICATION, "cdc_reader").status());
        bot.screenshot("setup-2-user-done");
    }

    private static void tables(SetupWizardBot bot) {
        bot.next();
        assertEquals("tables", bot.pageName());
        assertEquals(List.of("shop.audit_log", "shop.customers", "shop.orders_2025", "shop.orders_2026"),
                bot.ticked("setup.tables.table"));
        assertTrue(bot.label("setup.tables.risk").contains("shop.audit_log"), bot.label("setup.tables.risk"));
        assertTrue(bot.label("setup.tables.risk").contains("partitioned"), bot.label("setup.tables.risk"));
        assertTrue(bot.sql().contains("ALTER TABLE shop.orders_2025 REPLICA IDENTITY FULL"), bot.sql());
        bot.screenshot("setup-3-tables");
        assertTrue(bot.apply().startsWith("Applied 4 statements"), bot.status());
        for (String t : List.of("shop.audit_log", "shop.customers", "shop.orders_2025", "shop.orders_2026")) {
            assertEquals(Status.OK, bot.finding(CheckId.TABLE_REPLICA_IDENTITY, t).status(), t);
        }
        assertEquals(List.of(), bot.ticked("setup.tables.table"), "FULL everywhere now");
    }

    private static void publications(SetupWizardBot bot) {
        bot.next();
        assertEquals("publications", bot.pageName());
        assertEquals(Status.FAIL, bot.finding(CheckId.PUBLICATION_EXISTS, "dbz_publication").status());
        assertEquals(Status.FAIL, bot.finding(CheckId.PUBLICATION_EXISTS, "dbz_publication_root").status());
        assertTrue(bot.sql().contains("CREATE PUBLICATION dbz_publication_root FOR TABLE shop.orders WITH (publish_via_partition_root = true)"),
                bot.sql());
        assertTrue(bot.label("setup.publications.info").contains("publish_via_partition_root"), bot.label("setup.publications.info"));
        bot.screenshot("setup-4-publications");
        assertTrue(bot.apply().startsWith("Applied"), bot.status());
        assertEquals(Status.OK, bot.finding(CheckId.PUBLICATION_EXISTS, "dbz_publication_root").status());
        assertTrue(bot.status().contains("Nothing blocks CDC here"), bot.status());
    }

    private static void plugin(SetupWizardBot bot, String db) {
        bot.next();
        assertEquals("plugin", bot.pageName());
        List<String> rows = bot.rows("setup.plugin.table");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("pgoutput  (chosen) | available")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("wal2json | available")), "allowed on the server page: " + rows);
        assertEquals("host " + db + " cdc_reader 127.0.0.1/32 scram-sha-256", bot.text("setup.plugin.hba"));
        assertEquals(Status.OK, bot.finding(CheckId.HBA_REPLICATION, "cdc_reader").status(), "proven as cdc_reader");
        bot.screenshot("setup-5-plugin-hba");
    }

    private static void test(SetupWizardBot bot) {
        bot.next();
        assertEquals("test", bot.pageName());
        assertTrue(bot.sql().contains("CREATE PUBLICATION walscope_verify_"), bot.sql());
        bot.apply();
        assertTrue(bot.verify().ok(), bot.testVerdict());
        assertEquals("cdc_reader", bot.verify().reader());
        assertTrue(bot.testOutput().contains("\"op\":\"update\""), bot.testOutput());
        assertTrue(bot.testOutput().contains("update uid=1: as written"), bot.testOutput());
        bot.screenshot("setup-6-test");
        bot.choose("setup.test.plugin", "wal2json");
        assertFalse(bot.sql().contains("CREATE PUBLICATION"), "wal2json reads no publication");
        bot.apply();
        assertTrue(bot.verify().ok(), bot.testVerdict());
        assertEquals("wal2json", bot.verify().plugin());
        bot.screenshot("setup-6-test-wal2json");
    }

    private static void lastUpdate(SetupWizardBot bot) {
        bot.next();
        assertEquals("last_update", bot.pageName());
        assertEquals(List.of(), bot.ticked("setup.last_update.table"), "optional: nothing ticked");
        bot.tick("setup.last_update.table", List.of("shop.customers"));
        assertTrue(bot.sql().contains("CREATE TRIGGER walscope_last_update BEFORE UPDATE ON shop.customers"), bot.sql());
        bot.screenshot("setup-7-last-update");
        assertTrue(bot.apply().startsWith("Applied"), bot.status());
        assertTrue(bot.rows("setup.last_update.table").stream().anyMatch(r -> r.startsWith("shop.customers") && r.contains("ready")),
                bot.rows("setup.last_update.table").toString());
    }

    private static void ssl(SetupWizardBot bot, TestServer s) throws Exception {
        bot.next();
        assertEquals("ssl", bot.pageName());
        assertTrue(bot.label("setup.ssl.state").contains("ssl is off"), bot.label("setup.ssl.state"));
        Path dir = Files.createTempDirectory("walscope-setup-ssl-").resolve("pki");
        bot.type("setup.ssl.dir", dir.toString());
        bot.press("setup.ssl.generate");
        assertTrue(Files.exists(dir.resolve("server.key")), bot.status());
        assertTrue(bot.sql().contains("ssl_cert_file = 'server.crt'"), bot.sql());
        assertTrue(bot.sql().contains("ALTER SYSTEM SET ssl = on"), bot.sql());
        // the DBA copies the server's files into the data directory
        for (String f : List.of("ca.crt", "server.crt", "server.key")) {
            s.cluster().writeDataFile(f, Files.readAllBytes(dir.resolve(f)));
        }
        bot.screenshot("setup-8-ssl");
        assertTrue(bot.apply().startsWith("Applied"), bot.status());
        assertTrue(bot.label("setup.ssl.state").contains("ssl is on"), bot.label("setup.ssl.state"));
        bot.screenshot("setup-8-ssl-on");
    }

    /** The items of a menu, after it was asked to fill itself (contributions are added when a menu shows). */
    private static List<String> items(org.eclipse.swt.widgets.Menu m) {
        m.notifyListeners(org.eclipse.swt.SWT.Show, new org.eclipse.swt.widgets.Event());
        List<String> out = new java.util.ArrayList<>();
        for (org.eclipse.swt.widgets.MenuItem i : m.getItems()) {
            out.add(i.getText());
        }
        m.notifyListeners(org.eclipse.swt.SWT.Hide, new org.eclipse.swt.widgets.Event());
        return out;
    }

    private static List<String> menuItems(org.eclipse.swt.widgets.Menu bar, String name) {
        for (org.eclipse.swt.widgets.MenuItem i : bar.getItems()) {
            if (i.getText().replace("&", "").equals(name)) {
                return items(i.getMenu());
            }
        }
        return List.of();
    }

    private static List<String> toolItems(org.eclipse.swt.widgets.Composite c) {
        List<String> out = new java.util.ArrayList<>();
        for (org.eclipse.swt.widgets.Control k : c.getChildren()) {
            if (k instanceof org.eclipse.swt.widgets.ToolBar tb) {
                for (org.eclipse.swt.widgets.ToolItem i : tb.getItems()) {
                    out.add(i.getText());
                }
            } else if (k instanceof org.eclipse.swt.widgets.Composite cc) {
                out.addAll(toolItems(cc));
            }
        }
        return out;
    }

    private static List<LiveEvent> rows(LiveView live, String table) {
        List<LiveEvent> out = new java.util.ArrayList<>();
        for (int i = 0; i < live.rowCount(); i++) {
            LiveEvent e = live.eventAt(i);
            if (e != null && table.equals(e.qualifiedTable())) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean slotExists(TestServer s, String db, String slot) {
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
