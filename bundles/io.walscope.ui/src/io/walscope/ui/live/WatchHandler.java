package io.walscope.ui.live;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import io.walscope.core.profile.ConnectionProfile;

/** "Watch Changes…" on a connection: opens the live view for it and asks how to watch. */
public final class WatchHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IStructuredSelection s = HandlerUtil.getCurrentStructuredSelection(event);
        if (!(s.getFirstElement() instanceof ConnectionProfile p)) {
            return null;
        }
        try {
            LiveView v = (LiveView) HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage().showView(LiveView.ID);
            v.setProfile(p);
            v.startWithDialog();
        } catch (PartInitException e) {
            throw new ExecutionException("Could not open the live view", e);
        }
        return null;
    }
}
