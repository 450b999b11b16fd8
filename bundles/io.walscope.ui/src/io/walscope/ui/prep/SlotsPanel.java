package io.walscope.ui.prep;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.check.Bytes;
import io.walscope.core.check.Durations;
import io.walscope.core.check.SlotHealth;
import io.walscope.core.check.SlotHealthRules;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.SlotSample;
import io.walscope.core.pg.check.SlotHealthReader;
import io.walscope.core.pg.check.SlotOps;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.Columns;
import io.walscope.ui.Widgets;
import io.walscope.ui.chart.ChartCanvas;

/**
 * Every replication slot of one server, refreshed by a Job on a timer, each reading judged against the one before
 * (lag, time to loss, why a slot is stuck): inactive slots and slots retaining more than 1 GiB are highlighted; Drop
 * asks with the retained size and refuses active slots. Below the table, a chart of retained WAL and lag per slot
 * over the last hour ({@link SlotsChart}), sampled while the view is open.
 */
public final class SlotsPanel extends Composite {
    static final long REFRESH_MS = 5000;
    /** Between the first two readings of a server. */
    static final Duration FIRST_WINDOW = Duration.ofSeconds(1);
    private final TableViewer viewer;
    private final Label status;
    private final Button drop;
    private final Color inactiveColor;
    private final Color largeColor;
    private volatile ConnectionProfile profile;
    private volatile PrepPanel.SecretsSource secrets;
    private Job refresher;
    private List<SlotInfo> slots = List.of();
    private List<SlotHealth> health = List.of();
    private final SlotHistory history = new SlotHistory();
    private final ChartCanvas<SlotsChart.Snap> chart;
    /** The last reading (refresher Job only): the next one is judged against it. */
    private volatile SlotSample previous;
    private Predicate<String> confirm = text -> MessageDialog.openConfirm(getShell(), "Walscope", text);

