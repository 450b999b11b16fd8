package io.walscope.ui.connections;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.part.ViewPart;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.check.ReplicationReader;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.Columns;
import io.walscope.ui.DemoService;
import io.walscope.ui.UiConnections;
import io.walscope.ui.Widgets;
import io.walscope.ui.WalscopeUi;

/**
 * The saved connection profiles, the demo database first. Selecting one shows its server version and role (a primary
 * with its standbys and their lag, or a standby and its primary) in the status line and the State column (read in a
 * Job, never on the display thread).
 */
public final class ConnectionsView extends ViewPart {
    public static final String ID = "io.walscope.ui.connections";
    private TableViewer viewer;
    private final Runnable storeListener = this::refreshAsync;
    private final DemoService.Listener demoListener = d -> refreshAsync();
    private Job infoJob;
    /** What the last look at each profile's server found: "primary with 1 standby: ...", "standby of ..." (by name). */
    private final java.util.Map<String, String> roles = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new FillLayout());
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        Widgets.name(viewer.getTable(), "connections.table");
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column("Name", 110, p -> p.getName());
        column("Connection", 200, p -> p.isDemo() && p.getPort() == 0 ? "built-in demo database" : p.describe());
        column("Plugin", 80, p -> p.getPlugin().id());
        column("State", 420, this::stateOf);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        io.walscope.ui.RowTools.sortable(viewer, o -> false); // its context menu holds the connection commands
        io.walscope.ui.RowTools.fitHeaders(viewer.getTable());
        viewer.addSelectionChangedListener(e -> showServerVersion(selected()));
        getSite().setSelectionProvider(viewer);
        org.eclipse.jface.action.MenuManager menu = new org.eclipse.jface.action.MenuManager();
        viewer.getTable().setMenu(menu.createContextMenu(viewer.getTable()));
        getSite().registerContextMenu(ID, menu, viewer);
        viewer.addOpenListener(e -> { // double-click and Enter
            ConnectionProfile p = selected();
            if (p != null && !p.isDemo()) {
                ConnectionHandlers.openWizard(getSite().getShell(), p, false);
            }
        });
        WalscopeUi.get().profiles().addListener(storeListener);
        WalscopeUi.get().demo().addListener(demoListener);
        refresh();
    }

    private void column(String title, int width, java.util.function.Function<ConnectionProfile, String> text) {
        Columns.add(viewer, title, width, ConnectionProfile.class, text, null);
    }

    private String stateOf(ConnectionProfile p) {
        if (p.isDemo()) {
            DemoService d = WalscopeUi.get().demo();
            return d.state() == DemoService.State.STOPPED ? "stopped: right-click \u203a Start Demo Database" : d.message();
        }
        return roles.getOrDefault(p.getName(), "saved");
    }

    /** The profiles shown, demo first. */
    public List<ConnectionProfile> profiles() {
        List<ConnectionProfile> all = new ArrayList<>();
        all.add(WalscopeUi.get().demo().profile());
        try {
            all.addAll(WalscopeUi.get().profiles().list());
        } catch (WalscopeException e) {
            setContentDescription(e.getMessage());
        }
        return all;
    }

    public ConnectionProfile selected() {
        IStructuredSelection s = viewer.getStructuredSelection();
        return s.isEmpty() ? null : (ConnectionProfile) s.getFirstElement();
    }

    /** Selects the profile called {@code name}. */
    public void select(String name) {
        for (Object o : (Object[]) viewer.getInput()) {
            if (((ConnectionProfile) o).getName().equals(name)) {
                viewer.setSelection(new StructuredSelection(o), true);
            }
        }
    }

    private void refreshAsync() {
        Display d = viewer == null ? null : viewer.getControl().getDisplay();
        if (d == null || d.isDisposed()) {
            return;
        }
        d.asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                refresh();
            }
        });
    }

    /** Selects {@code name} now, or once the list shows it (a profile just saved, renamed or created). */
    public void selectWhenListed(String name) {
        pendingSelect = name;
        if (profiles().stream().anyMatch(p -> p.getName().equals(name))) {
            refresh();
        }
    }

    private String pendingSelect;

    private void refresh() {
        ConnectionProfile sel = selected();
        viewer.setInput(profiles().toArray());
        String wanted = pendingSelect;
        if (wanted != null && java.util.Arrays.stream((Object[]) viewer.getInput())
                .anyMatch(o -> ((ConnectionProfile) o).getName().equals(wanted))) {
            pendingSelect = null;
            select(wanted);
            showServerVersion(selected());
        } else if (sel != null) {
            select(sel.getName());
            showServerVersion(selected());
        } else if (viewer.getTable().getItemCount() > 0) {
            viewer.getTable().select(0);
            showServerVersion(selected());
        }
    }

    /** The profile (name and where) whose server the status line shows; a refresh of the list does not read it again. */
    private String shownFor;

    private void showServerVersion(ConnectionProfile p) {
        if (p == null) {
            shownFor = null;
            status("");
            return;
        }
        String key = p.getName() + "\u0000" + p.describe() + "\u0000" + p.getTargetSessionAttrs();
        if (!p.isDemo() && key.equals(shownFor)) {
            return; // the demo's state changed, or the list was refreshed: this server was read already
        }
        shownFor = p.isDemo() ? null : key;
        if (infoJob != null) {
            infoJob.cancel();
        }
        if (p.isDemo() && WalscopeUi.get().demo().state() != DemoService.State.RUNNING) {
            status("demo database: " + WalscopeUi.get().demo().message());
            return;
        }
        status(p.getName() + ": connecting to " + p.describe() + " ...");
        infoJob = Job.create("Reading the server version of " + p.getName(), (IProgressMonitor m) -> {
            String text;
            try {
                try (Connection c = UiConnections.open(p)) {
                    ServerInfo i = ServerInfo.read(c);
                    String role = ReplicationReader.describeRole(c, i.versionNum());
                    roles.put(p.getName(), role);
                    text = p.getName() + ": PostgreSQL " + i.version() + " (" + i.versionNum() + "), " + role
                            + ", wal_level " + i.walLevel() + ", user " + i.currentUser()
                            + (i.ssl() ? ", SSL " + i.sslVersion() : "");
                }
            } catch (WalscopeException | java.sql.SQLException e) {
                text = p.getName() + ": " + e.getMessage();
                shownFor = null; // try again at the next selection
            }
            if (!m.isCanceled()) {
                String t = text;
                Display d = viewer.getControl().getDisplay();
                if (!d.isDisposed()) {
                    d.asyncExec(() -> {
                        if (!viewer.getControl().isDisposed()) {
                            status(t);
                            viewer.update(p, null);
                        }
                    });
                }
            }
            return Status.OK_STATUS;
        });
        infoJob.setSystem(true);
        infoJob.schedule();
    }

    /** The text of the status line (tests read it). */
    public String statusText() {
        return lastStatus;
    }

    private String lastStatus = "";

    private void status(String text) {
        lastStatus = text;
        getViewSite().getActionBars().getStatusLineManager().setMessage(text);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        WalscopeUi.get().profiles().removeListener(storeListener);
        WalscopeUi.get().demo().removeListener(demoListener);
        if (infoJob != null) {
            infoJob.cancel();
        }
        super.dispose();
    }

}
