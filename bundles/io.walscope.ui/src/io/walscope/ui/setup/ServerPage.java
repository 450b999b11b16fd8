package io.walscope.ui.setup;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Finding;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.SetupSql;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.Widgets;

/**
 * Step 1, the server: the plugin this setup is for (output_plugin_libraries depends on it, and further plugins may
 * be allowed in the same change), version and settings at a glance, what needs a restart and what a reload.
 */
final class ServerPage extends StepPage {
    private Combo plugin;
    private final Map<Plugin, Button> allow = new EnumMap<>(Plugin.class);
    private Composite allowRow;
    private Label facts;

    ServerPage(SetupWizard wizard) {
        super(wizard, SetupStep.SERVER);
    }

    @Override
    protected void createTop(Composite c) {
        Composite row = new Composite(c, SWT.NONE);
        row.setLayout(new GridLayout(2, false));
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(row, SWT.NONE).setText("Plugin for this setup:");
        plugin = Widgets.name(new Combo(row, SWT.READ_ONLY), "setup.plugin");
        for (Plugin p : Plugin.values()) {
            if (p.canTail()) {
                plugin.add(p.id());
            }
        }
        plugin.setText(model().plugin.id());
        plugin.addListener(SWT.Selection, e -> {
            Plugin p = Plugin.parse(plugin.getText());
            if (p != model().plugin) {
                model().plugin = p;
                model().alsoAllow.remove(p);
                say(wizard.recheck());
            }
        });
        new Label(row, SWT.NONE).setText("Also allow:");
        allowRow = new Composite(row, SWT.NONE);
        allowRow.setLayout(new GridLayout(3, false));
        for (Plugin p : List.of(Plugin.WAL2JSON, Plugin.DECODERBUFS, Plugin.TEST_DECODING)) {
            Button b = Widgets.name(new Button(allowRow, SWT.CHECK), "setup.allow." + p.id());
            b.setText(p.id());
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    model().alsoAllow.add(p);
                } else {
                    model().alsoAllow.remove(p);
                }
                updatePreview();
            });
            allow.put(p, b);
        }
        facts = Widgets.name(new Label(c, SWT.WRAP), "setup.server.facts");
        GridData fd = new GridData(SWT.FILL, SWT.TOP, true, false);
        fd.widthHint = 900;
        facts.setLayoutData(fd);
    }

    @Override
    protected void refreshTop() {
        plugin.setText(model().plugin.id());
        ServerInfo s = model().facts == null ? null : model().facts.server();
        if (s == null) {
            facts.setText(Messages.NOT_CHECKED);
            return;
        }
        String allowed = s.outputPluginLibraries();
        for (Map.Entry<Plugin, Button> e : allow.entrySet()) {
            boolean offer = allowed != null && e.getKey() != model().plugin && !s.allowsPlugin(e.getKey().id());
            e.getValue().setEnabled(offer);
            e.getValue().setSelection(offer && model().alsoAllow.contains(e.getKey()));
        }
        facts.setText("PostgreSQL " + s.version() + " (" + s.versionNum() + ") · wal_level " + s.walLevel()
                + " · max_replication_slots " + s.maxReplicationSlots() + " · max_wal_senders " + s.maxWalSenders()
                + " · output_plugin_libraries " + (allowed != null ? allowed : s.superuser()
                        ? "(no such setting: every installed plugin may be used)"
                        : "(not visible to " + s.currentUser() + ": superusers and pg_read_all_settings see it; the Plugin page"
                                + " shows what the server allows)") + " · " + model().admin.getUser() + (s.superuser() ? " is a superuser" : " is no superuser")
                + ".\nwal_level, max_replication_slots and max_wal_senders take effect after a restart;"
                + " output_plugin_libraries after a reload (Apply reloads).");
        facts.getParent().layout(true, true);
    }

    /** The checked fixes; the allow-list fix widened to every plugin chosen (one ALTER SYSTEM, one reload). */
    @Override
    protected List<Finding> chosen() {
        List<Finding> out = new ArrayList<>();
        boolean allowChecked = false;
        for (Finding f : super.chosen()) {
            if (f.id().equals(CheckId.PLUGIN_ALLOWED)) {
                allowChecked = true;
            } else {
                out.add(f);
            }
        }
        if (model().facts == null) {
            return out;
        }
        List<String> wanted = new ArrayList<>();
        if (allowChecked) {
            wanted.add(model().plugin.id());
        }
        model().alsoAllow.forEach(p -> wanted.add(p.id()));
        Finding widened = SetupSql.allowPlugins(model().facts.server().outputPluginLibraries(), wanted);
        if (widened != null) {
            out.add(widened);
        }
        return out;
    }
}
