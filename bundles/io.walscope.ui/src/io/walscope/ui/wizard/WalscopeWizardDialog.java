package io.walscope.ui.wizard;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

import io.walscope.ui.Widgets;

/** A wizard dialog whose buttons carry test ids ({@code wizard.next}, {@code wizard.back}, {@code wizard.finish}, {@code wizard.cancel}). */
public final class WalscopeWizardDialog extends WizardDialog {
    public WalscopeWizardDialog(Shell parent, IWizard wizard) {
        super(parent, wizard);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        Widgets.name(getButton(IDialogConstants.NEXT_ID), "wizard.next");
        Widgets.name(getButton(IDialogConstants.BACK_ID), "wizard.back");
        Widgets.name(getButton(IDialogConstants.FINISH_ID), "wizard.finish");
        Widgets.name(getButton(IDialogConstants.CANCEL_ID), "wizard.cancel");
    }

    /** Finishes as the Finish button would (a page's own button, e.g. Watch Changes, may end the wizard). */
    public void finish() {
        finishPressed();
    }

    /** The wizard this dialog shows. */
    public IWizard wizard() {
        return getWizard();
    }
}
