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
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

import io.walscope.app.WalscopeWorkbenchAdvisor;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SecretStore;
import io.walscope.core.profile.SslMode;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ssl.SslTestServer;
import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionHandlers;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/**
 * The real Walscope workbench under Xvfb (one per JVM, so the scenarios run in one window): the demo
 * database starts and is listed first with its server version; the connection wizard connects to a real SSL
 * server with verify-full, a client certificate and an encrypted PKCS#1 key, and the profile appears in the
 * Connections view. Screenshots go to target/screenshots.
 */
class WalscopeUiTest {
    private static Path home;

    @Test
    void workbench() throws Exception {
        home = Files.createTempDirectory(Path.of("/tmp"), "walscope-ui-test-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("walscope.home", home.toString());
        TestPki pki = TestPki.create(Files.createTempDirectory("walscope-ui-pki-"), "alice");
        TestServer ssl = SslTestServer.start("16", pki);
        Display display = PlatformUI.createDisplay();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            PlatformUI.createAndRunWorkbench(display, new WalscopeWorkbenchAdvisor(true) {
                @Override
                public void postStartup() {
                    super.postStartup();
                    display.asyncExec(() -> {
                        try {
                            IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
                            ConnectionsView view = (ConnectionsView) w.getActivePage().findView(ConnectionsView.ID);
                            demoIsListedWithItsVersion(display, w, view);
                            wizardConnectsWithSsl(display, w, view, pki, ssl);
                            wizardExplainsBadInput(display, w, pki, ssl);
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
            ssl.close();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
    }

    private void demoIsListedWithItsVersion(Display display, IWorkbenchWindow w, ConnectionsView view) {
        Table table = Ui.await(display, "connections.table", Table.class, Duration.ofSeconds(10));
        Ui.waitUntil(display, () -> table.getItemCount() > 0 && table.getItem(0).getText(3).startsWith("running"),
                Duration.ofSeconds(120), () -> "the demo database to run; state: "
                        + (table.getItemCount() > 0 ? table.getItem(0).getText(3) : "no rows"));
        assertEquals("demo", table.getItem(0).getText(0));
        Ui.waitUntil(display, () -> view.statusText().contains("PostgreSQL 16"), Duration.ofSeconds(30),
                () -> "the status line to show the server version; it shows: " + view.statusText());
        assertTrue(view.statusText().startsWith("demo: PostgreSQL 16"), view.statusText());
        assertTrue(view.statusText().contains("wal_level logical"), view.statusText());
        Ui.waitForJobs(display, Duration.ofSeconds(30));
        Ui.screenshot(w.getShell(), "workbench-demo");
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
        assertEquals("not installed on the server", bot.label("wizard.plugin.wal2json.availability"));
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
