package io.walscope.ui.prep;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import io.walscope.core.profile.ConnectionProfile;

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
