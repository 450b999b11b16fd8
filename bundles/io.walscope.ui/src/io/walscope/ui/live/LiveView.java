package io.walscope.ui.live;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;

import org.eclipse.jface.util.Throttler;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.live.LiveFilter;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.stream.Lsn;
import io.walscope.core.stream.Op;
import io.walscope.ui.Widgets;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.connections.ConnectionsView;

/**
 * The live change viewer: a decoded logical replication stream row by row. The reader fills a bounded ring
 * buffer and never waits for the display; this view drains it on a throttle into an {@code SWT.VIRTUAL}
 * table, with filters, pause, a detail pane and a status line with rates, lag and retained WAL.
 */
public final class LiveView extends ViewPart {
    public static final String ID = "io.walscope.ui.live";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int DRAIN_CHUNK = 8192;
    /** Rows added to the table at a time: GTK appends them one by one, so a big catch-up would stall the display. */
    private static final int GROW_STEP = 2048;

    private ConnectionProfile profile;
    private LiveSession session;
    private LiveBuffer buffer;
    private final SeqList visible = new SeqList();
    private long scanned = 1;
    private LiveFilter filter = LiveFilter.ALL;
    private boolean paused;
    private boolean follow = true;
    private boolean newestFirst;
    private long shown;
    private long shownAtLastTick;
    private long receivedAtLastTick;
    private long lastTickNanos;
    private double receivedRate;
    private double shownRate;

    private Table table;
    private DetailPane detail;
    private Label status;
    private Label profileLabel;
    private Text search;
    private Combo tableFilter;
    private Button start;
    private Button pause;
    private Button stop;
    private Button followButton;
    private Button orderButton;
    private final java.util.Map<Op, Button> opButtons = new java.util.EnumMap<>(Op.class);
    private Throttler drainThrottler;
    private boolean growing;
    private String lastSchema;
    private String lastTable;
    private final ISelectionListener selectionListener = (part, sel) -> {
        if (part instanceof ConnectionsView && sel instanceof IStructuredSelection s
                && s.getFirstElement() instanceof ConnectionProfile p) {
            setProfile(p);
        }
    };
    private Color[] opColors;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Display d = parent.getDisplay();
        opColors = new Color[Op.values().length];
        opColors[Op.INSERT.ordinal()] = d.getSystemColor(SWT.COLOR_DARK_GREEN);
        opColors[Op.UPDATE.ordinal()] = d.getSystemColor(SWT.COLOR_DARK_BLUE);
        opColors[Op.DELETE.ordinal()] = d.getSystemColor(SWT.COLOR_RED);
        opColors[Op.TRUNCATE.ordinal()] = d.getSystemColor(SWT.COLOR_DARK_YELLOW);
        opColors[Op.READ.ordinal()] = d.getSystemColor(SWT.COLOR_DARK_GRAY);
        opColors[Op.MESSAGE.ordinal()] = d.getSystemColor(SWT.COLOR_DARK_MAGENTA);
        createToolbar(parent);
        createFilters(parent);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createTable(sash);
        detail = new DetailPane(sash);
        sash.setWeights(new int[] { 65, 35 });
        status = Widgets.name(new Label(parent, SWT.NONE), "live.status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText("Choose a connection and press Start.");
        drainThrottler = new Throttler(d, Duration.ofMillis(100), this::drain);
        getSite().getPage().addPostSelectionListener(selectionListener);
        ConnectionsView cv = (ConnectionsView) getSite().getPage().findView(ConnectionsView.ID);
        if (cv != null && cv.selected() != null) {
            setProfile(cv.selected());
        }
        tick();
        updateButtons();
    }

