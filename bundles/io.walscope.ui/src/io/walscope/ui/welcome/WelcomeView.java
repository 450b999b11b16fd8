package io.walscope.ui.welcome;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.NotEnabledException;
import org.eclipse.core.commands.NotHandledException;
import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;
import org.eclipse.ui.part.ViewPart;

import io.walscope.core.WalscopeException;
import io.walscope.ui.DemoService;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.Widgets;

/**
 * Walscope's Welcome page: what Walscope does and the three ways to begin (start the demo, add a connection, set up
 * CDC), each a button that runs the command of that name and is enabled exactly when the command is; then the keys
 * and where help is. A plain view (not the platform's intro framework, which this product does not ship).
 */
public final class WelcomeView extends ViewPart {
    public static final String ID = "io.walscope.ui.welcome";
    static final String DEMO_COMMAND = "io.walscope.ui.demo.start";
    static final String NEW_COMMAND = "io.walscope.ui.connection.new";
    static final String SETUP_COMMAND = "io.walscope.ui.setup.open";

    private final DemoService.Listener demoListener = d -> updateAsync();
    private final ISelectionListener selectionListener = (part, sel) -> updateButtons();
    private Composite root;
    private Button demo;
    private Label demoWhat;
    private Button create;
    private Button setup;

    @Override
    public void createPartControl(Composite parent) {
        root = parent;
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 24;
        layout.marginHeight = 20;
        layout.verticalSpacing = 10;
        layout.horizontalSpacing = 16;
        parent.setLayout(layout);
        Label title = Widgets.name(new Label(parent, SWT.NONE), "welcome.title");
        title.setText(Messages.TITLE);
        title.setFont(JFaceResources.getHeaderFont());
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        wrapped(parent, "welcome.what", Messages.WHAT).setLayoutData(wrapData(2, 0));
        demo = action(parent, "welcome.demo", Messages.DEMO, Messages.DEMO_WHAT, DEMO_COMMAND);
        create = action(parent, "welcome.new", Messages.NEW, Messages.NEW_WHAT, NEW_COMMAND);
        setup = action(parent, "welcome.setup", Messages.SETUP, Messages.SETUP_WHAT, SETUP_COMMAND);
        IBindingService keys = getSite().getService(IBindingService.class);
        String newKey = keys == null ? null : keys.getBestActiveBindingFormattedFor("org.eclipse.ui.newWizard");
        wrapped(parent, "welcome.help", String.format(Messages.HELP, newKey == null ? "Ctrl+N" : newKey))
                .setLayoutData(wrapData(2, 16));
        WalscopeUi.get().demo().addListener(demoListener);
        // the commands' enablement follows the selection and the demo's state: look again when the page shows
        getSite().getPage().addPostSelectionListener(selectionListener);
        updateButtons();
    }

    private Button action(Composite parent, String id, String label, String what, String command) {
        Button b = Widgets.name(new Button(parent, SWT.PUSH), id);
        b.setText(label);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        b.addListener(SWT.Selection, e -> run(command));
        Label l = wrapped(parent, id + ".what", what);
        l.setLayoutData(wrapData(1, 0));
        if (command.equals(DEMO_COMMAND)) {
            demoWhat = l;
        }
        return b;
    }

    private static Label wrapped(Composite parent, String id, String text) {
        Label l = Widgets.name(new Label(parent, SWT.WRAP), id);
        l.setText(text);
        return l;
    }

    private static GridData wrapData(int span, int indent) {
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1);
        d.widthHint = 300; // wraps to the view's width instead of widening it
        d.verticalIndent = indent;
        return d;
    }

    /** Runs {@code command} as its menu item does. */
    void run(String command) {
        try {
            getSite().getService(IHandlerService.class).executeCommand(command, null);
        } catch (NotEnabledException | NotHandledException e) {
            // enabled a moment ago (the demo started meanwhile): the button follows now
        } catch (ExecutionException | NotDefinedException e) {
            MessageDialog.openError(getSite().getShell(), Messages.TITLE, e.getMessage());
        }
        updateButtons();
    }

    private void updateAsync() {
        Display d = root == null || root.isDisposed() ? null : root.getDisplay();
        if (d != null && !d.isDisposed()) {
            d.asyncExec(this::updateButtons);
        }
    }

    /** Each button is enabled exactly when its command is (as the handler service evaluates it now). */
    void updateButtons() {
        if (root == null || root.isDisposed()) {
            return;
        }
        demo.setEnabled(enabled(DEMO_COMMAND));
        DemoService.State s = WalscopeUi.get().demo().state();
        String what = s == DemoService.State.RUNNING ? Messages.DEMO_RUNNING
                : s == DemoService.State.STARTING ? Messages.DEMO_STARTING : Messages.DEMO_WHAT;
        if (!what.equals(demoWhat.getText())) {
            demoWhat.setText(what);
            root.layout(true, true);
        }
        create.setEnabled(enabled(NEW_COMMAND));
        setup.setEnabled(enabled(SETUP_COMMAND));
    }

    private boolean enabled(String id) {
        Command c = getSite().getService(ICommandService.class).getCommand(id);
        IHandlerService handlers = getSite().getService(IHandlerService.class);
        c.setEnabled(handlers.getCurrentState());
        return c.isDefined() && c.isEnabled();
    }

    /**
     * Whether the window opens with the Welcome page: on a start with no saved connection yet (a fresh Walscope home),
     * unless the demo was asked for ({@code --demo}: the user knows where to begin).
     */
    public static boolean wantedAtStart(boolean demoRequested) {
        if (demoRequested) {
            return false;
        }
        try {
            return WalscopeUi.get().profiles().list().isEmpty();
        } catch (WalscopeException e) {
            return false; // an unreadable profile file: the Connections view says what to do
        }
    }

    /** Opens the Welcome page on {@code page} (first start, Help › Welcome). */
    public static WelcomeView show(IWorkbenchPage page) throws PartInitException {
        return (WelcomeView) page.showView(ID);
    }

    @Override
    public void setFocus() {
        updateButtons();
        (demo.isEnabled() ? demo : create).setFocus();
    }

    @Override
    public void dispose() {
        WalscopeUi.get().demo().removeListener(demoListener);
        getSite().getPage().removePostSelectionListener(selectionListener);
        super.dispose();
    }

    /** Help › Welcome: shows the Welcome page. */
    public static final class Show extends org.eclipse.core.commands.AbstractHandler {
        @Override
        public Object execute(org.eclipse.core.commands.ExecutionEvent event) throws ExecutionException {
            org.eclipse.ui.IWorkbenchWindow w = org.eclipse.ui.handlers.HandlerUtil.getActiveWorkbenchWindowChecked(event);
            try {
                show(w.getActivePage());
            } catch (PartInitException e) {
                throw new ExecutionException(e.getMessage(), e);
            }
            return null;
        }
    }
}
