package io.walscope.ui.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.Test;

import io.walscope.core.check.Finding;
import io.walscope.core.check.Fix;
import io.walscope.core.check.Status;
import io.walscope.testbed.ui.Ui;

/**
 * A re-check (after Apply) keeps where the user was in the findings tree: the open groups, the selection and the
 * row at the top (issue 21), also when the findings above it changed their group.
 */
class FindingsTreeUiTest {
    @Test
    void recheckKeepsTheScrollPosition() {
        boolean own = Display.getCurrent() == null;
        Display d = own ? new Display() : Display.getCurrent();
        Shell shell = new Shell(d);
        try {
            shell.setLayout(new FillLayout());
            shell.setSize(900, 400);
            FindingsTree tree = new FindingsTree(shell, "test.findings", false);
            shell.open();
            tree.setFindings(findings(0));
            Ui.flush(d);
            Tree t = tree.viewer().getTree();
            Finding target = findings(0).get(40);
            tree.viewer().setSelection(new StructuredSelection(target), true);
            // GTK scrolls once the tree is laid out: set it again until it reads back
            Ui.waitUntil(d, () -> {
                if (topIs(tree, "shop.t35")) {
                    return true;
                }
                t.setTopItem(t.getItem(0).getItem(35));
                return false;
            }, java.time.Duration.ofSeconds(10), () -> "scrolled to shop.t35: " + tree.topElement());

            // Apply fixed the first ten: they moved to OK, the rows above shop.t35 are fewer now
            tree.setFindings(findings(10));
            Ui.waitUntil(d, () -> topIs(tree, "shop.t35"), java.time.Duration.ofSeconds(10),
                    () -> "the same finding at the top: " + tree.topElement());
            assertEquals(1, t.getSelectionCount());
            assertEquals("shop.t40", ((Finding) t.getSelection()[0].getData()).subject(), "the selection is kept");
            assertTrue(t.getItem(0).getExpanded(), "the open group stays open");
        } finally {
            shell.dispose();
            if (own) {
                d.dispose(); // one display at a time: the workbench tests make their own
            }
        }
    }

    private static boolean topIs(FindingsTree tree, String subject) {
        return tree.topElement() instanceof Finding f && f.subject().equals(subject);
    }

    /** 60 tables without a replica identity, the first {@code fixed} of them fixed. */
    private static List<Finding> findings(int fixed) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String table = "shop.t" + i;
            out.add(i < fixed ? Finding.ok("table.replica_identity", table, table + " has a replica identity.")
                    : new Finding("table.replica_identity", Status.FAIL, table, table + " has no replica identity.",
                            Fix.of(false, "ALTER TABLE " + table + " REPLICA IDENTITY FULL")));
        }
        return out;
    }
}
