package io.walscope.ui.prep;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.EditorArea;

/** The Preparation editor of one profile: checks on open; see {@link PrepPanel}. Nothing to save. */
public final class PrepEditor extends EditorPart {
    public static final String ID = "io.walscope.ui.prep.editor";
    private PrepPanel panel;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof PrepInput)) {
            throw new PartInitException("The Preparation editor opens connection profiles.");
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    @Override
    public void createPartControl(Composite parent) {
        ConnectionProfile p = ((PrepInput) getEditorInput()).profile();
        panel = new PrepPanel(parent, p, () -> ProfileSecrets.of(p));
        panel.recheck();
    }

    public PrepPanel panel() {
        return panel;
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void dispose() {
        IWorkbenchPage page = getSite().getPage();
        Display d = getSite().getShell().getDisplay();
        // once the last editor is gone (after this one's close completes), the views get their room back
        d.asyncExec(() -> {
            if (page.getWorkbenchWindow().getShell() != null && !page.getWorkbenchWindow().getShell().isDisposed()
                    && page.getEditorReferences().length == 0) {
                EditorArea.restore(page.getWorkbenchWindow());
                page.setEditorAreaVisible(false); // no empty editor part left taking room
            }
        });
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // nothing to save: fixes are applied to the server, scripts exported to files
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }
}
