package io.walscope.ui.live;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.ui.Widgets;

/** Choose how to watch: plugin, slot mode (temporary, persistent, peek), publication, tables, snapshot first. */
final class StartDialog extends TitleAreaDialog {
    private final ConnectionProfile profile;
    private Combo plugin;
    private Button temporary;
    private Button persistent;
    private Button peek;
    private Text slot;
    private Text publication;
    private Text tables;
    private Button snapshot;
    private StreamOptions result;

    StartDialog(Shell parent, ConnectionProfile profile) {
        super(parent);
        this.profile = profile;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Watch changes of " + profile.getName());
        setMessage("A temporary slot (the default) leaves nothing behind; a persistent slot resumes where it stopped; peek confirms nothing.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("Plugin:");
        plugin = Widgets.name(new Combo(c, SWT.READ_ONLY), "live.start.plugin");
        for (Plugin p : Plugin.values()) {
            if (p.canTail()) {
                plugin.add(p.id());
            }
        }
        plugin.setText(profile.getPlugin().canTail() ? profile.getPlugin().id() : Plugin.PGOUTPUT.id());
        new Label(c, SWT.NONE).setText("Slot:");
        Composite modes = new Composite(c, SWT.NONE);
        modes.setLayout(new GridLayout(4, false));
        temporary = Widgets.name(new Button(modes, SWT.RADIO), "live.start.temporary");
        temporary.setText("temporary");
        temporary.setSelection(true);
        persistent = Widgets.name(new Button(modes, SWT.RADIO), "live.start.persistent");
        persistent.setText("persistent, named:");
        peek = Widgets.name(new Button(modes, SWT.RADIO), "live.start.peek");
        peek.setText("peek at named:");
        slot = Widgets.name(new Text(modes, SWT.BORDER), "live.start.slot");
        slot.setLayoutData(new GridData(160, SWT.DEFAULT));
        slot.setText("walscope_" + profile.getName().replaceAll("[^a-z0-9_]", "_"));
        new Label(c, SWT.NONE).setText("Publication (pgoutput):");
        publication = Widgets.name(new Text(c, SWT.BORDER), "live.start.publication");
        publication.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        publication.setText("dbz_publication");
        new Label(c, SWT.NONE).setText("Tables:");
        tables = Widgets.name(new Text(c, SWT.BORDER), "live.start.tables");
        tables.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        tables.setMessage("all tables (or schema.table, schema.table, ...)");
        new Label(c, SWT.NONE);
        snapshot = Widgets.name(new Button(c, SWT.CHECK), "live.start.snapshot");
        snapshot.setText("Read the tables first (snapshot consistent with the new slot), then stream");
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Widgets.name(createButton(parent, IDialogConstants.OK_ID, "Start", true), "live.start.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        StreamOptions o = new StreamOptions().plugin(Plugin.parse(plugin.getText())).publication(publication.getText().trim());
        if (!temporary.getSelection()) {
            if (slot.getText().isBlank()) {
                setErrorMessage("Name the slot.");
                return;
            }
            o.slot(slot.getText().trim());
            if (persistent.getSelection()) {
                o.createSlot(true);
            } else {
                o.peek(true);
            }
        }
        List<String> t = new ArrayList<>();
        for (String s : tables.getText().split(",")) {
            if (!s.isBlank()) {
                t.add(s.trim());
            }
        }
        o.tables(t).snapshot(snapshot.getSelection());
        result = o;
        super.okPressed();
    }

    StreamOptions result() {
        return result;
    }
}
