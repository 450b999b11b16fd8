package io.walscope.testbed;

import java.util.HashMap;
import java.util.Map;

import io.walscope.core.profile.SecretStore;

/** A secret store in memory, for tests that must not touch the user's secure storage. */
public final class MemorySecretStore implements SecretStore {
    private final Map<String, char[]> map = new HashMap<>();

    @Override
    public synchronized char[] get(String profileName, Kind kind) {
        char[] v = map.get(profileName + "/" + kind.key());
        return v == null ? null : v.clone();
    }

    @Override
    public synchronized void put(String profileName, Kind kind, char[] secret) {
        if (secret == null) {
            map.remove(profileName + "/" + kind.key());
        } else {
            map.put(profileName + "/" + kind.key(), secret.clone());
        }
    }

    @Override
    public synchronized void remove(String profileName) {
        map.keySet().removeIf(k -> k.startsWith(profileName + "/"));
    }
}
