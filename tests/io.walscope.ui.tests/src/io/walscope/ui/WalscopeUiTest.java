package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SecretStore;
import io.walscope.core.profile.SslMode;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ssl.SslTestServer;
import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionHandlers;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.types.TypeMappingView;
import io.walscope.ui.live.LiveView;
import io.walscope.ui.wizard.WalscopeWizardDialog;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Op;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.swt.widgets.TableItem;

/**
 * The real Walscope workbench under Xvfb (one per JVM, so the scenarios run in one window): the demo
 * database starts and is listed first with its server version; the connection wizard connects to a real SSL
 * server with verify-full, a client certificate and an encrypted PKCS#1 key, and the profile appears in the
 * Connections view. Screenshots go to target/screenshots.
 */
class WalscopeUiTest {
    private static Path home;

    @Test
    // the workbench runs on a thread of its own (GTK needs one thread, not the main one), so a hang fails the
    // test instead of blocking the build until the fork times out
    @org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void workbench() throws Exception {
        home = WorkbenchRun.newHome("walscope-ui-test-");
        TestPki pki = TestPki.create(Files.createTempDirectory("walscope-ui-pki-"), "alice");
        TestServer ssl = SslTestServer.start("16", pki);
        java.nio.file.Path model = WindowScenario.e4Model();
        Files.deleteIfExists(model);
        try {
            WorkbenchRun.run(true, (display, w) -> {
                ConnectionsView view = (ConnectionsView) w.getActivePage().findView(ConnectionsView.ID);
                demoIsListedWithItsVersion(display, w, view);
                WindowScenario.welcomePage(display, w, view);
                aboutSaysWhereTheMasterKeyIs(display, w);
                ReplicationUiScenario.run(display, w, view);
                typeInspectorShowsTheDemoSchema(display, w, view);
                wizardConnectsWithSsl(display, w, view, pki, ssl);
                wizardExplainsBadInput(display, w, pki, ssl);
                liveViewShowsTheStream(display, w, view);
                LiveWindowScenario.liveViewFollowsAndSelects(display, w, view);
                LiveWindowScenario.liveSortsAndForgetsADeletedConnection(display, w, view);
                WindowScenario.typeMappingSortsAndCopies(display, w, view);
                WindowScenario.keysAndCommands(display, w, view);
                WindowScenario.windowMenu(display, w);
                WindowScenario.wizardTakesATypedUrlAndTests(display, w);
                LiveWindowScenario.liveToolbarAt1000(display, w);
                SetupWizardScenario.prepEditorOpensLarge(display, w);
                SetupWizardScenario.unpreparedServerToLiveView(display, w);
            });
            // nothing for the next start to restore, so a killed process leaves no broken layout behind (issue 21)
            assertFalse(Files.exists(model), "E4 saved its model to " + model);
        } finally {
            ssl.close();
        }
    }

    private void demoIsListedWithItsVersion(Display display, IWorkbenchWindow w, ConnectionsView view) {
        Table table = Ui.await(display, "connections.table", Table.class, Duration.ofSeconds(10));
        Ui.waitUntil(display, () -> table.getItemCount() > 0 && table.getItem(0).getText(3).startsWith("running"),
                Duration.ofSeconds(120), () -> "the demo database to run; state: "
                        + (table.getItemCount() > 0 ? table.getItem(0).getText(3) : "no rows"));
        assertEquals("demo", table.getItem(0).getText(0));
        Ui.waitUntil(display, () -> view.statusText().contains("PostgreSQL 18"), Duration.ofSeconds(30),
                () -> "the status line to show the server version; it shows: " + view.statusText());
        assertTrue(view.statusText().startsWith("demo: PostgreSQL 18"), view.statusText());
        assertTrue(view.statusText().contains("wal_level logical"), view.statusText());
        Ui.waitForJobs(display, Duration.ofSeconds(30));
        Ui.screenshot(w.getShell(), "workbench-demo");
    }

