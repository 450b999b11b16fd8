package io.walscope.app;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** Window › Reset Layout…: asks in the menu's words ("layout", not the platform's "perspective"), then resets. */
public final class ResetLayoutHandler extends AbstractHandler {
    static final String TITLE = "Reset Layout";

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        if (page != null && MessageDialog.openConfirm(window.getShell(), TITLE,
                "Put every view back where it was when Walscope first opened? Open views and editors stay open.")) {
            page.resetPerspective();
        }
        return null;
    }
}
