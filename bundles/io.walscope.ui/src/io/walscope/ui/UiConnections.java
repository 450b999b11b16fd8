package io.walscope.ui;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.PgPass;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SecretStore;

/**
 * How views connect (always from a Job, never on the display thread): the demo's secrets, or the saved
 * ones from secure storage; when the server asks for a password that is not saved, the user is prompted on
 * the display thread and the answer is kept for this session only (in memory).
 */
public final class UiConnections {
    private static final Map<String, char[]> SESSION = new ConcurrentHashMap<>();

    private UiConnections() {
    }

    /** The secrets Walscope knows for {@code p}: demo, saved, or typed earlier in this session. */
    public static Secrets secretsFor(ConnectionProfile p) throws WalscopeException {
        if (p.isDemo()) {
            return WalscopeUi.get().demo().secrets();
        }
        SecretStore store = WalscopeUi.get().secrets();
        char[] pw = store.get(p.getName(), SecretStore.Kind.PASSWORD);
        if (pw == null) {
            pw = SESSION.get(p.getName());
        }
        if (pw == null) {
            // libpq's password file (~/.pgpass or PGPASSFILE), checked as libpq does; an unsafe one is ignored
            pw = PgPass.lookup(p, null, System.getenv(), w -> Platform.getLog(UiConnections.class).warn(w));
        }
        return new Secrets(pw, store.get(p.getName(), SecretStore.Kind.KEY_PASSWORD));
    }

    /** Opens a connection for {@code p}; prompts for a missing password once. Call from a Job. */
    public static Connection open(ConnectionProfile p) throws WalscopeException {
        if (Display.getCurrent() != null) {
            throw new IllegalStateException("database work on the display thread");
        }
        Secrets s = secretsFor(p);
        try {
            return new PgConnector().connect(p, s);
        } catch (WalscopeException e) {
            if (s.hasPassword() || !PgErrors.isPasswordProblem(e)) {
                throw e;
            }
            char[] typed = prompt(p, e.getMessage());
            if (typed == null) {
                throw e;
            }
            Connection c = new PgConnector().connect(p, s.withPassword(typed));
            SESSION.put(p.getName(), typed);
            return c;
        }
    }

    /**
     * The secrets to connect with {@code p}: as {@link #secretsFor}, after one connection attempt that asks for a
     * password the server wants and Walscope does not have (kept for this session). Call from a Job.
     */
    public static Secrets secretsForConnecting(ConnectionProfile p) throws WalscopeException {
        try (Connection c = open(p)) {
            return secretsFor(p);
        } catch (java.sql.SQLException e) {
            return secretsFor(p);
        }
    }

    private static char[] prompt(ConnectionProfile p, String why) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return null;
        }
        Display d = PlatformUI.getWorkbench().getDisplay();
        char[][] out = new char[1][];
        d.syncExec(() -> {
            InputDialog dlg = new InputDialog(d.getActiveShell(), "Password for " + p.getName(),
                    why + "\n\nPassword of " + p.describe() + " (kept for this session only; save it in the profile to keep it):",
                    "", null) {
                @Override
                protected int getInputTextStyle() {
                    return SWT.SINGLE | SWT.BORDER | SWT.PASSWORD;
                }

                @Override
                protected void createButtonsForButtonBar(org.eclipse.swt.widgets.Composite parent) {
                    super.createButtonsForButtonBar(parent);
                    getButton(IDialogConstants.OK_ID).setText("Connect");
                }

                @Override
                protected org.eclipse.swt.widgets.Control createDialogArea(org.eclipse.swt.widgets.Composite parent) {
                    org.eclipse.swt.widgets.Control area = super.createDialogArea(parent);
                    Widgets.name(getText(), "password.prompt");
                    return area;
                }
            };
            if (dlg.open() == Window.OK) {
                out[0] = dlg.getValue().toCharArray();
            }
        });
        return out[0];
    }
}
