package io.walscope.ui.connections;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.ISources;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;

import io.walscope.core.WalscopeException;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.DemoService;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.setup.SetupHandler;
import io.walscope.ui.wizard.ConnectionWizard;
import io.walscope.ui.wizard.WalscopeWizardDialog;

/** The commands of the Connections view: new, edit, duplicate, rename, delete. */
public final class ConnectionHandlers {
    private ConnectionHandlers() {
    }

    /** The saved profile selected in the active part, or null (the demo profile cannot be edited). */
    static ConnectionProfile selectedSaved(ExecutionEvent event) {
        IStructuredSelection s = HandlerUtil.getCurrentStructuredSelection(event);
        if (s.getFirstElement() instanceof ConnectionProfile p && !p.isDemo()) {
            return p;
        }
        return null;
    }

    /**
     * Opens the wizard for a new profile, or to edit/duplicate {@code existing}; when the user asked for it on the last
     * page, the setup wizard follows on the saved profile.
     */
    public static int openWizard(Shell shell, ConnectionProfile existing, boolean duplicate) {
        try {
            WalscopeWizardDialog d = createWizardDialog(shell, existing, duplicate);
            int r = d.open();
            if (r == Window.OK && d.wizard() instanceof ConnectionWizard w && w.result() != null) {
                selectInView(w.result().getName()); // the new (or edited) connection is the selected one
            }
            if (r == Window.OK && d.wizard() instanceof ConnectionWizard w && w.setupRequested()
                    && PlatformUI.isWorkbenchRunning() && PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null) {
                SetupHandler.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), w.result());
            }
            return r;
        } catch (WalscopeException e) {
            MessageDialog.openError(shell, "Walscope", e.getMessage());
            return Window.CANCEL;
        }
    }

    /** Selects the profile {@code name} in the Connections view (once it lists it). */
    static void selectInView(String name) {
        if (PlatformUI.isWorkbenchRunning() && PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null
                && PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage() != null
                && PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().findView(ConnectionsView.ID)
                        instanceof ConnectionsView v) {
            v.selectWhenListed(name);
        }
    }

    /** The wizard dialog, not yet open (tests open it without blocking). */
    public static WalscopeWizardDialog createWizardDialog(Shell shell, ConnectionProfile existing, boolean duplicate)
            throws WalscopeException {
        ConnectionWizard w = new ConnectionWizard(WalscopeUi.get().profiles(), WalscopeUi.get().secrets(), existing, duplicate);
        return new WalscopeWizardDialog(shell, w);
    }

    /** Starts the built-in demo database (and its traffic) when it is not running. */
    public static final class StartDemo extends AbstractHandler {
        @Override
        public void setEnabled(Object context) {
            // only while it is not running or starting: the menu item does nothing otherwise
            DemoService.State s = WalscopeUi.get().demo().state();
            setBaseEnabled(s != DemoService.State.RUNNING && s != DemoService.State.STARTING);
        }

        @Override
        public Object execute(ExecutionEvent event) {
            WalscopeUi.get().demo().start();
            return null;
        }
    }

    public static final class New extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            openWizard(HandlerUtil.getActiveShell(event), null, false);
            return null;
        }
    }

    /** A command on the selected saved profile (the demo profile has none of these). */
    abstract static class OnProfile extends AbstractHandler {
        @Override
        public void setEnabled(Object context) {
            // off for the demo database and for no selection: the menu shows what can act
            Object sel = HandlerUtil.getVariable(context, ISources.ACTIVE_CURRENT_SELECTION_NAME);
            setBaseEnabled(sel instanceof IStructuredSelection s && s.size() == 1
                    && s.getFirstElement() instanceof ConnectionProfile p && !p.isDemo());
        }

        @Override
        public final Object execute(ExecutionEvent event) {
            ConnectionProfile p = selectedSaved(event);
            if (p != null) {
                run(HandlerUtil.getActiveShell(event), p);
            }
            return null;
        }

        abstract void run(Shell shell, ConnectionProfile p);
    }

    public static final class Edit extends OnProfile {
        @Override
        void run(Shell shell, ConnectionProfile p) {
            openWizard(shell, p, false);
        }
    }

    public static final class Duplicate extends OnProfile {
        @Override
        void run(Shell shell, ConnectionProfile p) {
            openWizard(shell, p, true);
        }
    }

    public static final class Rename extends OnProfile {
        @Override
        void run(Shell shell, ConnectionProfile p) {
            IInputValidator valid = n -> n.isBlank() ? "Give the profile a name."
                    : n.trim().equals(ConnectionProfile.DEMO_NAME) ? "\"demo\" is the built-in demo database." : null;
            InputDialog d = new InputDialog(shell, "Rename connection", "New name of \"" + p.getName() + "\":", p.getName(), valid);
            if (d.open() != Window.OK || d.getValue().trim().equals(p.getName())) {
                return;
            }
            try {
                String old = p.getName();
                ConnectionProfile renamed = p.copy().setName(d.getValue().trim());
                WalscopeUi.get().profiles().save(renamed, old);
                WalscopeUi.get().secrets().rename(old, renamed.getName());
                selectInView(renamed.getName());
            } catch (WalscopeException e) {
                MessageDialog.openError(shell, "Walscope", e.getMessage());
            }
        }
    }

    public static final class Delete extends OnProfile {
        @Override
        void run(Shell shell, ConnectionProfile p) {
            if (!MessageDialog.openConfirm(shell, "Delete connection", "Delete the profile \"" + p.getName()
                    + "\" and its saved passwords? The database itself is not touched.")) {
                return;
            }
            try {
                WalscopeUi.get().profiles().delete(p.getName());
                WalscopeUi.get().secrets().remove(p.getName());
            } catch (WalscopeException e) {
                MessageDialog.openError(shell, "Walscope", e.getMessage());
            }
        }
    }
}