    private void typeInspectorShowsTheDemoSchema(Display display, IWorkbenchWindow w, ConnectionsView connections)
            throws Exception {
        TypeMappingView types = (TypeMappingView) w.getActivePage().showView(TypeMappingView.ID);
        connections.select("demo");
        Tree tree = Ui.await(display, "types.tree", Tree.class, Duration.ofSeconds(10));
        Ui.waitUntil(display, () -> {
            TreeItem price = typeRow(tree, "shop", "products", "price");
            return price != null && !price.getText(7).isEmpty();
        }, Duration.ofSeconds(60), () -> "shop.products.price with a sample in the Type Mapping view; status: "
                + types.statusText());
        Ui.waitForJobs(display, Duration.ofSeconds(60));
        assertTrue(types.statusText().startsWith("demo: "), types.statusText());
        assertTrue(types.statusText().contains(" lossy"), types.statusText());

        TreeItem price = typeRow(tree, "shop", "products", "price");
        assertEquals("numeric(12,2)", price.getText(1));
        assertEquals("decimal(12,2)", price.getText(2));
        assertEquals("Decimal(12, 2)", price.getText(4));
        assertEquals("lossy", price.getText(5)); // NaN has no Decimal form (#13)
        assertTrue(price.getText(7).matches("\\d+\\.\\d\\d"), "a real value as PostgreSQL prints it: " + price.getText(7));
        assertEquals("\"" + price.getText(7) + "\"", price.getText(8), "as Walscope emits it");
        assertEquals(price.getText(7), price.getText(9), "as ClickHouse holds it (tail --format clickhouse)");
        TreeItem weight = typeRow(tree, "shop", "products", "exact_weight");
        assertEquals("numeric", weight.getText(1));
        assertEquals("decimal", weight.getText(2));
        assertEquals("Nullable(Decimal(76, 38))", weight.getText(4));
        assertEquals("lossy", weight.getText(5));
        assertTrue(weight.getText(6).startsWith("unbounded numeric"), weight.getText(6));
        TreeItem email = typeRow(tree, "shop", "customers", "email");
        assertEquals("shop.email", email.getText(1));
        assertEquals("string", email.getText(2));
        TreeItem status = typeRow(tree, "shop", "orders", "status");
        assertEquals("enum('new','paid','shipped','cancelled')", status.getText(2));
        assertEquals("LowCardinality(String)", status.getText(4));
        Ui.screenshot(w.getShell(), "types-view-in-perspective");
        IWorkbenchPartReference ref = w.getActivePage().getReference(types);
        w.getActivePage().setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        Ui.flush(display);
        Ui.screenshot(w.getShell(), "types-view");
        tree.setTopItem(typeRow(tree, "shop", "products", "id"));
        tree.showColumn(tree.getColumn(8));
        Ui.screenshot(w.getShell(), "types-view-samples");
        tree.showColumn(tree.getColumn(0));

        Button lossy = Ui.find(display, "types.lossyOnly", Button.class);
        lossy.setSelection(true);
        Ui.click(lossy);
        assertNull(typeRow(tree, "shop", "products", "id"), "full columns are filtered out");
        assertNotNull(typeRow(tree, "shop", "products", "exact_weight"));
        Ui.screenshot(w.getShell(), "types-view-lossy");
        lossy.setSelection(false);
        Ui.click(lossy);
        Text search = Ui.find(display, "types.search", Text.class);
        search.setText("weight");
        assertNotNull(typeRow(tree, "shop", "products", "exact_weight"));
        assertNull(typeRow(tree, "shop", "products", "price"));
        assertNull(typeRow(tree, "shop", "customers", "email"));
        search.setText("");
        assertNotNull(typeRow(tree, "shop", "customers", "email"));

        Button copy = Ui.find(display, "types.copyDdl", Button.class);
        types.select("shop", "products", "price");
        assertTrue(copy.isEnabled(), "Copy ClickHouse DDL for a selected column's table");
        Ui.click(copy);
        String ddl = types.lastCopiedDdl();
        assertTrue(ddl.startsWith("CREATE TABLE `shop`.`products`"), ddl);
        assertTrue(ddl.contains("    `price` Decimal(12, 2), -- lossy: "), ddl);
        assertTrue(ddl.endsWith("ENGINE = ReplacingMergeTree(_lsn)\nORDER BY (`id`);\n"), ddl);
        Clipboard clipboard = new Clipboard(display);
        try {
            assertEquals(ddl, clipboard.getContents(TextTransfer.getInstance()), "on the clipboard");
        } finally {
            clipboard.dispose();
        }
        types.select("shop", "audit_log", null);
        Ui.click(copy);
        assertTrue(types.lastCopiedDdl().contains("has no primary key"), types.lastCopiedDdl());
        assertTrue(types.statusText().startsWith("Copied the ClickHouse DDL of shop.audit_log"), types.statusText());
        w.getActivePage().setPartState(ref, IWorkbenchPage.STATE_RESTORED);
    }

    /** The Type Mapping view's row of a column, or null when it is not shown. */
    private static TreeItem typeRow(Tree tree, String schema, String table, String column) {
        for (TreeItem s : tree.getItems()) {
            if (!s.getText(0).equals(schema)) {
                continue;
            }
            for (TreeItem t : s.getItems()) {
                if (t.getText(0).equals(table) || t.getText(0).startsWith(table + " (")) {
                    for (TreeItem c : t.getItems()) {
                        if (c.getText(0).equals(column)) {
                            return c;
                        }
                    }
                }
            }
        }
        return null;
    }

