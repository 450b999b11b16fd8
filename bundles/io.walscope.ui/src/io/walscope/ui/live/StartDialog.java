package io.walscope.ui.live;

import java.util.ArrayList;
import java.util.List;

import java.math.BigDecimal;
import java.time.Duration;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
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

import io.walscope.core.check.Scripts;
import io.walscope.core.pg.stream.PollOptions;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.ui.Widgets;

/**
 * Choose how to watch: logical decoding (plugin, slot mode: temporary, persistent, peek; publication) or timestamp
 * polling (column, interval; deletes are not seen), then tables and whether to read them first.
 */
final class StartDialog extends TitleAreaDialog {
    static final String LOGICAL_MESSAGE = "A temporary slot (the default) leaves nothing behind; a persistent slot"
            + " resumes where it stopped; peek confirms nothing.";
    static final String POLL_WARNING = "Timestamp polling shows rows inserted or updated since the last poll, as"
            + " 'read' (it cannot tell which); deletes are not seen. Use logical decoding to see deletes.";
    private final ConnectionProfile profile;
    private Button logical;
    private Button polling;
    private Text pollColumn;
    private Text pollInterval;
    private Label pollWarning;
    private final List<Control> logicalOnly = new ArrayList<>();
    private final List<Control> pollOnly = new ArrayList<>();
    private Combo plugin;
    private Button temporary;
    private Button persistent;
    private Button peek;
    private Text slot;
    private Text publication;
    private Text tables;
    private Button snapshot;
    private Button failover;
    private StreamOptions result;

    private String presetTables = "";

    StartDialog(Shell parent, ConnectionProfile profile) {
        super(parent);
        this.profile = profile;
    }

    /** Fills in the Tables field ("Watch This Table"). */
    StartDialog tables(String list) {
        presetTables = list == null ? "" : list;
        return this;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Watch changes of " + profile.getName());
        setMessage(LOGICAL_MESSAGE);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("Source:");
        Composite sources = new Composite(c, SWT.NONE);
        sources.setLayout(new GridLayout(1, false));
        logical = Widgets.name(new Button(sources, SWT.RADIO), "live.start.source.logical");
        logical.setText("Logical decoding");
        logical.setSelection(true);
        polling = Widgets.name(new Button(sources, SWT.RADIO), "live.start.source.poll");
        polling.setText("Timestamp polling (tables with a " + Scripts.LAST_UPDATE_COLUMN
                + " column; deletes are not seen)");
        createPollControls(c);
        logicalOnly.add(label(c, "Plugin:"));
        plugin = Widgets.name(new Combo(c, SWT.READ_ONLY), "live.start.plugin");
        for (Plugin p : Plugin.values()) {
            if (p.canTail()) {
                plugin.add(p.id());
            }
        }
        plugin.setText(profile.getPlugin().canTail() ? profile.getPlugin().id() : Plugin.PGOUTPUT.id());
        logicalOnly.add(plugin);
        logicalOnly.add(label(c, "Slot:"));
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
        logicalOnly.add(modes);
        logicalOnly.add(label(c, ""));
        failover = Widgets.name(new Button(c, SWT.CHECK), "live.start.failover");
        failover.setText("Failover slot (PostgreSQL 17+): standbys keep it, and the view follows a promotion"
                + (profile.isMultiHost() ? "" : " (list the standbys as hosts of the connection)"));
        logicalOnly.add(failover);
        for (Button b : new Button[] {temporary, persistent, peek}) {
            b.addListener(SWT.Selection, e -> failover.setEnabled(persistent.getSelection()));
        }
        failover.setEnabled(false);
        logicalOnly.add(label(c, "Publication (pgoutput):"));
        publication = Widgets.name(new Text(c, SWT.BORDER), "live.start.publication");
        logicalOnly.add(publication);
        publication.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        publication.setText(String.join(",", StreamOptions.DEFAULT_PUBLICATIONS));
        new Label(c, SWT.NONE).setText("Tables:");
        tables = Widgets.name(new Text(c, SWT.BORDER), "live.start.tables");
        tables.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        tables.setMessage("all tables (or schema.table, schema.table, ...)");
        tables.setText(presetTables);
        new Label(c, SWT.NONE);
        snapshot = Widgets.name(new Button(c, SWT.CHECK), "live.start.snapshot");
        snapshot.setText(SNAPSHOT_LOGICAL);
        logical.addListener(SWT.Selection, e -> sourceChanged());
        polling.addListener(SWT.Selection, e -> sourceChanged());
        sourceChanged();
        return area;
    }

    private static final String SNAPSHOT_LOGICAL = "Read the tables first (snapshot consistent with the new slot),"
            + " then stream";
    private static final String SNAPSHOT_POLL = "Start from the beginning (every row), not from now";

