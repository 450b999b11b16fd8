package io.walscope.ui.live;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.util.Throttler;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Op;
import io.walscope.ui.Widgets;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.chart.ChartCanvas;
import io.walscope.ui.connections.ConnectionsView;

/**
 * The live change viewer: a decoded logical replication stream row by row. The reader fills a bounded ring
 * buffer and never waits for the display; this view drains it on a throttle into an {@code SWT.VIRTUAL}
 * table, or grouped by transaction into an {@code SWT.VIRTUAL} tree ({@link GroupedTree}), with filters, pause,
 * a detail pane and a status line with rates, lag and retained WAL.
 */
public final class LiveView extends ViewPart {
    public static final String ID = "io.walscope.ui.live";
    /**
     * Rows added to the table at a time, one step every {@link GrowTimer#STEP_MS}: GTK appends them one by one
     * (about 2 µs each), so a big catch-up would stall the display; each step also repaints the table, so steps
     * are few and large enough (2,048 rows: about 4 ms of appending, 25 repaints a second while catching up).
     */
    static final int GROW_STEP = 2048;
    /**
     * A drain that takes this many changes in or more (40,000 a second at the 250 ms tick) is a burst: the table
     * then grows by {@link #GROW_STEP} with each drain only, not also on the {@link GrowTimer} between drains.
     * The newest rows show at every drain all the same; the older ones fill in once the burst is over (GTK's
     * appends and repaints would otherwise take the CPU the reader needs, and stall the display).
     */
    static final int BURST_EVENTS = 10_000;
    /** The longest the display thread takes new events in at a time (a text filter reads every change). */
    static final long DRAIN_SLICE_MS = 20;
    /** The strip chart's height in pixels at most, when the view opens (the sash above the table moves it). */
    static final int CHART_HEIGHT = 170;
    /** Below this height of chart, table and detail together, the chart starts collapsed. */
    static final int CHART_ROOM = 450;

    private ConnectionProfile profile;
    private LiveSession session;
    private LiveBuffer buffer;
    private final ShownRows rows = new ShownRows(() -> session == null ? null : session.capture().commits());
    private final LiveSort sort = new LiveSort();
    private boolean groupedMode;
    private boolean paused;
    private TableFollow follow;
    private GrowTimer grow;
    private int tableOffset;
    private final StatusLine.Rates rates = new StatusLine.Rates();
    private final LiveSamples samples = new LiveSamples();
    private ChartCanvas<LiveChart.Snap> chart;

    private Table table;
    private GroupedTree tree;
    private Composite stack;
    private DetailPane detail;
    private Label status;
    private LiveControls controls;
    private ErrorBanner banner;
    private String presetTables = "";
    private Throttler drainThrottler;
    private boolean drainAgain;
    private final ISelectionListener selectionListener = (part, sel) -> {
        if (part instanceof ConnectionsView && sel instanceof IStructuredSelection s
                && s.getFirstElement() instanceof ConnectionProfile p) {
            setProfile(p);
        }
    };
    private Color[] opColors;
    private int[] autoWeights;

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
        createControls(parent);
        banner = new ErrorBanner(parent);
        banner.start.addListener(SWT.Selection, e -> startPressed());
        banner.setup.addListener(SWT.Selection, e -> runCommand("io.walscope.ui.setup.open"));
        // chart, table and detail share one sash: the table gets the room, the chart can be dragged smaller or larger
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        chart = LiveChart.create(sash, samples);
        stack = new Composite(sash, SWT.NONE);
        stack.setLayout(new StackLayout());
        createTable(stack);
        tree = new GroupedTree(stack, rows, opColors);
        tree.control().addListener(SWT.Selection, e -> {
            if (tree.control().getSelectionCount() > 0 && follow.follow()) {
                controls.follow.setSelection(false);
                controls.follow.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
            }
            showTreeSelection();
        });
        ((StackLayout) stack.getLayout()).topControl = table;
        detail = new DetailPane(sash);
        sash.setWeights(CHART_HEIGHT, 400, 200);
        sash.addListener(SWT.Resize, e -> fitChart(sash));
        status = Widgets.name(new Label(parent, SWT.WRAP), "live.status");
        GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sd.widthHint = 200; // wraps to the view's width instead of widening it
        // two lines, always: a line that wraps (or unwraps) as the numbers change does not shift the view
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(status);
        try {
            sd.heightHint = 2 * gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
        status.setLayoutData(sd);
        status.setText("Choose a connection and press Start.");
        drainThrottler = new Throttler(d, Duration.ofMillis(100), this::drain);
        getSite().getPage().addPostSelectionListener(selectionListener);
        new ProfileWatch(table, () -> profile, this::profileChanged, this::profileDeleted);
        ConnectionsView cv = (ConnectionsView) getSite().getPage().findView(ConnectionsView.ID);
        if (cv != null && cv.selected() != null) {
            setProfile(cv.selected());
        }
        tick();
        updateButtons();
    }

