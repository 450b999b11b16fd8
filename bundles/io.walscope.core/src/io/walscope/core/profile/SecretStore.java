package io.walscope.core.profile;

import io.walscope.core.WalscopeException;

/**
 * Where passwords and key passwords live. The only implementation used by the product is
 * {@link EquinoxSecretStore} (Eclipse secure storage); tests may inject another.
 */
public interface SecretStore {
    /** Kinds of secret kept per profile. */
    enum Kind {
        PASSWORD("password"), KEY_PASSWORD("keyPassword");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** The secret, or null when none is saved. */
    char[] get(String profileName, Kind kind) throws WalscopeException;

    /** Saves (or, with null, removes) a secret. */
    void put(String profileName, Kind kind, char[] secret) throws WalscopeException;

    /** Forgets every secret of a profile (on delete). */
    void remove(String profileName) throws WalscopeException;

    /** Moves secrets to a new profile name (on rename). */
    default void rename(String from, String to) throws WalscopeException {
        for (Kind k : Kind.values()) {
            char[] s = get(from, k);
            if (s != null) {
                put(to, k, s);
            }
        }
        remove(from);
    }
}
