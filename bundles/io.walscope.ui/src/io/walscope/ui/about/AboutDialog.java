package io.walscope.ui.about;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;

import io.walscope.core.Walscope;
import io.walscope.core.WalscopeException;
import io.walscope.core.pg.PgConnector;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.Widgets;

/**
 * Help > About Walscope: the versions, Walscope's home, and where the secure storage's master key is (the OS
 * keyring, or the 0600 file when none is reachable) — the same line {@code walscope info} prints.
 */
public final class AboutDialog extends Dialog {
    public AboutDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(12, 6).applyTo(area);
        Label name = new Label(area, SWT.NONE);
        name.setText("Walscope " + Walscope.VERSION);
        name.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().span(2, 1).applyTo(name);
        Label what = new Label(area, SWT.WRAP);
        what.setText(Messages.tagline);
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).applyTo(what);
        row(area, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")", "about.java");
        row(area, "Eclipse", bundleVersion("org.eclipse.ui") + " (org.eclipse.ui), SWT " + bundleVersion("org.eclipse.swt"),
                "about.eclipse");
        row(area, "pgjdbc", PgConnector.driverVersion(), "about.pgjdbc");
        row(area, "Home", Walscope.home().toString(), "about.home");
        Label secrets = row(area, "Secrets", Messages.checking, "about.secrets");
        Job.create(Messages.checking, (IProgressMonitor m) -> {
            String text;
            try {
                text = WalscopeUi.get().masterKey().line();
            } catch (WalscopeException e) {
                text = e.getMessage();
            }
            String t = text;
            if (!secrets.isDisposed()) {
                secrets.getDisplay().asyncExec(() -> {
                    if (!secrets.isDisposed()) {
                        secrets.setText(t);
                        secrets.getParent().layout(true);
                        getShell().pack();
                    }
                });
            }
            return Status.OK_STATUS;
        }).schedule();
        return area;
    }

    private static Label row(Composite area, String key, String value, String id) {
        Label k = new Label(area, SWT.NONE);
        k.setText(key);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(k);
        Label v = Widgets.name(new Label(area, SWT.WRAP), id);
        v.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).hint(440, SWT.DEFAULT).applyTo(v);
        return v;
    }

    private static String bundleVersion(String bsn) {
        Bundle b = Platform.getBundle(bsn);
        return b == null ? "?" : b.getVersion().toString();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