    /**
     * Sizes the chart to the view until the user moves the sash: at most {@link #CHART_HEIGHT} and a fifth of the
     * height; in a low window (under {@link #CHART_ROOM} pixels) collapsed, so that the table has the room (drag the
     * sash down to see it). The table gets 70% of the rest, the detail pane 30%.
     */
    private void fitChart(SashForm sash) {
        if (autoWeights != null && !java.util.Arrays.equals(sash.getWeights(), autoWeights)) {
            return; // the user moved a sash: their sizes hold
        }
        int h = sash.getClientArea().height;
        if (h <= 0) {
            return;
        }
        int c = h >= CHART_ROOM ? Math.min(CHART_HEIGHT, h / 5) : 0;
        sash.setWeights(c, (h - c) * 70 / 100, (h - c) * 30 / 100);
        autoWeights = sash.getWeights();
    }

    private void createControls(Composite parent) {
        controls = new LiveControls(parent, opColors);
        controls.start.addListener(SWT.Selection, e -> startPressed());
        controls.pause.addListener(SWT.Selection, e -> togglePause());
        controls.stop.addListener(SWT.Selection, e -> stopPressed());
        controls.newestFirst.addListener(SWT.Selection, e -> {
            rows.setNewestFirst(controls.newestFirst.getSelection());
            follow.rowsRenumbered();
            refresh(true);
        });
        controls.grouped.addListener(SWT.Selection, e -> showGrouped(controls.grouped.getSelection()));
        controls.export.addListener(SWT.Selection,
                e -> LiveExport.export(getSite().getShell(), buffer, rows.seqs(), selectedSeqs()));

        controls.copy.addListener(SWT.Selection, e -> copySelection());
        controls.onFilterChange(this::applyFilter);
    }

