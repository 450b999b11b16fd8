package io.walscope.ui.prep;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SecretStore;
import io.walscope.ui.WalscopeUi;

/** The secrets of a profile: the demo's own, or those in secure storage. Called from Jobs only. */
final class ProfileSecrets {
    private ProfileSecrets() {
    }

    static Secrets of(ConnectionProfile p) throws WalscopeException {
        if (p.isDemo()) {
            return WalscopeUi.get().demo().secrets();
        }
        SecretStore s = WalscopeUi.get().secrets();
        return new Secrets(s.get(p.getName(), SecretStore.Kind.PASSWORD), s.get(p.getName(), SecretStore.Kind.KEY_PASSWORD));
    }
}