    private void wizardConnectsWithSsl(Display display, IWorkbenchWindow w, ConnectionsView view, TestPki pki,
            TestServer ssl) throws Exception {
        WalscopeWizardDialog dialog = ConnectionHandlers.createWizardDialog(w.getShell(), null, false);
        dialog.setBlockOnOpen(false);
        dialog.open();
        ConnectionWizardBot bot = new ConnectionWizardBot(dialog);
        // a pasted URL fills the fields
        bot.type("wizard.name", "orders-prod").type("wizard.host", "postgresql://alice@localhost:" + ssl.port() + "/postgres");
        assertEquals("localhost", bot.text("wizard.host"));
        assertEquals(String.valueOf(ssl.port()), bot.text("wizard.port"));
        assertEquals("postgres", bot.text("wizard.database"));
        assertEquals("alice", bot.text("wizard.user"));
        bot.screenshot("wizard-1-connection");
        bot.next();
        assertEquals("plugin", bot.pageName());
        bot.check("wizard.plugin.pgoutput");
        bot.next();
        assertEquals("ssl", bot.pageName());
        Path key = pki.clientKey(TestPki.Alg.RSA, TestPki.KeyForm.PEM_TRADITIONAL_ENCRYPTED);
        assertTrue(Files.readString(key).contains("BEGIN RSA PRIVATE KEY"), "an encrypted PKCS#1 key");
        bot.type("wizard.sslrootcert", pki.ca().certFile().toString());
        assertEquals("verify-full", bot.sslMode(), "a CA file selects verify-full");
        bot.type("wizard.sslcert", pki.client(TestPki.Alg.RSA).certFile().toString()).type("wizard.sslkey", key.toString());
        assertNotNull(bot.errorMessage(), "an encrypted key without its password is an error");
        assertTrue(bot.errorMessage().toLowerCase().contains("password"), bot.errorMessage());
        bot.type("wizard.sslpassword", TestPki.PASSWORD);
        assertNull(bot.errorMessage(), bot.errorMessage());
        assertTrue(bot.label("wizard.sslrootcert.info").contains("Certificate:"), bot.label("wizard.sslrootcert.info"));
        assertTrue(bot.label("wizard.sslcert.info").contains("alice"), bot.label("wizard.sslcert.info"));
        assertTrue(bot.label("wizard.sslkey.info").contains("RSA"), bot.label("wizard.sslkey.info"));
        assertTrue(bot.label("wizard.ssl.match").startsWith("Key and certificate match"), bot.label("wizard.ssl.match"));
        bot.screenshot("wizard-3-ssl");
        bot.next();
        assertEquals("test", bot.pageName());
        String result = bot.testConnection();
        assertTrue(result.startsWith("Connected: PostgreSQL 16"), result);
        assertTrue(result.contains("user alice"), result);
        assertTrue(result.contains("SSL TLSv1."), result);
        assertTrue(result.contains("may replicate"), result);
        bot.screenshot("wizard-4-test");
        bot.back().back();
        assertEquals("available", bot.label("wizard.plugin.pgoutput.availability"));
        assertEquals("available", bot.label("wizard.plugin.test_decoding.availability"));
        // zonky 16.16 has output_plugin_libraries: alice (no superuser) sees the setting as the cause, with the fix
        assertEquals("not allowed by output_plugin_libraries", bot.label("wizard.plugin.wal2json.availability"));
        bot.check("wizard.plugin.wal2json");
        assertTrue(bot.message() != null && bot.message().contains("output_plugin_libraries does not list it"),
                bot.message());
        assertTrue(bot.text("wizard.plugin.fix").contains(
                "ALTER SYSTEM SET output_plugin_libraries = 'pgoutput', 'test_decoding', 'wal2json'"),
                bot.text("wizard.plugin.fix"));
        bot.screenshot("wizard-2-plugin-not-allowed");
        bot.check("wizard.plugin.pgoutput");
        assertTrue(bot.enabled("wizard.next"), "Next on the plugin page");
        bot.screenshot("wizard-2-plugin");
        bot.finish();
        Ui.waitUntil(display, () -> dialog.getShell() == null || dialog.getShell().isDisposed(), Duration.ofSeconds(10),
                () -> "the wizard to close");

        ConnectionProfile saved = WalscopeUi.get().profiles().find("orders-prod").orElseThrow();
        assertEquals(SslMode.VERIFY_FULL, saved.getSslMode());
        assertEquals(key.toString(), saved.getSslKey());
        assertEquals("alice", saved.getUser());
        assertEquals(TestPki.PASSWORD, new String(WalscopeUi.get().secrets().get("orders-prod", SecretStore.Kind.KEY_PASSWORD)));
        String file = Files.readString(WalscopeUi.get().profiles().file());
        assertFalse(file.contains(TestPki.PASSWORD), "no secret in the profile file");
        for (Path p : Files.walk(home).filter(Files::isRegularFile).toList()) {
            if (!p.toString().contains("secure_storage") && !p.toString().contains("/demo/") && !p.toString().contains("/pg/")) {
                assertFalse(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).contains(TestPki.PASSWORD),
                        "the key password is in plain text in " + p);
            }
        }
        Table table = Ui.find(display, "connections.table", Table.class);
        Ui.waitUntil(display, () -> Arrays.stream(table.getItems()).anyMatch(i -> i.getText(0).equals("orders-prod")),
                Duration.ofSeconds(10), () -> "the new profile in the Connections view");
        view.select("orders-prod");
        Ui.waitUntil(display, () -> view.statusText().startsWith("orders-prod: PostgreSQL 16"), Duration.ofSeconds(30),
                () -> "the status line of the new profile; it shows: " + view.statusText());
        assertTrue(view.statusText().contains("SSL TLSv1."), view.statusText());
        Ui.waitForJobs(display, Duration.ofSeconds(30));
        Ui.screenshot(w.getShell(), "workbench-connections");
    }

    /** Help > About Walscope: versions, home, and where the secure storage's master key is. */
    private void aboutSaysWhereTheMasterKeyIs(Display display, IWorkbenchWindow w) {
        // what the Help menu's handler (io.walscope.ui.about.AboutHandler) opens, without blocking this thread
        io.walscope.ui.about.AboutDialog about = new io.walscope.ui.about.AboutDialog(w.getShell());
        about.setBlockOnOpen(false);
        about.open();
        Label secrets = Ui.await(display, "about.secrets", Label.class, Duration.ofSeconds(10));
        Ui.waitUntil(display, () -> secrets.getText().startsWith("master key in "), Duration.ofSeconds(20),
                () -> "the secrets line: " + secrets.getText());
        // the tests run with WALSCOPE_KEYRING=off (KeyringTest has the keyring): the 0600 file
        assertEquals("master key in " + home.resolve("secure/master.key") + " (mode 0600; no OS keyring: turned off"
                + " with WALSCOPE_KEYRING=off)", secrets.getText());
        assertTrue(Ui.find(display, "about.pgjdbc", Label.class).getText().startsWith("PostgreSQL JDBC Driver 42.7."));
        assertEquals(home.toString(), Ui.find(display, "about.home", Label.class).getText());
        Ui.flush(display);
        Ui.screenshot(secrets.getShell(), "about");
        about.close();
    }

    private void liveViewShowsTheStream(Display display, IWorkbenchWindow w, ConnectionsView connections) throws Exception {
        connections.select("demo");
        LiveView live = (LiveView) w.getActivePage().showView(LiveView.ID);
        try (Connection c = new PgConnector().connect(WalscopeUi.get().demo().profile(), WalscopeUi.get().demo().secrets());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS shop.live_test (id int PRIMARY KEY, name text, note text)");
            st.execute("ALTER TABLE shop.live_test REPLICA IDENTITY FULL");
            st.execute("CREATE TABLE IF NOT EXISTS shop.live_default (id int PRIMARY KEY, name text)");
            try {
                st.execute("ALTER PUBLICATION dbz_publication ADD TABLE shop.live_test, shop.live_default");
            } catch (java.sql.SQLException alreadyThere) {
                // a second run of the test on the same demo data
            }
            // a TOASTed column stored out of line, so an update of another column leaves it unchanged and unsent
            st.execute("CREATE TABLE IF NOT EXISTS shop.live_toast (id int PRIMARY KEY, body text, n int)");
            st.execute("ALTER TABLE shop.live_toast ALTER body SET STORAGE EXTERNAL");
            try {
                st.execute("ALTER PUBLICATION dbz_publication ADD TABLE shop.live_toast");
            } catch (java.sql.SQLException alreadyThere) {
                // a second run of the test on the same demo data
            }
            st.execute("TRUNCATE shop.live_test, shop.live_default, shop.live_toast");
            live.start(new StreamOptions().plugin(Plugin.PGOUTPUT));
            Ui.waitUntil(display, () -> live.stateText().startsWith("RUNNING") && live.slotName() != null
                    && slotReady(st, live.slotName()), Duration.ofSeconds(60), () -> "the stream to run: " + live.stateText());
            String slot = live.slotName();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT application_name FROM pg_stat_activity WHERE pid ="
                    + " (SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + slot + "')")) {
                assertTrue(rs.next());
                assertEquals("walscope_viewer", rs.getString(1), "DBAs see the viewer in pg_stat_activity");
            }
            st.execute("INSERT INTO shop.live_test VALUES (1, 'first', 'a'), (2, 'second', 'b')");
            st.execute("UPDATE shop.live_test SET name = 'FIRST' WHERE id = 1");
            st.execute("DELETE FROM shop.live_test WHERE id = 2");
            st.execute("INSERT INTO shop.live_default VALUES (7, 'x')");
            st.execute("UPDATE shop.live_default SET name = 'y' WHERE id = 7");
            st.execute("DELETE FROM shop.live_default WHERE id = 7");
            st.execute("INSERT INTO shop.live_toast SELECT 1, string_agg(md5(g::text), ''), 0 FROM generate_series(1, 200) g");
            st.execute("UPDATE shop.live_toast SET n = 5");
            Ui.waitUntil(display, () -> rows(live, "shop.live_default").size() == 3 && rows(live, "shop.live_toast").size() == 2,
                    Duration.ofSeconds(30),
                    () -> "the changes to appear; status: " + live.statusText());
            var traffic = WalscopeUi.get().demo().traffic();
            Ui.waitUntil(display, () -> rows(live, "shop.orders").size() > 0, Duration.ofSeconds(30),
                    () -> "the demo traffic to show (partitions published under the root shop.orders); traffic wrote "
                            + traffic.changes() + ", last error " + traffic.lastError() + "; status " + live.statusText());
            List<LiveEvent> test = rows(live, "shop.live_test");
            assertEquals(List.of(Op.INSERT, Op.INSERT, Op.UPDATE, Op.DELETE), test.stream().map(LiveEvent::op).toList());
            assertEquals("id=1", test.get(2).key());
            assertEquals("changed: name", test.get(2).summary());
            assertTrue(test.get(3).summary().contains("id=2"), test.get(3).summary());

            // detail pane: FULL before-image side by side, as PostgreSQL's text and as JSON, the change highlighted
            Table table = Ui.find(display, "live.table", Table.class);
            int updateRow = rowOf(live, test.get(2));
            table.setSelection(updateRow);
            Ui.click(table);
            Table values = Ui.find(display, "live.detail.values", Table.class);
            Ui.waitUntil(display, () -> values.getItemCount() == 3, Duration.ofSeconds(5), () -> "the detail pane");
            TableItem name = values.getItem(1);
            assertEquals(List.of("name", "first", "FIRST", "\"first\"", "\"FIRST\""), texts(name, 5));
            assertEquals(List.of("id", "1", "1", "1", "1"), texts(values.getItem(0), 5));
            assertEquals(List.of("note", "a", "a", "\"a\"", "\"a\""), texts(values.getItem(2), 5));
            assertFalse(name.getBackground().equals(values.getItem(0).getBackground()), "the changed value is highlighted");
            // the raw tab: pgoutput's decoded fields of the same message
            Text raw = Ui.find(display, "live.detail.raw", Text.class);
            assertTrue(raw.getText().startsWith("pgoutput message at "), raw.getText());
            assertTrue(raw.getText().contains("U  Update\nrelation_id "), raw.getText());
            assertTrue(raw.getText().contains("O  old tuple (REPLICA IDENTITY FULL), 3 columns\n  1 id t 1\n  2 name t first\n"),
                    raw.getText());
            assertTrue(raw.getText().contains("N  new tuple, 3 columns\n  1 id t 1\n  2 name t FIRST\n  3 note t a\n"),
                    raw.getText());
            // DEFAULT replica identity: no before-image, said so; a delete sends only the key
            List<LiveEvent> dflt = rows(live, "shop.live_default");
            table.setSelection(rowOf(live, dflt.get(1)));
            Ui.click(table);
            Ui.waitUntil(display, () -> values.getItemCount() == 2, Duration.ofSeconds(5), () -> "the detail pane");
            assertTrue(values.getItem(1).getText(1).contains("REPLICA IDENTITY"), values.getItem(1).getText(1));
            assertEquals(List.of("y", "", "\"y\""), texts(values.getItem(1), 5).subList(2, 5));
            Label note = Ui.find(display, "live.detail.note", Label.class);
            assertTrue(note.getText().contains("REPLICA IDENTITY is not FULL"), note.getText());
            assertTrue(raw.getText().contains("U  Update\nrelation_id ") && !raw.getText().contains("old tuple"), raw.getText());
            table.setSelection(rowOf(live, dflt.get(2)));
            Ui.click(table);
            Ui.waitUntil(display, () -> values.getItemCount() == 1, Duration.ofSeconds(5), () -> "the detail pane");
            assertEquals(List.of("id", "7", "", "7", ""), texts(values.getItem(0), 5));
            assertTrue(note.getText().startsWith("Only the key"), note.getText());
            assertTrue(raw.getText().contains("D  Delete\nrelation_id ") && raw.getText().contains("K  key"), raw.getText());
            // an unchanged TOAST value: marked, never NULL, in the values and in pgoutput's fields
            table.setSelection(rowOf(live, rows(live, "shop.live_toast").get(1)));
            Ui.click(table);
            Ui.waitUntil(display, () -> values.getItemCount() == 3, Duration.ofSeconds(5), () -> "the detail pane");
            assertEquals(List.of("body", "(unchanged TOAST value, not sent)", "(unchanged TOAST value, not sent)"),
                    List.of(values.getItem(2).getText(0), values.getItem(2).getText(2), values.getItem(2).getText(4)));
            assertEquals(List.of("n", "5", "5"), List.of(values.getItem(1).getText(0), values.getItem(1).getText(2),
                    values.getItem(1).getText(4)));
            assertTrue(note.getText().contains("Unchanged TOAST values are not sent"), note.getText());
            assertTrue(raw.getText().contains("N  new tuple, 3 columns\n  1 id t 1\n  2 body u unchanged TOAST value (not sent)\n"
                    + "  3 n t 5\n"), raw.getText());

            // filters hide and show, and say how many they hide
            live.showOps(EnumSet.of(Op.DELETE));
            Ui.flush(display);
            assertTrue(rows(live, null).stream().allMatch(e -> e.op() == Op.DELETE));
            assertTrue(live.statusText().contains("hidden by filters"), live.statusText());
            live.showOps(EnumSet.allOf(Op.class));
            live.search("FIRST");
            Ui.flush(display);
            assertTrue(rows(live, null).stream().allMatch(e -> e.json().toLowerCase().contains("first")), "search in values");
            assertEquals(2, rows(live, "shop.live_test").size(), "the insert and the update of row 1");
            live.search("");

            // pause: the view stands still while changes arrive; resume catches up, nothing lost
            live.setPaused(true);
            int before = rows(live, "shop.live_test").size();
            st.execute("INSERT INTO shop.live_test SELECT g, 'bulk ' || g, repeat('x', 50) FROM generate_series(100, 399) g");
            Ui.waitUntil(display, () -> live.statusText().contains("PAUSED (") && !live.statusText().contains("PAUSED (0 waiting)"),
                    Duration.ofSeconds(30), () -> "changes to arrive while paused: " + live.statusText());
            assertEquals(before, rows(live, "shop.live_test").size(), "the view did not move while paused");
            live.setPaused(false);
            Ui.waitUntil(display, () -> rows(live, "shop.live_test").size() == before + 300, Duration.ofSeconds(30),
                    () -> "resume to catch up: " + rows(live, "shop.live_test").size());

            // export writes the tail format (paused, so the demo traffic does not add rows between export and count)
            live.setPaused(true);
            Path export = Files.createTempFile("walscope-live", ".jsonl");
            org.eclipse.core.runtime.jobs.Job job = live.exportTo(export);
            Ui.waitUntil(display, () -> job.getResult() != null, Duration.ofSeconds(30), () -> "the export");
            List<String> lines = Files.readAllLines(export);
            assertEquals(live.rowCount(), lines.size());
            live.setPaused(false);
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"table\":\"live_test\"") && l.contains("\"op\":\"update\"")
                    && l.contains("\"before\":{\"id\":1,\"name\":\"first\"")), lines.get(0));
            // or only the selection
            table.setSelection(new int[] { rowOf(live, test.get(0)), rowOf(live, test.get(2)) });
            Path selected = Files.createTempFile("walscope-live-selected", ".jsonl");
            org.eclipse.core.runtime.jobs.Job selJob = live.exportSelectionTo(selected);
            Ui.waitUntil(display, () -> selJob.getResult() != null, Duration.ofSeconds(30), () -> "the export of the selection");
            List<String> selLines = Files.readAllLines(selected);
            assertEquals(2, selLines.size(), selLines.toString());
            assertTrue(selLines.get(0).contains("\"op\":\"insert\"") && selLines.get(1).contains("\"op\":\"update\""), selLines.toString());

            // the reader and the WAL poller run as long as the stream does: no waiting for idle jobs here
            table.setSelection(rowOf(live, test.get(2)));
            Ui.click(table);
            // the strip chart above the table (issue 15): a sample a second, drawn off the display thread
            Ui.waitUntil(display, () -> live.chartSamples() >= 5 && live.chart().renders() >= 2, Duration.ofSeconds(30),
                    () -> "the strip chart: " + live.chartSamples() + " samples");
            Ui.screenshot(w.getShell(), "live-view-in-perspective");
            IWorkbenchPartReference liveRef = w.getActivePage().getReference(live);
            w.getActivePage().setPartState(liveRef, IWorkbenchPage.STATE_MAXIMIZED);
            Ui.flush(display);
            Ui.waitUntil(display, () -> live.chart().fitsSize(), Duration.ofSeconds(10), () -> "the chart at its new size");
            table.showSelection();
            Ui.screenshot(w.getShell(), "live-view");
            org.eclipse.swt.custom.CTabFolder tabs = (org.eclipse.swt.custom.CTabFolder) raw.getParent().getParent();
            tabs.setSelection(2);
            Ui.screenshot(w.getShell(), "live-view-raw");
            tabs.setSelection(0);

            groupedByTransaction(display, w, live, test);

            live.stop();
            Ui.waitUntil(display, () -> live.stateText().startsWith("STOPPED"), Duration.ofSeconds(30),
                    () -> "the stream to stop: " + live.stateText());
            // PostgreSQL drops a temporary slot when the walsender exits, a moment after the client closed
            Ui.waitUntil(display, () -> !slotExists(st, slot), Duration.ofSeconds(10),
                    () -> "the temporary slot to be dropped");
            Ui.screenshot(w.getShell(), "live-view-stopped");

            // test_decoding: its line is the raw message; its values are PostgreSQL's text already
            live.start(new StreamOptions().plugin(Plugin.TEST_DECODING));
            Ui.waitUntil(display, () -> live.stateText().startsWith("RUNNING") && live.slotName() != null
                    && slotReady(st, live.slotName()), Duration.ofSeconds(60), () -> "test_decoding to run: " + live.stateText());
            st.execute("INSERT INTO shop.live_test VALUES (1000, 'it''s', NULL)");
            Ui.waitUntil(display, () -> rows(live, "shop.live_test").size() == 1, Duration.ofSeconds(30),
                    () -> "the test_decoding change: " + live.statusText());
            table.setSelection(rowOf(live, rows(live, "shop.live_test").get(0)));
            Ui.click(table);
            Ui.waitUntil(display, () -> values.getItemCount() == 3, Duration.ofSeconds(5), () -> "the detail pane");
            assertEquals(List.of("name", "", "it's", "", "\"it's\""), texts(values.getItem(1), 5));
            assertEquals(List.of("note", "", "NULL", "", "null"), texts(values.getItem(2), 5));
            assertTrue(raw.getText().startsWith("test_decoding message at "), raw.getText());
            assertTrue(raw.getText().contains("\n\ntable shop.live_test: INSERT: id[integer]:1000 name[text]:'it''s' note[text]:null"),
                    raw.getText());
            String slot2 = live.slotName();
            live.stop();
            Ui.waitUntil(display, () -> live.stateText().startsWith("STOPPED") && !slotExists(st, slot2),
                    Duration.ofSeconds(30), () -> "test_decoding to stop: " + live.stateText());

            otherPlugins(display, w, live, table, values, raw);
        }
    }

    /**
     * wal2json and decoderbufs (on Debian's PostgreSQL 15, which has them): the same FULL update in the detail pane
     * and the raw tab. wal2json sends values as JSON, turned back into PostgreSQL's text; decoderbufs sends them
     * typed, so the text columns stay empty and the note says why.
     */
    private void otherPlugins(Display display, IWorkbenchWindow w, LiveView live, Table table, Table values, Text raw)
            throws Exception {
        try (TestServer pg15 = io.walscope.testbed.PgTestBed.dedicated("15", "ui-plugins",
                io.walscope.testbed.PgTestBed::allowPlugins)) {
            String db = pg15.createDatabase("plugins");
            pg15.sql(db, "CREATE TABLE t (id int PRIMARY KEY, name text, note text)", "ALTER TABLE t REPLICA IDENTITY FULL",
                    "INSERT INTO t VALUES (1, 'first', 'a')");
            ConnectionProfile p = pg15.profile(db).setName("ui-plugins");
            WalscopeUi.get().secrets().put(p.getName(), SecretStore.Kind.PASSWORD,
                    pg15.cluster().password().toCharArray());
            live.setProfile(p);
            try (Connection c = pg15.connect(db); Statement st = c.createStatement()) {
                int n = 0;
                for (Plugin plugin : List.of(Plugin.WAL2JSON, Plugin.DECODERBUFS)) {
                    live.start(new StreamOptions().plugin(plugin));
                    Ui.waitUntil(display, () -> live.stateText().startsWith("RUNNING") && live.slotName() != null
                            && slotReady(st, live.slotName()), Duration.ofSeconds(60),
                            () -> plugin.id() + " to run: " + live.stateText());
                    st.execute("UPDATE t SET name = '" + (++n % 2 == 1 ? "FIRST" : "first") + "' WHERE id = 1");
                    Ui.waitUntil(display, () -> rows(live, "public.t").size() == 1, Duration.ofSeconds(30),
                            () -> "the " + plugin.id() + " change: " + live.statusText());
                    LiveEvent e = rows(live, "public.t").get(0);
                    assertEquals(Op.UPDATE, e.op());
                    assertEquals("id=1", e.key());
                    table.setSelection(rowOf(live, e));
                    Ui.click(table);
                    Ui.waitUntil(display, () -> values.getItemCount() == 3, Duration.ofSeconds(5), () -> "the detail pane");
                    String before = n % 2 == 1 ? "first" : "FIRST";
                    String after = n % 2 == 1 ? "FIRST" : "first";
                    String note = Ui.find(display, "live.detail.note", Label.class).getText();
                    if (plugin == Plugin.WAL2JSON) {
                        assertEquals(List.of("name", before, after, "\"" + before + "\"", "\"" + after + "\""),
                                texts(values.getItem(1), 5));
                        assertTrue(raw.getText().startsWith("wal2json message at "), raw.getText());
                        assertTrue(raw.getText().contains("\"" + after + "\""), raw.getText());
                    } else {
                        assertEquals(List.of("name", "", "", "\"" + before + "\"", "\"" + after + "\""),
                                texts(values.getItem(1), 5));
                        assertTrue(note.contains("sent typed by decoderbufs"), note);
                        assertTrue(raw.getText().startsWith("decoderbufs message at "), raw.getText());
                        assertTrue(raw.getText().contains(after), raw.getText());
                    }
                    org.eclipse.swt.custom.CTabFolder tabs = (org.eclipse.swt.custom.CTabFolder) raw.getParent().getParent();
                    tabs.setSelection(2);
                    Ui.screenshot(w.getShell(), "live-view-raw-" + plugin.id());
                    tabs.setSelection(0);
                    String slot = live.slotName();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT application_name FROM pg_stat_activity WHERE pid ="
                    + " (SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + slot + "')")) {
                assertTrue(rs.next());
                assertEquals("walscope_viewer", rs.getString(1), "DBAs see the viewer in pg_stat_activity");
            }
                    live.stop();
                    Ui.waitUntil(display, () -> live.stateText().startsWith("STOPPED") && !slotExists(st, slot),
                            Duration.ofSeconds(30), () -> plugin.id() + " to stop: " + live.stateText());
                }
            }
        }
    }

    /** Grouped by transaction: one row per transaction that expands to its changes; filters apply inside. */
    private void groupedByTransaction(Display display, IWorkbenchWindow w, LiveView live, List<LiveEvent> test) {
        live.setGrouped(true);
        Tree tree = Ui.find(display, "live.tree", Tree.class);
        Ui.waitUntil(display, () -> tree.isVisible() && tree.getItemCount() > 0, Duration.ofSeconds(5), () -> "the tree");
        String xid = Long.toString(test.get(0).xid());
        assertEquals(test.get(0).xid(), test.get(1).xid(), "one INSERT of two rows, one transaction");
        TreeItem tx = txRow(tree, xid);
        assertNotNull(tx, "a row for transaction " + xid);
        assertEquals("insert", tx.getText(3));
        assertEquals("shop.live_test", tx.getText(4));
        assertEquals("2 changes", tx.getText(5));
        assertEquals("insert 2", tx.getText(6));
        assertFalse(tx.getText(0).isEmpty(), "commit time");
        assertFalse(tx.getText(1).isEmpty(), "commit LSN");
        org.eclipse.swt.widgets.Event expand = new org.eclipse.swt.widgets.Event();
        expand.item = tx;
        tree.notifyListeners(org.eclipse.swt.SWT.Expand, expand);
        tx.setExpanded(true);
        Ui.flush(display);
        assertEquals(2, tx.getItemCount());
        assertEquals(List.of("insert", "shop.live_test", "id=1"), texts(tx.getItem(0), 6).subList(3, 6));
        assertEquals("id=2", tx.getItem(1).getText(5));
        TreeItem bulk = txRow(tree, Long.toString(rows(live, "shop.live_test").get(5).xid()));
        assertEquals("300 changes", bulk.getText(5));
        assertTrue(tree.getItemCount() < live.rowCount(), "fewer rows than changes");
        // a transaction row shows its summary; a change its values
        tree.setSelection(tx);
        Ui.click(tree);
        Label note = Ui.find(display, "live.detail.note", Label.class);
        assertTrue(note.getText().startsWith("Transaction xid " + xid), note.getText());
        tree.setSelection(tx.getItem(1));
        Ui.click(tree);
        Table values = Ui.find(display, "live.detail.values", Table.class);
        assertEquals(List.of("id", "", "2", "", "2"), texts(values.getItem(0), 5));
        // filters apply to the changes inside a transaction
        live.search("second");
        Ui.flush(display);
        TreeItem filtered = txRow(tree, xid);
        assertEquals("1 of 2 changes", filtered.getText(5));
        for (int i = 0; i < tree.getItemCount(); i++) {
            assertFalse(tree.getItem(i).getText(5).isEmpty());
        }
        live.search("");
        Ui.flush(display);
        assertEquals("2 changes", txRow(tree, xid).getText(5));
        assertTrue(txRow(tree, xid).getExpanded(), "still expanded after the filter changed");
        // newest first: the newest transaction on top, the expanded one still expanded on its new row
        Button newest = Ui.find(display, "live.newestFirst", Button.class);
        newest.setSelection(true);
        Ui.click(newest);
        Ui.flush(display);
        int last = tree.getItemCount() - 1;
        assertTrue(Long.parseLong(tree.getItem(0).getText(2)) > Long.parseLong(tree.getItem(last).getText(2)),
                tree.getItem(0).getText(2) + " on top, " + tree.getItem(last).getText(2) + " at the bottom");
        assertTrue(txRow(tree, xid).getExpanded(), "expanded moves with its transaction");
        assertEquals("id=1", txRow(tree, xid).getItem(0).getText(5), "changes inside stay in commit order");
        newest.setSelection(false);
        Ui.click(newest);
        Ui.flush(display);
        assertTrue(txRow(tree, xid).getExpanded());
        // the picture for the README: Follow off, the update of row 1 expanded and selected
        Button followBox = Ui.find(display, "live.follow", Button.class);
        followBox.setSelection(false);
        Ui.click(followBox);
        TreeItem update = txRow(tree, Long.toString(test.get(2).xid()));
        org.eclipse.swt.widgets.Event expandUpdate = new org.eclipse.swt.widgets.Event();
        expandUpdate.item = update;
        tree.notifyListeners(org.eclipse.swt.SWT.Expand, expandUpdate);
        update.setExpanded(true);
        Ui.flush(display);
        tree.setSelection(update.getItem(0));
        Ui.click(tree);
        assertTrue(note.getText().startsWith("update shop.live_test"), note.getText());
        Ui.flush(display);
        tree.setTopItem(txRow(tree, xid)); // GTK may defer a scroll until the tree is drawn: set it again after that
        Ui.flush(display);
        tree.setTopItem(txRow(tree, xid));
        Ui.screenshot(w.getShell(), "live-view-grouped");
        followBox.setSelection(true);
        Ui.click(followBox);
        live.setGrouped(false);
        w.getActivePage().setPartState(w.getActivePage().getReference(live), IWorkbenchPage.STATE_RESTORED);
    }

    private static TreeItem txRow(Tree tree, String xid) {
        for (int i = 0; i < tree.getItemCount(); i++) {
            if (tree.getItem(i).getText(2).equals(xid)) {
                return tree.getItem(i);
            }
        }
        return null;
    }

    private static List<String> texts(TableItem item, int n) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(item.getText(i));
        }
        return out;
    }

    private static List<String> texts(TreeItem item, int n) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(item.getText(i));
        }
        return out;
    }

    /** The slot exists and has reached its consistent point: a change committed from now on is decoded. */
    private static boolean slotReady(Statement st, String slot) {
        try (var rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot
                + "' AND confirmed_flush_lsn IS NOT NULL")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean slotExists(Statement st, String slot) {
        try (var rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events the live view shows (optionally of one table), in table order. */
    private static List<LiveEvent> rows(LiveView live, String table) {
        List<LiveEvent> out = new java.util.ArrayList<>();
        for (int i = 0; i < live.rowCount(); i++) {
            LiveEvent e = live.eventAt(i);
            if (e != null && (table == null || table.equals(e.qualifiedTable()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static int rowOf(LiveView live, LiveEvent e) {
        for (int i = 0; i < live.rowCount(); i++) {
            if (live.eventAt(i) == e) {
                return i;
            }
        }
        throw new AssertionError("not shown: " + e);
    }

    private void wizardExplainsBadInput(Display display, IWorkbenchWindow w, TestPki pki, TestServer ssl) throws Exception {
        WalscopeWizardDialog dialog = ConnectionHandlers.createWizardDialog(w.getShell(), null, false);
        dialog.setBlockOnOpen(false);
        dialog.open();
        ConnectionWizardBot bot = new ConnectionWizardBot(dialog);
        bot.type("wizard.name", "orders-prod");
        assertTrue(bot.errorMessage().contains("exists already"), bot.errorMessage());
        bot.type("wizard.name", "wrong-ca").type("wizard.host", "localhost").type("wizard.port", String.valueOf(ssl.port()))
                .type("wizard.database", "postgres").type("wizard.user", "alice");
        bot.next().next();
        bot.type("wizard.sslrootcert", pki.otherCa().certFile().toString())
                .type("wizard.sslcert", pki.client(TestPki.Alg.EC).certFile().toString())
                .type("wizard.sslkey", pki.clientKey(TestPki.Alg.EC, TestPki.KeyForm.PEM_PKCS8).toString());
        assertNull(bot.errorMessage(), bot.errorMessage());
        bot.next();
        String result = bot.testConnection();
        assertTrue(result.contains("CA") || result.contains("certificate"), result);
        assertFalse(result.contains("Exception"), result);
        assertEquals(1, result.lines().count(), result);
        bot.screenshot("wizard-bad-ca");
        // a text file is not a key
        bot.back();
        Path notAKey = Files.writeString(Files.createTempFile("notes", ".txt"), "just some notes\n");
        bot.type("wizard.sslkey", notAKey.toString());
        assertNotNull(bot.errorMessage());
        assertTrue(bot.label("wizard.sslkey.info").contains(notAKey.getFileName().toString()), bot.label("wizard.sslkey.info"));
        bot.screenshot("wizard-not-a-key");
        bot.press("wizard.cancel");
        assertTrue(WalscopeUi.get().profiles().find("wrong-ca").isEmpty(), "cancel saves nothing");
    }
}
