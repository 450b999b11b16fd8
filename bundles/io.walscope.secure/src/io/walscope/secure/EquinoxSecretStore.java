package io.walscope.secure;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

import io.walscope.core.Walscope;
import io.walscope.core.WalscopeException;
import io.walscope.core.profile.SecretStore;

/**
 * Secrets in Eclipse secure storage ({@link ISecurePreferences}), encrypted, in
 * {@code ~/.walscope/secure_storage}. The storage's master password is a random key generated on first
 * use into {@code ~/.walscope/secure/master.key} (mode 0600, like an SSH key), so the GUI and the headless
 * CLI open the same store without a prompt and no key is hard-coded.
 */
public final class EquinoxSecretStore implements SecretStore {
    private static final String ROOT = "io.walscope/profiles";
    private final ISecurePreferences root;

    EquinoxSecretStore(ISecurePreferences root) {
        this.root = root;
    }

    /** The store in Walscope's home directory. */
    public static EquinoxSecretStore open() throws WalscopeException {
        return open(Walscope.home());
    }

    /** The store under {@code home} (tests use a temporary one). */
    public static EquinoxSecretStore open(Path home) throws WalscopeException {
        try {
            Path keyFile = home.resolve("secure").resolve("master.key");
            Files.createDirectories(keyFile.getParent());
            Files.setPosixFilePermissions(keyFile.getParent(), PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(keyFile)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = Files.createTempFile(keyFile.getParent(), "master", ".tmp");
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
                Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            String master = Files.readString(keyFile).strip();
            Map<String, Object> options = new HashMap<>();
            options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
            options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(master.toCharArray()));
            Path storage = home.resolve("secure_storage");
            ISecurePreferences prefs = SecurePreferencesFactory.open(storage.toUri().toURL(), options);
            if (prefs == null) {
                throw new WalscopeException("Eclipse secure storage could not be opened at " + storage + ".");
            }
            return new EquinoxSecretStore(prefs.node(ROOT));
        } catch (IOException e) {
            throw new WalscopeException("Secure storage in " + home + " cannot be used: " + e.getMessage()
                    + ". Check the permissions of that directory.", e);
        }
    }

    private ISecurePreferences node(String profile) {
        return root.node(URLEncoder.encode(profile, StandardCharsets.UTF_8));
    }

    @Override
    public char[] get(String profileName, Kind kind) throws WalscopeException {
        try {
            if (!root.nodeExists(URLEncoder.encode(profileName, StandardCharsets.UTF_8))) {
                return null;
            }
            String v = node(profileName).get(kind.key(), null);
            return v == null ? null : v.toCharArray();
        } catch (StorageException e) {
            throw new WalscopeException("The saved " + kind.key() + " of profile \"" + profileName
                    + "\" cannot be decrypted (" + e.getMessage() + "): save it again.", e);
        }
    }

    @Override
    public void put(String profileName, Kind kind, char[] secret) throws WalscopeException {
        try {
            if (secret == null) {
                node(profileName).remove(kind.key());
            } else {
                node(profileName).put(kind.key(), new String(secret), true);
            }
            root.flush();
        } catch (StorageException | IOException e) {
            throw new WalscopeException("Could not save the " + kind.key() + " in secure storage: " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String profileName) throws WalscopeException {
        try {
            String n = URLEncoder.encode(profileName, StandardCharsets.UTF_8);
            if (root.nodeExists(n)) {
                root.node(n).removeNode();
                root.flush();
            }
        } catch (IOException e) {
            throw new WalscopeException("Could not update secure storage: " + e.getMessage(), e);
        }
    }
}
