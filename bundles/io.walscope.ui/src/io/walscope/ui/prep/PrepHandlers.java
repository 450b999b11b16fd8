package io.walscope.ui.prep;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.EditorArea;

/** Commands of the Connections view: open the Preparation editor, show the Slots view. */
public final class PrepHandlers {
    private PrepHandlers() {
    }

    /** The editor area's share of its column while a Preparation editor is open. */
    static final double EDITOR_SHARE = 0.7;

    /** Opens (or activates) the Preparation editor of {@code p}, large: not the strip the layout keeps for editors. */
    public static PrepEditor open(IWorkbenchPage page, ConnectionProfile p) throws PartInitException {
        page.setEditorAreaVisible(true); // hidden while no editor is open
        PrepEditor e = (PrepEditor) page.openEditor(new PrepInput(p), PrepEditor.ID);
        EditorArea.enlarge(page.getWorkbenchWindow(), EDITOR_SHARE);
        return e;
    }

    public static final class OpenPreparation extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            IStructuredSelection s = HandlerUtil.getCurrentStructuredSelection(event);
            if (s.getFirstElement() instanceof ConnectionProfile p) {
                try {
                    open(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), p);
                } catch (PartInitException e) {
                    throw new ExecutionException(e.getMessage(), e);
                }
            }
            return null;
        }
    }

    public static final class ShowSlots extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            try {
                HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage().showView(SlotsView.ID);
            } catch (PartInitException e) {
                throw new ExecutionException(e.getMessage(), e);
            }
            return null;
        }
    }
}