    private void createToolbar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setLayout(new GridLayout(8, false));
        profileLabel = Widgets.name(new Label(bar, SWT.NONE), "live.profile");
        profileLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        start = button(bar, "Start…", "live.start", this::startPressed);
        pause = button(bar, "Pause", "live.pause", this::togglePause);
        stop = button(bar, "Stop", "live.stop", this::stopPressed);
        followButton = Widgets.name(new Button(bar, SWT.CHECK), "live.follow");
        followButton.setText("Follow");
        followButton.setSelection(true);
        followButton.addListener(SWT.Selection, e -> follow = followButton.getSelection());
        orderButton = Widgets.name(new Button(bar, SWT.CHECK), "live.newestFirst");
        orderButton.setText("Newest first");
        orderButton.addListener(SWT.Selection, e -> {
            newestFirst = orderButton.getSelection();
            refreshTable();
        });
        button(bar, "Export…", "live.export", () -> LiveExport.export(getSite().getShell(), buffer, visibleSeqs()));
        button(bar, "Copy JSON", "live.copy", this::copySelection);
    }

    private Button button(Composite bar, String text, String id, Runnable action) {
        Button b = Widgets.name(new Button(bar, SWT.PUSH), id);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private void createFilters(Composite parent) {
        Composite f = new Composite(parent, SWT.NONE);
        f.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        f.setLayout(new GridLayout(Op.values().length + 3, false));
        for (Op op : Op.values()) {
            Button b = Widgets.name(new Button(f, SWT.CHECK), "live.filter." + op.json());
            b.setText(op.json());
            b.setSelection(true);
            b.setForeground(opColors[op.ordinal()]);
            b.addListener(SWT.Selection, e -> applyFilter());
            opButtons.put(op, b);
        }
        tableFilter = Widgets.name(new Combo(f, SWT.READ_ONLY), "live.filter.table");
        tableFilter.add("all tables");
        tableFilter.select(0);
        tableFilter.addListener(SWT.Selection, e -> applyFilter());
        search = Widgets.name(new Text(f, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL), "live.filter.text");
        search.setMessage("search in values");
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        search.addListener(SWT.Modify, e -> applyFilter());
    }

    private void createTable(Composite parent) {
        table = Widgets.name(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.MULTI | SWT.BORDER), "live.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[][] cols = { { "Commit time (UTC)", "110" }, { "LSN", "110" }, { "xid", "70" }, { "op", "60" },
            { "Table", "160" }, { "Key", "150" }, { "What changed", "420" } };
        for (String[] c : cols) {
            TableColumn col = new TableColumn(table, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            LiveEvent ev = eventAt(table.indexOf(item));
            if (ev == null) {
                item.setText(new String[] { "", "", "", "", "(dropped from the buffer)", "", "" });
                return;
            }
            item.setText(new String[] { ev.commitMicros() == 0 ? "" : TIME.format(Instant.EPOCH.plusNanos(ev.commitMicros() * 1000)),
                Lsn.format(ev.lsn() != 0 ? ev.lsn() : ev.commitLsn()), ev.xid() < 0 ? "" : Long.toString(ev.xid()),
                ev.op().json(), ev.qualifiedTable(), ev.key() == null ? "" : ev.key(), ev.summary() });
            item.setForeground(3, opColors[ev.op().ordinal()]);
        });
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            detail.show(i < 0 ? null : eventAt(i));
        });
    }

    /** The event shown at row {@code row}, or null. */
    public LiveEvent eventAt(int row) {
        if (buffer == null || row < 0 || row >= visible.size()) {
            return null;
        }
        // while the table grows in steps it holds the newest rows
        int i = newestFirst ? visible.size() - 1 - row : visible.size() - table.getItemCount() + row;
        return i < 0 ? null : buffer.get(visible.get(i));
    }

    private long[] visibleSeqs() {
        long[] out = new long[visible.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = visible.get(i);
        }
        return out;
    }

    /** Shows {@code p} as the connection to start with. */
    public void setProfile(ConnectionProfile p) {
        if (session != null && (session.state() == LiveSession.State.RUNNING || session.state() == LiveSession.State.STARTING)) {
            return;
        }
        profile = p;
        profileLabel.setText(p == null ? "No connection selected" : "Connection: " + p.getName() + " (" + p.describe() + ")");
        profileLabel.getParent().layout();
        if (session == null && status != null) {
            status.setText(p == null ? "Choose a connection in the Connections view."
                    : "Press Start… to watch the changes of " + p.getName() + ".");
        }
        updateButtons();
    }

    /** Asks how to watch (the Start dialog) and starts. */
    public void startWithDialog() {
        startPressed();
    }

    private void startPressed() {
        if (profile == null) {
            return;
        }
        if (profile.isDemo() && WalscopeUi.get().demo().state() != io.walscope.ui.DemoService.State.RUNNING) {
            org.eclipse.jface.dialogs.MessageDialog.openInformation(getSite().getShell(), "Live Changes",
                    "The demo database is not running: start it with \"Start Demo Database\" in the Connections view"
                            + " (or run walscope --demo).");
            return;
        }
        StartDialog dlg = new StartDialog(getSite().getShell(), profile);
        if (dlg.open() != Window.OK) {
            return;
        }
        start(dlg.result());
    }

    /** Starts watching with {@code options} (the Start dialog's result; tests call it directly). */
    public void start(StreamOptions options) {
        int capacity = WalscopeUi.get().getPreferenceStore().getInt(LivePreferences.BUFFER_SIZE);
        buffer = new LiveBuffer(capacity > 0 ? capacity : LivePreferences.DEFAULT_BUFFER_SIZE);
        visible.clear();
        scanned = buffer.nextSeq();
        shown = 0;
        shownAtLastTick = 0;
        receivedAtLastTick = 0;
        tableFilter.removeAll();
        lastTable = null;
        tableFilter.add("all tables");
        tableFilter.select(0);
        filter = currentFilter();
        table.setItemCount(0);
        detail.show(null);
        paused = false;
        pause.setText("Pause");
        session = new LiveSession(profile.isDemo() ? WalscopeUi.get().demo().profile() : profile, options, buffer);
        session.addListener(s -> {
            Display d = table.isDisposed() ? null : table.getDisplay();
            if (d != null && !d.isDisposed()) {
                d.asyncExec(() -> {
                    if (!table.isDisposed()) {
                        updateButtons();
                        updateStatus();
                    }
                });
            }
        });
        session.start();
        updateButtons();
    }

    private void stopPressed() {
        if (session != null) {
            session.stop();
        }
    }

    private void togglePause() {
        paused = !paused;
        pause.setText(paused ? "Resume" : "Pause");
        pause.getParent().layout();
        if (!paused) {
            drain();
        }
        updateStatus();
    }

    /** True while the view does not move (events keep arriving into the buffer). */
    public boolean isPaused() {
        return paused;
    }

    private void updateButtons() {
        boolean running = session != null
                && (session.state() == LiveSession.State.RUNNING || session.state() == LiveSession.State.STARTING);
        start.setText(session != null && session.state() == LiveSession.State.FAILED ? "Retry…" : "Start…");
        start.setEnabled(!running && profile != null);
        pause.setEnabled(running);
        stop.setEnabled(running);
        start.getParent().layout();
    }

    private LiveFilter currentFilter() {
        Set<Op> ops = EnumSet.noneOf(Op.class);
        opButtons.forEach((op, b) -> {
            if (b.getSelection()) {
                ops.add(op);
            }
        });
        String t = tableFilter.getSelectionIndex() <= 0 ? null : tableFilter.getText();
        return new LiveFilter(ops, t, search.getText());
    }

    private void applyFilter() {
        filter = currentFilter();
        visible.clear();
        scanned = buffer == null ? 1 : buffer.firstSeq();
        shown = 0;
        drain();
        refreshTable();
        updateStatus();
    }

    /** Takes new events from the buffer into the table (display thread, on a throttle). */
    private void drain() {
        if (table.isDisposed() || buffer == null) {
            return;
        }
        if (paused) {
            return;
        }
        long first = buffer.firstSeq();
        visible.dropBelow(first);
        if (scanned < first) {
            scanned = first;
        }
        LiveEvent[] chunk = new LiveEvent[DRAIN_CHUNK];
        int n;
        boolean added = false;
        while ((n = buffer.copy(scanned, chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                LiveEvent e = chunk[i];
                // runs of one table are the rule: look the name up only when the (decoder's shared) names change
                if ((e.table() != lastTable || e.schema() != lastSchema) && tableFilter.indexOf(e.qualifiedTable()) < 0) {
                    tableFilter.add(e.qualifiedTable());
                }
                lastSchema = e.schema();
                lastTable = e.table();
                if (filter.test(e)) {
                    visible.add(e.seq());
                    shown++;
                    added = true;
                }
            }
            scanned = chunk[n - 1].seq() + 1;
        }
        // what dropped out while this ran: the table keeps at most the buffer's size instead of shrinking later
        visible.dropBelow(buffer.firstSeq());
        if (added || table.getItemCount() != visible.size()) {
            refreshTable();
        }
    }

    private void refreshTable() {
        int rows = Math.min(visible.size(), table.getItemCount() + GROW_STEP);
        table.setRedraw(false);
        try {
            table.setItemCount(rows);
            table.clearAll();
            if (follow && rows > 0) {
                table.setTopIndex(newestFirst ? 0 : rows - 1);
            }
        } finally {
            table.setRedraw(true);
        }
        if (rows < visible.size() && !growing) {
            growing = true;
            table.getDisplay().timerExec(10, () -> {
                growing = false;
                if (!table.isDisposed()) {
                    refreshTable();
                }
            });
        }
    }

    /** Every 250 ms while the view lives: drain if due, rates, status line. */
    private void tick() {
        if (table.isDisposed()) {
            return;
        }
        drainThrottler.throttledExec();
        long now = System.nanoTime();
        if (session != null) {
            long received = session.capture().received();
            double secs = (now - lastTickNanos) / 1e9;
            if (lastTickNanos != 0 && secs > 0.9) {
                receivedRate = (received - receivedAtLastTick) / secs;
                shownRate = (shown - shownAtLastTick) / secs;
                receivedAtLastTick = received;
                shownAtLastTick = shown;
                lastTickNanos = now;
            } else if (lastTickNanos == 0) {
                lastTickNanos = now;
            }
        }
        updateStatus();
        table.getDisplay().timerExec(250, this::tick);
    }

    private void updateStatus() {
        if (status.isDisposed()) {
            return;
        }
        if (session == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(session.state() == LiveSession.State.FAILED ? "Error: " : "").append(session.message());
        long received = session.capture().received();
        sb.append(" · received ").append(received).append(String.format(" (%.0f/s)", receivedRate));
        sb.append(" · shown ").append(visible.size()).append(String.format(" (%.0f/s)", shownRate));
        long hidden = buffer == null ? 0 : buffer.size() - visible.size();
        if (!filter.showsAll() && hidden > 0) {
            sb.append(" · hidden by filters ").append(hidden);
        }
        if (buffer != null && buffer.dropped() > 0) {
            sb.append(" · dropped from buffer ").append(buffer.dropped());
        }
        if (paused) {
            sb.append(" · PAUSED (").append(buffer == null ? 0 : buffer.nextSeq() - scanned).append(" waiting)");
        }
        long server = session.serverLsn();
        long got = session.capture().lastLsn();
        if (server != 0 && got != 0) {
            long lag = Math.max(0, server - got);
            sb.append(" · lag ").append(bytes(lag));
            long commit = session.capture().lastCommitMicros();
            if (lag > 0 && commit != 0) {
                long behind = System.currentTimeMillis() - commit / 1000;
                sb.append(String.format(" (%.1f s)", Math.max(0, behind) / 1000.0));
            }
        }
        Long retained = session.retainedBytes();
        if (retained != null) {
            sb.append(" · slot ").append(session.slotName()).append(" retains ").append(bytes(retained));
        }
        status.setText(sb.toString());
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double v = b;
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    private void copySelection() {
        StringBuilder sb = new StringBuilder();
        for (int row : table.getSelectionIndices()) {
            LiveEvent e = eventAt(row);
            if (e != null) {
                sb.append(e.json()).append('\n');
            }
        }
        if (sb.length() > 0) {
            Clipboard cb = new Clipboard(table.getDisplay());
            try {
                cb.setContents(new Object[] { sb.toString() }, new Transfer[] { TextTransfer.getInstance() });
            } finally {
                cb.dispose();
            }
        }
    }

    /** Exports what the table shows to {@code file} (JSON Lines, or CSV for *.csv) in a Job. */
    public org.eclipse.core.runtime.jobs.Job exportTo(java.nio.file.Path file) {
        return LiveExport.schedule(file, buffer, visibleSeqs());
    }

    /** Shows only {@code ops} (the op check boxes), as a user clicking them would. */
    public void showOps(Set<Op> ops) {
        opButtons.forEach((op, b) -> b.setSelection(ops.contains(op)));
        applyFilter();
    }

    /** Types into the search field. */
    public void search(String text) {
        search.setText(text);
    }

    /** Pause or resume, as the button does. */
    public void setPaused(boolean p) {
        if (p != paused) {
            togglePause();
        }
    }

    /** Stop, as the button does. */
    public void stop() {
        stopPressed();
    }

    /** The status line's text. */
    public String statusText() {
        return status.getText();
    }

    /** The current session's slot name (tests check it is dropped), or null. */
    public String slotName() {
        return session == null ? null : session.slotName();
    }

    /** The session's state name and message (tests wait on it). */
    public String stateText() {
        return session == null ? "" : session.state() + ": " + session.message();
    }

    /** The running or last session, or null (the benchmark reads its counters). */
    LiveSession session() {
        return session;
    }

    /** Rows in the table now. */
    public int rowCount() {
        return table.getItemCount();
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        if (session != null) {
            session.stop();
        }
        super.dispose();
    }
}
