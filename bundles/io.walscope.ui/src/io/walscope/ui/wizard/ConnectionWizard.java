package io.walscope.ui.wizard;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.Wizard;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.ConnectionTester;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.ProfileStore;
import io.walscope.core.profile.SecretStore;

/**
 * The connection wizard: Connection, Log plugin, SSL, Test &amp; finish. Creates a profile, or edits one
 * (renaming moves its secrets). Passwords go to secure storage only, and only when "Save password" is on.
 */
public final class ConnectionWizard extends Wizard {
    private final ProfileStore store;
    private final SecretStore secretStore;
    private final ConnectionProfile profile;
    private final String originalName;
    private char[] password;
    private char[] keyPassword;
    private ConnectionTester.Result lastTest;
    private boolean setupRequested;
    private ConnectionPage connectionPage;
    private PluginPage pluginPage;
    private SslPage sslPage;
    private TestPage testPage;

    /**
     * @param existing the profile to edit, or null for a new one
     * @param duplicate true to save {@code existing} as a new profile
     */
    public ConnectionWizard(ProfileStore store, SecretStore secrets, ConnectionProfile existing, boolean duplicate)
            throws WalscopeException {
        this.store = store;
        this.secretStore = secrets;
        if (existing == null) {
            profile = new ConnectionProfile().setName(freeName("new connection"));
            originalName = null;
        } else {
            profile = existing.copy();
            password = secrets.get(existing.getName(), SecretStore.Kind.PASSWORD);
            keyPassword = secrets.get(existing.getName(), SecretStore.Kind.KEY_PASSWORD);
            if (duplicate) {
                profile.setName(freeName(existing.getName() + " copy"));
                originalName = null;
            } else {
                originalName = existing.getName();
            }
        }
        setWindowTitle(existing == null || duplicate ? "New PostgreSQL connection" : "Edit connection " + existing.getName());
        // a new connection is usually the start of a setup: offer it (a check box on the last page)
        setupRequested = existing == null || duplicate;
        setNeedsProgressMonitor(true);
    }

    private String freeName(String base) throws WalscopeException {
        String n = base;
        for (int i = 2; nameTaken(n); i++) {
            n = base + " " + i;
        }
        return n;
    }

    @Override
    public void addPages() {
        connectionPage = new ConnectionPage(this);
        pluginPage = new PluginPage(this);
        sslPage = new SslPage(this);
        testPage = new TestPage(this);
        addPage(connectionPage);
        addPage(pluginPage);
        addPage(sslPage);
        addPage(testPage);
    }

    ConnectionProfile profile() {
        return profile;
    }

    Secrets secrets() {
        return new Secrets(password, keyPassword);
    }

    void setPassword(char[] p) {
        password = p;
    }

    void setKeyPassword(char[] k) {
        keyPassword = k;
    }

    boolean nameTaken(String name) {
        if (name.equals(originalName)) {
            return false;
        }
        try {
            return ConnectionProfile.DEMO_NAME.equals(name) || store.find(name).isPresent();
        } catch (WalscopeException e) {
            return false;
        }
    }

    ConnectionTester.Result lastTest() {
        return lastTest;
    }

    void testSucceeded(ConnectionTester.Result r) {
        lastTest = r;
        if (pluginPage != null) {
            pluginPage.showAvailability(r == null ? null : r.plugins());
        }
    }

    /** Any change to where or how to connect makes the last test stale. */
    void connectionChanged() {
        if (lastTest != null) {
            lastTest = null;
            if (pluginPage != null && pluginPage.getControl() != null) {
                pluginPage.showAvailability(null);
            }
        }
    }

    /** Whether the user asked for the setup wizard to follow. */
    public boolean setupRequested() {
        return setupRequested;
    }

    void requestSetup(boolean b) {
        setupRequested = b;
    }

    /** The profile as it will be saved (tests read it). */
    public ConnectionProfile result() {
        return profile.copy();
    }

    @Override
    public boolean performFinish() {
        try {
            store.save(profile, originalName);
            if (originalName != null && !originalName.equals(profile.getName())) {
                secretStore.rename(originalName, profile.getName());
            }
            if (profile.isSavePassword()) {
                secretStore.put(profile.getName(), SecretStore.Kind.PASSWORD, password);
                secretStore.put(profile.getName(), SecretStore.Kind.KEY_PASSWORD, keyPassword);
            } else {
                secretStore.remove(profile.getName());
            }
            return true;
        } catch (WalscopeException e) {
            MessageDialog.openError(getShell(), "Walscope", e.getMessage());
            return false;
        }
    }
}