    public SlotsPanel(Composite parent) {
        super(parent, SWT.NONE);
        setLayout(new GridLayout(3, false));
        status = Widgets.name(new Label(this, SWT.NONE), "slots.status");
        status.setText(Messages.SLOTS_NO_CONNECTION);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button refresh = Widgets.name(new Button(this, SWT.PUSH), "slots.refresh");
        refresh.setText(Messages.REFRESH);
        refresh.addListener(SWT.Selection, e -> refreshNow());
        drop = Widgets.name(new Button(this, SWT.PUSH), "slots.drop");
        drop.setText(Messages.DROP);
        drop.addListener(SWT.Selection, e -> dropSelected());
        inactiveColor = new Color(getDisplay(), new RGB(255, 244, 204));
        largeColor = new Color(getDisplay(), new RGB(255, 214, 214));
        SashForm sash = new SashForm(this, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        viewer = new TableViewer(sash, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        Widgets.name(viewer.getTable(), "slots.table");
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column("Slot", 190, s -> s.name());
        column("Plugin", 100, s -> nz(s.plugin()));
        column("Type", 70, SlotInfo::slotType);
        column("Database", 90, s -> nz(s.database()));
        column("Temporary", 85, s -> s.temporary() ? "yes" : "no");
        column("Active", 90, s -> s.active() ? "pid " + s.activePid() : "no");
        column("Retained WAL", 110, SlotInfo::retainedPretty);
        healthColumn("Lag", 90, h -> h.lagBytes() == null ? "-" : Bytes.pretty(h.lagBytes()));
        column("wal_status", 85, s -> nz(s.walStatus()));
        column("safe_wal_size", 105, s -> s.safeWalSize() == null ? "-" : Bytes.pretty(s.safeWalSize()));
        healthColumn("Lost in", 90, h -> h.lostInSeconds() == null ? "-" : Durations.pretty(h.lostInSeconds()));
        healthColumn("Stuck", 260, h -> h.stuck() == null ? "-" : h.stuck().cause() + ": " + h.stuck().message());
        column("restart_lsn", 100, s -> nz(s.restartLsn()));
        column("confirmed_flush_lsn", 150, s -> nz(s.confirmedFlushLsn()));
        column("inactive_since", 170, s -> nz(s.inactiveSince()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        io.walscope.ui.RowTools.emptyText(viewer.getTable(), () -> slots.isEmpty() && health != null && viewer.getInput() != null
                ? "No replication slots on this server.\nA consumer creates one (so does Watch Changes with a persistent slot)." : null);
        io.walscope.ui.RowTools.install(viewer, "slots", new io.walscope.ui.RowTools.Entry("copySql", "Copy Drop as SQL",
                () -> io.walscope.ui.RowTools.copy(viewer.getTable(), dropSql()), () -> dropSql() != null));
        chart = SlotsChart.create(sash, history);
        sash.setWeights(new int[] {45, 55});
        viewer.addSelectionChangedListener(e -> updateDrop());
        addDisposeListener(e -> {
            stop();
            inactiveColor.dispose();
            largeColor.dispose();
        });
        updateDrop();
    }

    /** The statement that drops the selected slot, or null. */
    private String dropSql() {
        Object o = viewer.getStructuredSelection().getFirstElement();
        return o instanceof SlotHealth h ? "SELECT pg_drop_replication_slot('" + h.slot().name().replace("'", "''") + "');" : null;
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    private void column(String title, int width, Function<SlotInfo, String> text) {
        healthColumn(title, width, h -> text.apply(h.slot()));
    }

    private void healthColumn(String title, int width, Function<SlotHealth, String> text) {
        Columns.add(viewer, title, width, SlotHealth.class, text, h -> background(h.slot()));
    }

    private Color background(SlotInfo s) {
        if (s.retainedBytes() != null && s.retainedBytes() > Bytes.GIB || "lost".equals(s.walStatus())) {
            return largeColor;
        }
        return s.active() || s.temporary() ? null : inactiveColor;
    }

    /** Shows the slots of {@code p}'s server from now on (null: none). */
    public void setTarget(ConnectionProfile p, PrepPanel.SecretsSource s) {
        stop();
        profile = p;
        secrets = s;
        if (p == null) {
            show(List.of(), Messages.SLOTS_NO_CONNECTION);
            return;
        }
        history.clear();
        chart.refresh();
        previous = null;
        refresher = Job.create("Reading the replication slots of " + p.getName(), (IProgressMonitor m) -> {
            ConnectionProfile target = profile;
            if (target == null || isDisposedSafe()) {
                return Status.OK_STATUS;
            }
            String text;
            List<SlotHealth> list = null;
            SlotSample now = null;
            double rate = 0;
            try {
                SlotSample before = previous;
                if (before == null) {
                    // the first reading of a server: a second one shortly after gives the rates at once
                    before = SlotHealthReader.sample(target, secrets.get());
                    Thread.sleep(FIRST_WINDOW.toMillis());
                }
                now = SlotHealthReader.sample(target, secrets.get());
                previous = now;
                list = SlotHealthRules.assess(before, now, SlotHealthRules.OLD_AFTER);
                rate = SlotHealthRules.walRate(before, now);
                text = String.format(Messages.SLOTS_OF, list.size(), target.describe(), LocalTime.now().truncatedTo(ChronoUnit.SECONDS))
                        + String.format(Messages.SLOTS_RATE, Bytes.pretty(Math.round(rate)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.CANCEL_STATUS;
            } catch (Exception e) {
                previous = null;
                text = target.getName() + ": " + e.getMessage();
            }
            List<SlotHealth> l = list;
            SlotSample sample = now;
            double r = rate;
            String t = text;
            ui(() -> {
                if (l != null && profile == target) {
                    history.record(System.currentTimeMillis(), l, sample, r);
                    chart.refresh();
                }
                show(l, t);
            });
            Job self = Job.getJobManager().currentJob();
            if (!m.isCanceled() && profile == target && self != null) {
                self.schedule(REFRESH_MS);
            }
            return Status.OK_STATUS;
        });
        refresher.setSystem(true);
        refresher.schedule();
    }

    private boolean isDisposedSafe() {
        return getDisplay() == null || getDisplay().isDisposed();
    }

    public void refreshNow() {
        if (refresher != null) {
            refresher.cancel();
            refresher.schedule();
        }
    }

    private void stop() {
        if (refresher != null) {
            refresher.cancel();
            refresher = null;
        }
    }

    private void show(List<SlotHealth> list, String text) {
        if (list != null) {
            SlotInfo sel = selected();
            health = list;
            slots = list.stream().map(SlotHealth::slot).toList();
            viewer.setInput(list.toArray());
            if (sel != null) {
                list.stream().filter(s -> s.name().equals(sel.name())).findFirst()
                        .ifPresent(s -> viewer.setSelection(new StructuredSelection(s)));
            }
        }
        status.setText(text);
        status.getParent().layout();
        viewer.getTable().redraw();
        updateDrop();
    }

    private void ui(Runnable r) {
        if (isDisposed() || getDisplay().isDisposed()) {
            return;
        }
        getDisplay().asyncExec(() -> {
            if (!isDisposed()) {
                r.run();
            }
        });
    }

    public SlotInfo selected() {
        Object o = viewer.getStructuredSelection().getFirstElement();
        return o instanceof SlotHealth h ? h.slot() : null;
    }

    public void select(String name) {
        health.stream().filter(s -> s.name().equals(name)).findFirst().ifPresent(s -> viewer.setSelection(new StructuredSelection(s)));
        updateDrop();
    }

    private void updateDrop() {
        SlotInfo s = selected();
        drop.setEnabled(s != null && !s.active());
        drop.setToolTipText(s != null && s.active() ? String.format(Messages.ACTIVE_REFUSED, s.name()) : null);
    }

    /** Drops the selected slot after confirmation, in a Job; active slots are refused. */
    public void dropSelected() {
        SlotInfo s = selected();
        ConnectionProfile target = profile;
        if (s == null || target == null) {
            return;
        }
        if (s.active()) {
            status.setText(String.format(Messages.ACTIVE_REFUSED, s.name()));
            return;
        }
        if (!confirm.test(String.format(Messages.CONFIRM_DROP, s.name(), s.retainedPretty()))) {
            return;
        }
        Job j = Job.create("Dropping slot " + s.name(), (IProgressMonitor m) -> {
            String text;
            try {
                SlotOps.dropInactive(target, secrets.get(), s.name());
                text = "Dropped slot " + s.name() + " (it retained " + s.retainedPretty() + ").";
            } catch (Exception e) {
                text = e.getMessage();
            }
            String t = text;
            ui(() -> {
                status.setText(t);
                refreshNow();
            });
            return Status.OK_STATUS;
        });
        j.schedule();
    }

    // tests
    public List<SlotInfo> slots() {
        return slots;
    }

    /** The slots as last judged (lag, time to loss, why stuck). */
    public List<SlotHealth> health() {
        return health;
    }

    /** The chart of retained WAL and lag. */
    public ChartCanvas<?> chart() {
        return chart;
    }

    /** Samples the chart keeps (bounded: an hour per slot). */
    public int chartSamples() {
        return history.samples();
    }

    public String statusText() {
        return status.getText();
    }

    public boolean canDrop() {
        return drop.isEnabled();
    }

    public void setConfirm(Predicate<String> c) {
        confirm = c;
    }
}
