package io.walscope.ui.setup;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Hba;
import io.walscope.core.pg.PluginProbe;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.Widgets;

/**
 * Step 4 of the guide, plugin and pg_hba: whether this server really has each plugin (proven with a temporary
 * slot), and the exact pg_hba.conf line the CDC user's replication connection needs on this version (the proof,
 * a replication connection answering IDENTIFY_SYSTEM, is in the findings).
 */
final class PluginHbaPage extends StepPage {
    private Table plugins;
    private Text hba;
    private Label hbaWhy;

    PluginHbaPage(SetupWizard wizard) {
        super(wizard, SetupStep.PLUGIN);
    }

    @Override
    protected void createTop(Composite c) {
        plugins = Widgets.name(new Table(c, SWT.BORDER | SWT.FULL_SELECTION), "setup.plugin.table");
        plugins.setHeaderVisible(true);
        plugins.setLinesVisible(true);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.heightHint = 150;
        plugins.setLayoutData(gd);
        for (String[] col : new String[][] {{"Plugin", "130"}, {"On this server", "260"}, {"Detail", "560"}}) {
            TableColumn tc = new TableColumn(plugins, SWT.NONE);
            tc.setText(col[0]);
            tc.setWidth(Integer.parseInt(col[1]));
        }
        new Label(c, SWT.NONE).setText("pg_hba.conf line for the CDC user's replication connection (add it before the others, then reload):");
        hba = Widgets.name(new Text(c, SWT.BORDER | SWT.READ_ONLY | SWT.SINGLE), "setup.plugin.hba");
        hba.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        hba.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        hbaWhy = new Label(c, SWT.WRAP);
        GridData wd = new GridData(SWT.FILL, SWT.TOP, true, false);
        wd.widthHint = 900;
        hbaWhy.setLayoutData(wd);
    }

    @Override
    protected CheckReport report() {
        return model().readerOrAdminReport();
    }

    @Override
    protected void refreshTop() {
        plugins.removeAll();
        if (model().facts == null) {
            return;
        }
        Map<Plugin, PluginProbe.Result> found = model().facts.plugins();
        for (Plugin p : Plugin.values()) {
            PluginProbe.Result r = found.get(p);
            TableItem item = new TableItem(plugins, SWT.NONE);
            item.setText(new String[] {p.id() + (p == model().plugin ? "  (chosen)" : ""),
                    r == null ? "" : r.availability().label(), r == null ? "" : r.detail()});
            if (r != null) {
                item.setForeground(1, plugins.getDisplay().getSystemColor(
                        r.availability() == PluginProbe.Availability.AVAILABLE ? SWT.COLOR_DARK_GREEN : SWT.COLOR_DARK_RED));
            }
        }
        hba.setText(model().facts.hbaLine());
        hbaWhy.setText(model().facts.server().versionNum() < 100000
                ? "Up to 9.6 logical decoding connections match the 'replication' keyword in the database column."
                : "From PostgreSQL 10 a logical replication connection (replication=database) matches the lines for its"
                        + " database; the 'replication' keyword matches physical replication only.");
        hbaWhy.getParent().layout(true, true);
    }

    @Override
    protected List<String> notes() {
        return model().facts == null ? List.of() : Hba.scriptNote(model().facts.hbaLine());
    }
}
