package io.walscope.ui.setup;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.UiConnections;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.connections.ConnectionsView;
import io.walscope.ui.live.LiveView;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/** "Set up CDC…" (File menu, the Connections view's menu and toolbar, after the connection wizard). */
public final class SetupHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        if (window == null) {
            return null;
        }
        ConnectionProfile p = null;
        IStructuredSelection s = HandlerUtil.getCurrentStructuredSelection(event);
        if (s.getFirstElement() instanceof ConnectionProfile sel) {
            p = sel;
        } else if (window.getActivePage() != null
                && window.getActivePage().findView(ConnectionsView.ID) instanceof ConnectionsView v) {
            p = v.selected();
        }
        if (p == null) {
            MessageDialog.openInformation(window.getShell(), Messages.TITLE,
                    "Select a connection in the Connections view first (or create one with File > New Connection).");
            return null;
        }
        open(window, p);
        return null;
    }

    /** Opens the wizard on {@code p} and blocks until it closes. */
    public static void open(IWorkbenchWindow window, ConnectionProfile p) {
        try {
            createDialog(window, p).open();
        } catch (WalscopeException e) {
            MessageDialog.openError(window.getShell(), Messages.TITLE, e.getMessage());
        }
    }

    /** The wizard's dialog, created and sized but not open (tests open it without blocking). */
    public static WalscopeWizardDialog createDialog(IWorkbenchWindow window, ConnectionProfile p) throws WalscopeException {
        SetupWizard w = new SetupWizard(p, WalscopeUi.get().profiles(), WalscopeUi.get().secrets(),
                UiConnections::secretsForConnecting);
        w.onWatch(watch -> watch(window, watch));
        WalscopeWizardDialog d = new WalscopeWizardDialog(window.getShell(), w);
        d.addPageChangingListener(w);
        d.create();
        Rectangle screen = window.getShell().getMonitor().getClientArea();
        Point size = new Point(Math.min(1180, screen.width - 40), Math.min(900, screen.height - 40));
        d.getShell().setBounds(screen.x + (screen.width - size.x) / 2, screen.y + (screen.height - size.y) / 2, size.x, size.y);
        return d;
    }

    /** Watch Changes: the live view on the CDC user's profile, with a temporary slot. */
    static void watch(IWorkbenchWindow window, SetupWizard.Watch w) {
        try {
            LiveView v = (LiveView) window.getActivePage().showView(LiveView.ID);
            v.setProfile(w.profile());
            StreamOptions o = new StreamOptions().plugin(w.plugin());
            if (w.publications() != null) {
                // what the wizard's apply created: the ordinary tables' publication and, when there are
                // partitioned tables, the roots'
                o.publicationsThatExist(w.publications());
            }
            v.start(o);
        } catch (PartInitException e) {
            MessageDialog.openError(window.getShell(), Messages.TITLE, "Could not open the live view: " + e.getMessage());
        }
    }
}