    private void createTable(Composite parent) {
        table = Widgets.name(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.MULTI | SWT.BORDER), "live.table");
        grow = new GrowTimer(table, () -> {
            if (!groupedMode) {
                refresh(false);
            }
        });
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < Rows.COLUMNS.length; i++) {
            TableColumn col = new TableColumn(table, SWT.NONE);
            col.setText(Rows.COLUMNS[i]);
            col.setWidth(Rows.WIDTHS[i]);
            int index = i;
            col.addListener(SWT.Selection, e -> sortClicked(index));
        }
        io.walscope.ui.RowTools.fitHeaders(table); // "Commit time (UTC)" in full
        io.walscope.ui.RowTools.emptyText(table, this::emptyText);
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            LiveEvent ev = eventAt(e.index);
            item.setText(Rows.change(ev));
            if (ev != null) {
                item.setForeground(Rows.OP_COLUMN, opColors[ev.op().ordinal()]);
            }
        });
        follow = new TableFollow(table, rows, sort, controls.follow, e -> detail.show(e));
        // ticking Follow while sorted goes back to the stream order (TableFollow's own listener ran first)
        controls.follow.addListener(SWT.Selection, e -> {
            if (controls.follow.getSelection() && sort.active()) {
                setSort(-1, SWT.NONE);
            }
        });
        table.addListener(SWT.Selection, e -> follow.userSelected(this::eventAt));
        LiveMenu.install(table, this::eventAt, this::showOnlyTable, this::copySelection);
    }

    /** A click on a column header: sorted up, down, then the stream order again (as every table sorts). */
    private void sortClicked(int column) {
        int next = column != sort.column() || sort.direction() == SWT.NONE ? SWT.UP
                : sort.direction() == SWT.UP ? SWT.DOWN : SWT.NONE;
        setSort(next == SWT.NONE ? -1 : column, next);
    }

    /**
     * Sorts the table by {@code column} ({@link SWT#UP} or {@link SWT#DOWN}), or back in the stream order ({@code -1});
     * following is off while sorted and resumes in the stream order. The selection stays on its changes.
     */
    public void setSort(int column, int direction) {
        sort.set(column, direction);
        table.setSortColumn(sort.active() ? table.getColumn(column) : null);
        table.setSortDirection(sort.direction());
        follow.sorted(sort.active());
        follow.rowsRenumbered();
        controls.follow.setToolTipText(sort.active()
                ? "Off while the table is sorted by a column: tick it (or click the header until its arrow goes) for the"
                        + " stream order"
                : null);
        refresh(true);
        updateStatus();
    }

    /** The column the table is sorted by, or -1 in the stream order. */
    public int sortColumn() {
        return sort.column();
    }

    /** The last full sort's and the average update's time in ms (the benchmark prints them). */
    public double[] sortMillis() {
        return new double[] { sort.rebuildMillis(), sort.averageUpdateMillis() };
    }

    private void showTreeSelection() {
        String[] tx = tree.selectedTransaction();
        if (tx != null) {
            detail.showTransaction(tx);
        } else {
            detail.show(tree.selectedChange());
        }
    }

    /** Shows the changes grouped by transaction (a tree) or one per row (a table), as the check box does. */
    public void setGrouped(boolean g) {
        controls.grouped.setSelection(g);
        showGrouped(g);
    }

    private void showGrouped(boolean g) {
        if (g == groupedMode) {
            return;
        }
        groupedMode = g;
        ((StackLayout) stack.getLayout()).topControl = g ? tree.control() : table;
        stack.layout();
        follow.clearSelection();
        tree.control().deselectAll();
        detail.show(null);
        refresh(true);
    }

    /** The event shown at row {@code row} of the ungrouped table, or null. */
    public LiveEvent eventAt(int row) {
        if (!groupedMode && sort.active()) {
            long seq = sort.seqAt(row);
            return seq < 0 || rows.buffer() == null ? null : rows.buffer().get(seq);
        }
        if (groupedMode || rows.newestFirst()) {
            return rows.eventAt(row);
        }
        // while the table grows in steps it holds the newest rows
        int i = rows.size() - table.getItemCount() + row;
        return i < 0 ? null : rows.eventAt(i);
    }

    /** Shows {@code p} as the connection to start with. */
    public void setProfile(ConnectionProfile p) {
        if (session != null && (session.state() == LiveSession.State.RUNNING || session.state() == LiveSession.State.STARTING)) {
            return;
        }
        if (session != null && (p == null || profile == null || !p.getName().equals(profile.getName()))) {
            clearStream(); // the old stream's rows are not this connection's
        }
        profile = p;
        showProfileName();
        if (session == null && status != null) {
            status.setText(p == null ? "Choose a connection in the Connections view."
                    : "Press Start… to watch the changes of " + p.getName() + ".");
        }
        updateButtons();
    }

    /** The shown connection was renamed or edited: a running stream goes on, the next Start uses the new one. */
    private void profileChanged(ConnectionProfile p) {
        if (!running() || !p.getName().equals(profile.getName())) {
            profile = p;
            showProfileName();
        }
    }

    /** The shown connection was deleted: its stream stops and the view forgets it ("No connection selected"). */
    private void profileDeleted() {
        if (session != null) {
            session.stop();
        }
        clearStream();
        profile = null;
        showProfileName();
        status.setText("Choose a connection in the Connections view.");
        updateButtons();
    }

    private void showProfileName() {
        controls.profile.setText(profile == null ? "No connection selected"
                : "Connection: " + profile.getName() + " (" + profile.describe() + ")");
        controls.relayout();
        table.redraw(); // the empty table's text names the connection
    }

    /** The connection the view is on (it starts with), or null. */
    public ConnectionProfile profile() {
        return profile;
    }

    /** Asks how to watch (the Start dialog) and starts. */
    public void startWithDialog() {
        startPressed();
    }

    /**
     * "Watch This Table": opens the live view; a stream already running on {@code p} shows only {@code table},
     * otherwise the Start dialog opens with the table filled in.
     */
    public static void watch(org.eclipse.ui.IWorkbenchPage page, ConnectionProfile p, String table) {
        try {
            LiveView v = (LiveView) page.showView(ID);
            if (v.running() && v.profile != null && v.profile.getName().equals(p.getName())) {
                v.showOnlyTable(table);
                return;
            }
            v.setProfile(p);
            v.presetTables = table;
            try {
                v.startPressed();
            } finally {
                v.presetTables = "";
            }
        } catch (org.eclipse.ui.PartInitException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(page.getWorkbenchWindow().getShell(), "Live Changes",
                    "Could not open the live view: " + e.getMessage());
        }
    }

    private boolean running() {
        return session != null
                && (session.state() == LiveSession.State.RUNNING || session.state() == LiveSession.State.STARTING);
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
        StartDialog dlg = new StartDialog(getSite().getShell(), profile).tables(presetTables);
        if (dlg.open() != Window.OK) {
            return;
        }
        start(dlg.result());
    }

    /** Starts watching with {@code options} (the Start dialog's result; tests call it directly). */
    public void start(StreamOptions options) {
        int capacity = WalscopeUi.get().getPreferenceStore().getInt(LivePreferences.BUFFER_SIZE);
        int mb = WalscopeUi.get().getPreferenceStore().getInt(LivePreferences.BUFFER_MB);
        buffer = new LiveBuffer(capacity > 0 ? capacity : LivePreferences.DEFAULT_BUFFER_SIZE,
                (mb > 0 ? mb : LivePreferences.DEFAULT_BUFFER_MB) * (1L << 20));
        tree.reset();
        rates.restart();
        samples.clear();
        chart.refresh();
        controls.resetTables();
        rows.reset(buffer, controls.filter());
        sort.invalidate();
        table.setItemCount(0);
        follow.resume();
        paused = false;
        controls.pause.setText("Pause");
        if (options.plugin() == Plugin.PGOUTPUT) {
            options.binary(false); // PostgreSQL's text of every value for the detail pane
        }
        detail.setPlugin(options.plugin());
        banner.show(null);
        session = new LiveSession(profile.isDemo() ? WalscopeUi.get().demo().profile() : profile, options, buffer);
        session.addListener(s -> {
            Display d = table.isDisposed() ? null : table.getDisplay();
            if (d != null && !d.isDisposed()) {
                d.asyncExec(() -> {
                    if (!table.isDisposed()) {
                        updateButtons();
                        updateStatus();
                        updateBanner();
                    }
                });
            }
        });
        session.start();
        getSite().getPage().bringToTop(this); // a running stream is never hidden behind another tab (the Welcome page)
        updateButtons();
    }

    private void updateBanner() {
        banner.show(session != null && session.state() == LiveSession.State.FAILED ? session.message() : null);
    }

    private void runCommand(String id) {
        org.eclipse.ui.handlers.IHandlerService hs = getSite().getService(org.eclipse.ui.handlers.IHandlerService.class);
        try {
            hs.executeCommand(id, null);
        } catch (org.eclipse.core.commands.ExecutionException | org.eclipse.core.commands.common.NotDefinedException
                | org.eclipse.core.commands.NotEnabledException | org.eclipse.core.commands.NotHandledException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(getSite().getShell(), "Live Changes", e.getMessage());
        }
    }

    /** The error banner's text, or null while it is hidden. */
    public String bannerText() {
        return banner.isShown() ? banner.text() : null;
    }

    /** Forgets the last stream (another connection was chosen): no rows, no detail, no chart, no banner. */
    private void clearStream() {
        session = null;
        buffer = null;
        rows.clear();
        sort.invalidate();
        table.setItemCount(0);
        tree.reset();
        follow.resume();
        detail.show(null);
        samples.clear();
        chart.refresh();
        rates.restart();
        controls.resetTables();
        banner.show(null);
    }

    private void stopPressed() {
        if (session != null) {
            session.stop();
        }
    }

    private void togglePause() {
        paused = !paused;
        controls.pause.setText(paused ? "Resume" : "Pause");
        controls.relayout();
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
        controls.start.setText(session != null && session.state() == LiveSession.State.FAILED ? "Retry…" : "Start…");
        controls.start.setEnabled(!running && profile != null);
        controls.pause.setEnabled(running);
        controls.stop.setEnabled(running);
        controls.relayout();
    }

    private void applyFilter() {
        rows.refilter(controls.filter());
        sort.invalidate();
        follow.rowsRenumbered();
        drain();
        rates.refiltered(rows.shown()); // a new filter is not a burst of shown changes
        refresh(true);
        updateStatus();
    }

    /**
     * Takes new events from the buffer into the table (display thread, on a throttle), for at most
     * {@link #DRAIN_SLICE_MS} at a time; what is left is taken a moment later, so the event loop keeps turning.
     */
    private void drain() {
        if (table.isDisposed() || buffer == null) {
            return;
        }
        if (paused) {
            return;
        }
        long from = rows.scanned();
        int flags = rows.drain(controls::addTable, System.nanoTime() + DRAIN_SLICE_MS * 1_000_000L);
        boolean bursting = rows.scanned() - from >= BURST_EVENTS;
        grow.hold(bursting);
        tree.burst(bursting);
        if ((flags & (ShownRows.ADDED | ShownRows.SHIFTED)) != 0) {
            refresh((flags & ShownRows.SHIFTED) != 0);
        }
        if ((flags & ShownRows.MORE) != 0 && !drainAgain) {
            drainAgain = true;
            table.getDisplay().timerExec(5, () -> {
                drainAgain = false;
                drain();
            });
        }
    }

    /**
     * Shows the current rows. {@code shifted}: rows moved (dropped from the front, a new filter or order), so all
     * are asked for again; otherwise only new rows are (oldest first) — newest first moves every row anyway.
     */
    private void refresh(boolean shifted) {
        if (groupedMode) {
            tree.refresh(shifted, follow.follow());
            if (shifted && tree.control().getSelectionCount() > 0) {
                showTreeSelection(); // the selected row may hold another transaction now
            }
            return;
        }
        follow.look();
        boolean sorted = sort.active();
        // sorted, a new change may land on any row: all rows are asked for again (as newest first does), and the
        // change at the top stays at the top (what the user reads does not slide away)
        LiveEvent anchor = sorted && table.getItemCount() > 0 ? eventAt(table.getTopIndex()) : null;
        boolean reordered = sorted && sort.update(rows);
        int total = sorted ? sort.size() : rows.size();
        int n = Math.min(total, table.getItemCount() + GROW_STEP);
        int offset = rows.newestFirst() || sorted ? 0 : total - n;
        table.setRedraw(false);
        try {
            table.setItemCount(n);
            boolean moved = shifted || reordered || rows.newestFirst() || offset != tableOffset;
            if (moved) {
                table.clearAll();
            }
            tableOffset = offset;
            if (moved || follow.pending()) {
                follow.reselect();
            }
            if (anchor != null && reordered) {
                int r = sort.rowOf(anchor);
                if (r >= 0 && r < n && r != table.getTopIndex()) {
                    table.setTopIndex(r);
                }
            }
            if (follow.follow() && n > 0) {
                table.setTopIndex(rows.newestFirst() ? 0 : n - 1);
                follow.scrolled();
            }
        } finally {
            table.setRedraw(true);
        }
        if (n < total) {
            grow.schedule(); // held while a burst arrives: the table then grows only with each drain
        }
    }

    /** Every 250 ms while the view lives: drain if due, rates, status line. */
    private void tick() {
        if (table.isDisposed()) {
            return;
        }
        drainThrottler.throttledExec();
        if (session != null && rates.tick(session.capture().received(), rows.shown())
                && session.state() == LiveSession.State.RUNNING) {
            samples.sample(System.currentTimeMillis(), rates.receivedRate, session);
            chart.refresh(); // drawn on the render thread; the display thread only swaps the picture in
        }
        updateStatus();
        table.getDisplay().timerExec(250, this::tick);
    }

    /** What an empty table means and what to do. */
    private String emptyText() {
        if (session == null) {
            return profile == null ? "Choose a connection in the Connections view." : "Press Start… to watch the changes of "
                    + profile.getName() + ".";
        }
        if (buffer != null && buffer.size() > 0 && rows.size() == 0) {
            return "The filters hide all " + buffer.size() + " changes received: tick more operations, choose \"all tables\""
                    + " or clear the search.";
        }
        return session.state() == LiveSession.State.RUNNING ? "Waiting for changes: write to a watched table." : null;
    }

    private void updateStatus() {
        if (status.isDisposed() || session == null) {
            return;
        }
        String text = StatusLine.text(session, rows, paused, rates, samples);
        if (sort.active() && !groupedMode) {
            text = "Sorted by " + Rows.COLUMNS[sort.column()] + (sort.direction() == SWT.UP ? " ↑" : " ↓")
                    + ": Follow is off (the newest change is not at the bottom); tick Follow for the stream order · " + text;
        }
        if (!text.equals(status.getText())) {
            if (table.getItemCount() == 0) {
                table.redraw(); // the empty table's text follows the state
            }
            status.setText(text);
        }
    }

    static String bytes(long b) {
        return StatusLine.bytes(b);
    }

    private void copySelection() {
        StringBuilder sb = new StringBuilder();
        for (LiveEvent e : selectedEvents()) {
            sb.append(e.json()).append('\n');
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

    /** The selected changes' sequence numbers, in stream order (a transaction row stands for its changes). */
    private long[] selectedSeqs() {
        List<LiveEvent> sel = selectedEvents();
        long[] out = new long[sel.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sel.get(i).seq();
        }
        java.util.Arrays.sort(out);
        return out;
    }

    private List<LiveEvent> selectedEvents() {
        if (groupedMode) {
            return tree.selectedEvents();
        }
        List<LiveEvent> out = new java.util.ArrayList<>();
        for (int row : table.getSelectionIndices()) {
            LiveEvent e = eventAt(row);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** Exports the selected changes to {@code file} (as Export… does when asked for the selection). */
    public org.eclipse.core.runtime.jobs.Job exportSelectionTo(java.nio.file.Path file) {
        return LiveExport.schedule(file, buffer, selectedSeqs());
    }

    /** Exports what the table shows to {@code file} (JSON Lines, or CSV for *.csv) in a Job. */
    public org.eclipse.core.runtime.jobs.Job exportTo(java.nio.file.Path file) {
        return LiveExport.schedule(file, buffer, rows.seqs());
    }

    /** Shows only {@code ops} (the op check boxes), as a user clicking them would. */
    public void showOps(Set<Op> ops) {
        controls.setOps(ops);
        applyFilter();
    }

    /** Shows only the changes of {@code qualifiedTable} (the table filter). */
    public void showOnlyTable(String qualifiedTable) {
        controls.selectTable(qualifiedTable);
        applyFilter();
    }

    /** Types into the search field. */
    public void search(String text) {
        controls.search.setText(text);
    }

    /** Pause or resume, as the button does. */
    public void setPaused(boolean p) {
        if (p != paused) {
            togglePause();
        }
    }

    /** True while the view keeps the newest row in sight (the Follow box). */
    public boolean isFollowing() {
        return follow.follow();
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

    /** Rows in the ungrouped table now (it grows in steps); grouped, the changes the tree holds. */
    public int rowCount() {
        return groupedMode ? rows.size() : table.getItemCount();
    }

    /** The strip chart of changes/s and lag. */
    public ChartCanvas<?> chart() {
        return chart;
    }

    /** Samples the strip chart holds (bounded). */
    public int chartSamples() {
        return samples.size();
    }

    /** The running or last session, or null (the benchmark reads its counters). */
    LiveSession session() {
        return session;
    }

    @Override
    public void setFocus() {
        (groupedMode ? tree.control() : table).setFocus();
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