    private static Label label(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
        return l;
    }

    private void createPollControls(Composite c) {
        pollOnly.add(label(c, "Timestamp column:"));
        pollColumn = Widgets.name(new Text(c, SWT.BORDER), "live.start.poll.column");
        pollColumn.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        pollColumn.setText(Scripts.LAST_UPDATE_COLUMN);
        pollOnly.add(pollColumn);
        pollOnly.add(label(c, "Poll every (seconds):"));
        pollInterval = Widgets.name(new Text(c, SWT.BORDER), "live.start.poll.interval");
        pollInterval.setLayoutData(new GridData(80, SWT.DEFAULT));
        pollInterval.setText("1");
        pollOnly.add(pollInterval);
        pollOnly.add(label(c, ""));
        pollWarning = Widgets.name(new Label(c, SWT.WRAP), "live.start.poll.warning");
        pollWarning.setText("\u26a0 Deletes are not seen, and inserts and updates both arrive as 'read'. Each table"
                + " needs the column and a primary key; add the column and its trigger with"
                + " 'walscope script last-update --table S.T'.");
        GridData wd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wd.widthHint = 460;
        pollWarning.setLayoutData(wd);
        pollOnly.add(pollWarning);
    }

    /** Shows the chosen source's controls (the others are excluded from the layout) and its message. */
    private void sourceChanged() {
        boolean poll = polling.getSelection();
        for (Control w : logicalOnly) {
            show(w, !poll);
        }
        for (Control w : pollOnly) {
            show(w, poll);
        }
        snapshot.setText(poll ? SNAPSHOT_POLL : SNAPSHOT_LOGICAL);
        setMessage(poll ? POLL_WARNING : LOGICAL_MESSAGE, poll ? IMessageProvider.WARNING : IMessageProvider.NONE);
        setErrorMessage(null);
        snapshot.getParent().layout(true, true);
        if (getShell() != null && getShell().isVisible()) {
            // keep the width, fit the height to the rows now shown
            int w = getShell().getSize().x;
            getShell().setSize(w, getShell().computeSize(w, SWT.DEFAULT).y);
        }
    }

    private static void show(Control w, boolean visible) {
        w.setVisible(visible);
        Object d = w.getLayoutData();
        GridData g = d instanceof GridData gd ? gd : new GridData();
        g.exclude = !visible;
        w.setLayoutData(g);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Widgets.name(createButton(parent, IDialogConstants.OK_ID, "Start", true), "live.start.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        if (polling.getSelection()) {
            pollPressed();
            return;
        }
        StreamOptions o = new StreamOptions().plugin(Plugin.parse(plugin.getText()));
        String pubs = publication.getText().trim();
        if (pubs.isEmpty()) {
            setErrorMessage("Name the publication(s) pgoutput reads.");
            return;
        }
        if (pubs.equals(String.join(",", StreamOptions.DEFAULT_PUBLICATIONS))) {
            o.publicationsThatExist(StreamOptions.DEFAULT_PUBLICATIONS);
        } else {
            o.publication(pubs);
        }
        if (!temporary.getSelection()) {
            if (slot.getText().isBlank()) {
                setErrorMessage("Name the slot.");
                return;
            }
            o.slot(slot.getText().trim());
            if (persistent.getSelection()) {
                o.createSlot(true).failover(failover.getSelection());
            } else {
                o.peek(true);
            }
        }
        o.tables(tableList()).snapshot(snapshot.getSelection());
        result = o;
        super.okPressed();
    }

    private List<String> tableList() {
        List<String> t = new ArrayList<>();
        for (String s : tables.getText().split(",")) {
            if (!s.isBlank()) {
                t.add(s.trim());
            }
        }
        return t;
    }

    private void pollPressed() {
        BigDecimal secs;
        try {
            secs = new BigDecimal(pollInterval.getText().trim());
        } catch (NumberFormatException e) {
            secs = null;
        }
        if (secs == null || secs.movePointRight(3).compareTo(BigDecimal.ONE) < 0
                || secs.compareTo(BigDecimal.valueOf(86400)) > 0) {
            setErrorMessage("Poll every: a number of seconds from 0.001 to 86400, such as 1 or 0.5.");
            return;
        }
        if (pollColumn.getText().isBlank()) {
            setErrorMessage("Name the timestamp column (last_update unless yours differs).");
            return;
        }
        PollOptions p = new PollOptions().column(pollColumn.getText().trim())
                .interval(Duration.ofMillis(secs.movePointRight(3).longValue())).tables(tableList())
                .snapshot(snapshot.getSelection());
        result = new StreamOptions().poll(p);
        super.okPressed();
    }

    StreamOptions result() {
        return result;
    }
}
