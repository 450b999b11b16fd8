package io.walscope.ui;

import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

import io.walscope.core.WalscopeException;
import io.walscope.secure.EquinoxSecretStore;
import io.walscope.core.profile.ProfileStore;
import io.walscope.core.profile.SecretStore;

/** The UI bundle's activator: holds the stores the views share. */
public final class WalscopeUi extends AbstractUIPlugin {
    public static final String ID = "io.walscope.ui";
    private static WalscopeUi instance;
    private ProfileStore profiles;
    private EquinoxSecretStore secrets;
    private final DemoService demo = new DemoService();

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
        getPreferenceStore().setDefault(io.walscope.ui.live.LivePreferences.BUFFER_SIZE,
                io.walscope.ui.live.LivePreferences.DEFAULT_BUFFER_SIZE);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        demo.shutdown();
        instance = null;
        super.stop(context);
    }

    /** The running activator; views get it once and keep what they need. */
    public static WalscopeUi get() {
        return instance;
    }

    /** The profile store of Walscope's home (resolved on first use, so tests can move the home first). */
    public synchronized ProfileStore profiles() {
        if (profiles == null) {
            profiles = ProfileStore.standard();
        }
        return profiles;
    }

    public synchronized SecretStore secrets() throws WalscopeException {
        if (secrets == null) {
            secrets = EquinoxSecretStore.open();
        }
        return secrets;
    }

    /** Where the secure storage's master key is (the OS keyring or the 0600 file), for the About dialog. */
    public EquinoxSecretStore.MasterKey masterKey() throws WalscopeException {
        secrets();
        return secrets.masterKey();
    }

    public DemoService demo() {
        return demo;
    }
}
