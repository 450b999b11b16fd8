package io.walscope.ui.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.Test;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Status;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ui.Ui;

/**
 * The Preparation editor's body and the Slots view's body driven as real SWT widgets under Xvfb against a
 * real PostgreSQL 16: check, select, see the SQL, apply, re-check, filter the table matrix, export, and drop
 * an inactive slot. Runs on a Display of its own (the workbench test owns the workbench of this JVM); waits
 * on jobs and conditions, never on sleeps. Screenshots go to target/screenshots.
 */
class PrepUiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * Saves what the shell shows. Control.print renders the widgets into the image; copying the screen area
     * returned stale pictures under Xvfb with GTK 3.
     */
    static void shot(Shell shell, String name) throws Exception {
        Display d = shell.getDisplay();
        Ui.flush(d);
        org.eclipse.swt.graphics.Point size = shell.getSize();
        org.eclipse.swt.graphics.Image img = new org.eclipse.swt.graphics.Image(d, size.x, size.y);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(img);
        try {
            shell.print(gc);
            Path dir = Path.of(System.getProperty("walscope.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            org.eclipse.swt.graphics.ImageLoader l = new org.eclipse.swt.graphics.ImageLoader();
            l.data = new org.eclipse.swt.graphics.ImageData[] {img.getImageData()};
            l.save(dir.resolve(name + ".png").toString(), org.eclipse.swt.SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            img.dispose();
        }
    }

    private static org.eclipse.swt.widgets.TreeItem itemOf(Tree tree, Finding f) {
        for (org.eclipse.swt.widgets.TreeItem group : tree.getItems()) {
            group.setExpanded(true);
            for (org.eclipse.swt.widgets.TreeItem i : group.getItems()) {
                if (f.equals(i.getData())) {
                    return i;
                }
            }
        }
        throw new AssertionError("not shown: " + f);
    }

    @Test
    void checkApplyExportAndSlots() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = s.createDatabase("prep_ui");
        String slot = "walscope_ui_idle_" + db;
        s.sql(db, "CREATE SCHEMA shop",
                "CREATE TABLE shop.\"Order Items\" (id int PRIMARY KEY, note text)",
                "CREATE TABLE shop.no_pk (a int, b text)",
                "CREATE TABLE shop.\"a\"\"b; drop table x; --\" (id int PRIMARY KEY)",
                "CREATE TABLE shop.events (id int, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE shop.events_2025 PARTITION OF shop.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')",
                "CREATE TABLE public.filler AS SELECT g FROM generate_series(1, 5000) g");
        ConnectionProfile p = s.profile(db).setName("orders-prod").setSchemas(List.of("shop")).setPlugin(Plugin.PGOUTPUT);
        Display d = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        Shell shell = new Shell(d);
        try {
            shell.setText("Preparation: orders-prod");
            shell.setLayout(new FillLayout());
            shell.setSize(1280, 760);
            PrepPanel panel = new PrepPanel(shell, p, s::superuserSecrets);
            panel.setConfirm(text -> true);
            shell.open();
            panel.recheck();
            Ui.waitUntil(d, () -> panel.report() != null, WAIT, () -> "the check; status: " + panel.statusText());
            Ui.waitForJobs(d, WAIT);
            Tree tree = Ui.find(d, "prep.findings", Tree.class);
            assertEquals(3, tree.getItemCount(), "blocks CDC, should fix, ok");
            assertTrue(tree.getItem(0).getText(0).startsWith("Blocks CDC ("), tree.getItem(0).getText(0));
            assertTrue(tree.getItem(1).getText(0).startsWith("Should fix ("), tree.getItem(1).getText(0));
            assertTrue(tree.getItem(2).getText(0).startsWith("OK ("), tree.getItem(2).getText(0));
            assertTrue(tree.getItem(0).getExpanded() && !tree.getItem(2).getExpanded(), "problems open, ok collapsed");
            assertTrue(panel.statusText().contains("fail"), panel.statusText());
            shot(shell, "prep-1-findings");

            Finding ri = panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.Order Items");
            Finding evil = panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.a\"b; drop table x; --");
            Finding pub = panel.report().find(CheckId.PUBLICATION_EXISTS, "dbz_publication");
            panel.findings().setSelection(new StructuredSelection(List.of(ri, evil, pub)), true);
            Ui.flush(d);
            String sql = Ui.find(d, "prep.sql", org.eclipse.swt.custom.StyledText.class).getText();
            assertTrue(sql.contains("ALTER TABLE shop.\"Order Items\" REPLICA IDENTITY FULL;"), sql);
            assertTrue(sql.contains("ALTER TABLE shop.\"a\"\"b; drop table x; --\" REPLICA IDENTITY FULL;"), sql);
            assertTrue(sql.contains("CREATE PUBLICATION dbz_publication FOR TABLE"), sql);
            assertTrue(Ui.find(d, "prep.apply", org.eclipse.swt.widgets.Button.class).isEnabled(), "Apply selected is enabled");
            shot(shell, "prep-2-selected-sql");

            Path script = Files.createTempFile("walscope-fixes", ".sql");
            panel.exportTo(script);
            assertTrue(Files.readString(script).contains("BEGIN;"), Files.readString(script));

            // the whole message of a selected finding, wrapped under the tree
            panel.findings().setSelection(new StructuredSelection(ri), true);
            Ui.flush(d);
            String details = Ui.find(d, "prep.findings.details", org.eclipse.swt.widgets.Text.class).getText();
            assertTrue(details.contains(ri.message()) && details.contains("REPLICA IDENTITY FULL;"), details);
            shot(shell, "prep-2b-details");
            panel.findings().setSelection(new StructuredSelection(List.of(ri, evil, pub)), true);
            Ui.flush(d);

            panel.applySelected();
            Ui.waitUntil(d, () -> panel.lastApply().startsWith("Applied"), WAIT, () -> "apply; status: " + panel.statusText());
            Ui.waitForJobs(d, WAIT);
            org.eclipse.swt.widgets.Button recheck = Ui.find(d, "prep.recheck", org.eclipse.swt.widgets.Button.class);
            Ui.waitUntil(d, recheck::isEnabled, WAIT, () -> "Re-check to be enabled again");
            assertEquals(Status.OK, panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.Order Items").status());
            assertEquals(Status.OK, panel.report().find(CheckId.PUBLICATION_EXISTS, "dbz_publication").status());
            assertEquals(Status.FAIL, panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.no_pk").status(), "not selected, not changed");
            shot(shell, "prep-3-after-apply");

            // one click on the Fix cell of a finding applies its fix (after the confirmation)
            Finding noPk = panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.no_pk");
            org.eclipse.swt.widgets.TreeItem item = itemOf(tree, noPk);
            assertEquals("SQL", item.getText(FindingsTree.FIX_COLUMN));
            tree.showItem(item);
            Ui.flush(d);
            org.eclipse.swt.graphics.Rectangle cell = item.getBounds(FindingsTree.FIX_COLUMN);
            org.eclipse.swt.widgets.Event click = new org.eclipse.swt.widgets.Event();
            click.button = 1;
            click.x = cell.x + 5;
            click.y = cell.y + cell.height / 2;
            tree.notifyListeners(org.eclipse.swt.SWT.MouseDown, click);
            Ui.waitUntil(d, () -> panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.no_pk").status() == Status.OK,
                    WAIT, () -> "the one-click fix; status: " + panel.statusText());
            Ui.waitForJobs(d, WAIT);

            panel.showTables();
            panel.matrix().setFilter("order", false);
            assertEquals(List.of("shop.Order Items"), panel.matrix().visible().stream().map(t -> t.subject()).toList());
            panel.matrix().setFilter("", true);
            List<String> problems = panel.matrix().visible().stream().map(t -> t.subject()).toList();
            assertTrue(problems.contains("shop.no_pk") && !problems.contains("shop.Order Items"), problems.toString());
            panel.matrix().setFilter("", false);
            Ui.flush(d);
            shot(shell, "prep-4-tables");
            panel.dispose();

            shell.setText("Replication Slots");
            SlotsPanel slots = new SlotsPanel(shell);
            slots.setConfirm(text -> text.contains("retains"));
            shell.layout();
            slots.setTarget(p, s::superuserSecrets);
            Ui.waitUntil(d, () -> slots.slots().stream().anyMatch(x -> x.name().equals(slot)), WAIT, () -> "the slots; " + slots.statusText());
            slots.select(slot);
            assertNotNull(slots.selected());
            assertTrue(slots.canDrop(), "an inactive slot can be dropped");
            assertTrue(slots.selected().retainedBytes() > 0);
            shot(shell, "slots-1-list");
            slots.dropSelected();
            Ui.waitUntil(d, () -> slots.slots().stream().noneMatch(x -> x.name().equals(slot)), WAIT, () -> "the drop; " + slots.statusText());
            assertTrue(slots.statusText().contains("slot"), slots.statusText());
            assertFalse(slots.canDrop());
            slots.setTarget(null, null);
            Ui.waitForJobs(d, WAIT);
        } finally {
            shell.dispose();
            d.dispose();
            s.sql("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
        }
    }
}
