package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.SecretStore;
import io.walscope.core.profile.TargetSessionAttrs;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.StandbyPair;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.connections.ConnectionHandlers;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/**
 * In the workbench of {@link WalscopeUiTest}: the wizard takes a URL with a primary and its standby
 * ({@code target_session_attrs=primary}), and the Connections view shows each server's role: the primary with its
 * standby and lag, the standby with its primary. A real PostgreSQL 17 pair of the test bed.
 */
final class ReplicationUiScenario {
    private ReplicationUiScenario() {
    }

    static void run(Display display, IWorkbenchWindow w, ConnectionsView view) throws Exception {
        StandbyPair pair = PgTestBed.pair("17");
        TestServer pr = pair.primary();
        TestServer sb = pair.standby();
        String hosts = "127.0.0.1:" + pr.port() + ",127.0.0.1:" + sb.port();

        WalscopeWizardDialog dialog = ConnectionHandlers.createWizardDialog(w.getShell(), null, false);
        dialog.setBlockOnOpen(false);
        dialog.open();
        ConnectionWizardBot bot = new ConnectionWizardBot(dialog);
        bot.type("wizard.name", "orders-ha").type("wizard.host", "postgresql://" + pr.cluster().superuser() + "@" + hosts
                + "/postgres?target_session_attrs=primary&sslmode=disable");
        assertEquals(hosts, bot.text("wizard.host"));
        assertEquals(String.valueOf(pr.port()), bot.text("wizard.port"));
        assertEquals("primary", Ui.find(display, "wizard.target", Combo.class).getText());
        bot.type("wizard.password", pr.cluster().password());
        bot.screenshot("replication-wizard-hosts");
        bot.next();
        bot.check("wizard.plugin.pgoutput");
        bot.next().next();
        String result = bot.testConnection();
        assertTrue(result.startsWith("Connected: PostgreSQL 17"), result);
        bot.finish();
        Ui.waitUntil(display, () -> dialog.getShell() == null || dialog.getShell().isDisposed(), Duration.ofSeconds(10),
                () -> "the wizard to close");
        ConnectionProfile saved = WalscopeUi.get().profiles().find("orders-ha").orElseThrow();
        assertEquals(List.of(new HostPort("127.0.0.1", pr.port()), new HostPort("127.0.0.1", sb.port())), saved.getHosts());
        assertEquals(TargetSessionAttrs.PRIMARY, saved.getTargetSessionAttrs());

        ConnectionProfile standby = sb.profile("postgres").setName("orders-standby");
        WalscopeUi.get().profiles().save(standby, null);
        WalscopeUi.get().secrets().put("orders-standby", SecretStore.Kind.PASSWORD, pr.cluster().password().toCharArray());

        Table table = Ui.find(display, "connections.table", Table.class);
        Ui.waitUntil(display, () -> Arrays.stream(table.getItems()).anyMatch(i -> i.getText(0).equals("orders-standby")),
                Duration.ofSeconds(10), () -> "the standby's profile in the Connections view");
        view.select("orders-standby");
        Ui.waitUntil(display, () -> view.statusText().contains("standby of"), Duration.ofSeconds(30),
                () -> "the standby's role in the status line; it shows: " + view.statusText());
        assertTrue(view.statusText().contains("), standby of 127.0.0.1:" + pr.port() + " (WAL receiver streaming), wal_level"),
                view.statusText());
        Ui.waitForJobs(display, Duration.ofSeconds(30));
        view.select("orders-ha");
        Ui.waitUntil(display, () -> view.statusText().startsWith("orders-ha: PostgreSQL 17"), Duration.ofSeconds(30),
                () -> "the primary's role in the status line; it shows: " + view.statusText());
        assertTrue(view.statusText().contains("primary with 1 standby: standby1 (127.0.0.1, streaming, async, slot standby1,"
                + " lag "), view.statusText());
        Ui.waitForJobs(display, Duration.ofSeconds(30));
        Ui.waitUntil(display, () -> state(table, "orders-ha").startsWith("primary with 1 standby")
                && state(table, "orders-standby").startsWith("standby of"), Duration.ofSeconds(10),
                () -> "the roles in the State column: " + state(table, "orders-ha") + " / " + state(table, "orders-standby"));
        IWorkbenchPartReference ref = w.getActivePage().getReference(view);
        w.getActivePage().setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        Ui.flush(display);
        Ui.screenshot(w.getShell(), "replication-connections-roles");
        w.getActivePage().setPartState(ref, IWorkbenchPage.STATE_RESTORED);
        // leave the window as the scenarios after this one expect it: Connections active, the demo selected
        w.getActivePage().activate(view);
        view.select("demo");
        Ui.flush(display);
    }

    private static String state(Table table, String name) {
        for (TableItem i : table.getItems()) {
            if (i.getText(0).equals(name)) {
                return i.getText(3);
            }
        }
        return "";
    }
}
