package io.walscope.ui.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Finding;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.UiMenus;

/**
 * Apply says before confirming what it will skip and why, and is disabled when nothing of the selection can run
 * (issue 21): a role that owns one table but not the other, on a real PostgreSQL 16.
 */
class PrepApplySkipsUiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static List<String> texts(TreeItem group, int column) {
        List<String> out = new java.util.ArrayList<>();
        for (TreeItem i : group.getItems()) {
            out.add(i.getText(column));
        }
        return out;
    }

    private static TreeItem item(Tree tree, Finding f) {
        for (TreeItem g : tree.getItems()) {
            for (TreeItem i : g.getItems()) {
                if (f.equals(i.getData())) {
                    return i;
                }
            }
        }
        throw new AssertionError("not shown: " + f);
    }

    @Test
    void applyTellsWhatItSkipsBeforeAsking() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = s.createDatabase("prep_skip");
        String role = "skip_dev_" + db; // roles are the cluster's: one of this test's own
        s.sql(db, "CREATE ROLE " + role + " LOGIN PASSWORD 'dev-pw'", "CREATE SCHEMA shop",
                "GRANT USAGE, CREATE ON SCHEMA shop TO " + role,
                "CREATE TABLE shop.theirs (a int, b text)", "GRANT SELECT ON shop.theirs TO " + role,
                "SET ROLE " + role, "CREATE TABLE shop.mine (a int, b text)", "RESET ROLE");
        ConnectionProfile p = s.profile(db).setName("not-a-superuser").setUser(role).setSchemas(List.of("shop"))
                .setPlugin(Plugin.PGOUTPUT);
        Display d = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        Shell shell = new Shell(d);
        try {
            shell.setLayout(new FillLayout());
            shell.setSize(1280, 760);
            PrepPanel panel = new PrepPanel(shell, p, () -> Secrets.of("dev-pw", null));
            String[] asked = new String[1];
            panel.setConfirm(text -> {
                asked[0] = text;
                return false;
            });
            shell.open();
            panel.recheck();
            Ui.waitUntil(d, () -> panel.report() != null, WAIT, () -> "the check; status: " + panel.statusText());
            Ui.waitForJobs(d, WAIT);
            Button apply = Ui.find(d, "prep.apply", Button.class);
            Finding theirs = panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.theirs");
            Finding mine = panel.report().find(CheckId.TABLE_REPLICA_IDENTITY, "shop.mine");
            assertNotNull(theirs);
            assertNotNull(mine);
            assertTrue(theirs.fix().needsSuperuser() && !mine.fix().needsSuperuser());

            // only a fix this role may not run: Apply is off and says why
            panel.findings().setSelection(new StructuredSelection(theirs), true);
            Ui.flush(d);
            assertFalse(apply.isEnabled(), "nothing of the selection can run");
            assertTrue(apply.getToolTipText().contains("needs a superuser or the owner"), apply.getToolTipText());
            PrepUiTest.shot(shell, "prep-apply-disabled");

            // one that runs and one that does not: the question names the skipped statement and why
            panel.findings().setSelection(new StructuredSelection(List.of(theirs, mine)), true);
            Ui.flush(d);
            assertTrue(apply.isEnabled());
            Ui.click(apply);
            assertNotNull(asked[0], "asked before applying");
            assertTrue(asked[0].contains("1 statement(s) will be skipped:"), asked[0]);
            assertTrue(asked[0].matches("(?s).*\u2022 ALTER TABLE shop\\.theirs REPLICA IDENTITY FULL;? \u2014 needs a superuser or the owner.*"),
                    asked[0]);
            assertEquals("", panel.lastApply(), "declined: nothing applied");

            // sorting by a header keeps the groups in their order and sorts the findings inside them
            Tree tree = Ui.find(d, "prep.findings", Tree.class);
            TreeColumn subject = tree.getColumn(3);
            assertEquals("Subject", subject.getText());
            Ui.click(subject);
            assertEquals(SWT.UP, tree.getSortDirection());
            assertTrue(tree.getItem(0).getText(0).startsWith("Blocks CDC"), tree.getItem(0).getText(0));
            List<String> subjects = texts(tree.getItem(0), 3);
            assertEquals(subjects.stream().sorted(java.text.Collator.getInstance()).toList(), subjects);
            Ui.click(subject);
            assertEquals(SWT.DOWN, tree.getSortDirection());
            assertTrue(tree.getItem(0).getText(0).startsWith("Blocks CDC"));
            List<String> down = texts(tree.getItem(0), 3);
            assertEquals(subjects.stream().sorted(java.text.Collator.getInstance().reversed()).toList(), down);
            PrepUiTest.shot(shell, "prep-sorted-by-subject");

            // the context menu: copy the row, the value right-clicked, the fix as SQL
            panel.findings().setSelection(new StructuredSelection(theirs), true);
            Ui.flush(d);
            Menu menu = tree.getMenu();
            TreeItem row = item(tree, theirs);
            org.eclipse.swt.graphics.Rectangle cell = row.getBounds(3);
            Event detect = new Event();
            Point at = tree.toDisplay(cell.x + 3, cell.y + cell.height / 2);
            detect.x = at.x;
            detect.y = at.y;
            tree.notifyListeners(SWT.MenuDetect, detect);
            menu.notifyListeners(SWT.Show, new Event());
            // (what the items copy is read from the same functions, not from the clipboard: GTK's clipboard does not
            // survive this test's display for the workbench test that follows in the same JVM)
            for (String item : List.of("copySql", "copyValue", "copyRow", "copyJson", "showSql")) {
                assertTrue(UiMenus.item(menu, "prep.findings.menu." + item).isEnabled(), item);
            }
            io.walscope.ui.RowTools.Rows rows = io.walscope.ui.RowTools.rows(panel.findings());
            assertEquals("shop.theirs", rows.valueAt(tree.toControl(at)));
            String copied = io.walscope.ui.RowTools.rowsText(rows.selected());
            assertTrue(copied.startsWith("fail\tSQL\ttable.replica_identity\tshop.theirs\t"), copied);
            String json = io.walscope.ui.RowTools.json(rows.headers(), rows.selected());
            assertTrue(json.contains("\"Subject\" : \"shop.theirs\""), json);
            assertTrue(UiMenus.item(menu, "prep.findings.menu.watch").isEnabled(), "a table finding can be watched");
        } finally {
            shell.dispose();
            d.dispose(); // the workbench test of the same JVM makes its own display on another thread
        }
    }
}
