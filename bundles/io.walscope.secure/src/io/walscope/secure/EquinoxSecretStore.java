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
 * {@code ~/.walscope/secure_storage}. The storage's master password is a random key generated on first use. Where
 * a desktop keyring is reachable ({@link Keyring}: the Secret Service over D-Bus) the key lives there, one item per
 * Walscope home; elsewhere (servers, CI) in {@code ~/.walscope/secure/master.key} (mode 0600, like an SSH key). A
 * key found in that file while a keyring is reachable moves into the keyring and the file is deleted. So the GUI and
 * the headless CLI open the same store without a prompt and no key is hard-coded. {@link #masterKey()} says which.
 */
public final class EquinoxSecretStore implements SecretStore {
    private static final String ROOT = "io.walscope/profiles";
    private final ISecurePreferences root;
    private final MasterKey masterKey;

    EquinoxSecretStore(ISecurePreferences root) {
        this(root, new MasterKey(MasterKey.Where.FILE, "injected", null));
    }

    private EquinoxSecretStore(ISecurePreferences root, MasterKey masterKey) {
        this.root = root;
        this.masterKey = masterKey;
    }

    /**
     * Where the master password of the store is.
     *
     * @param where the keyring, the 0600 file, or a keyring that cannot be reached from here
     * @param description for people: {@code OS keyring (Secret Service, collection "Login")}
     * @param reason why there is no keyring (when FILE or UNREACHABLE), else null
     */
    public record MasterKey(Where where, String description, String reason) {
        /** The places. */
        public enum Where {
            /** The desktop keyring (Secret Service). */
            KEYRING,
            /** {@code ~/.walscope/secure/master.key}, mode 0600. */
            FILE,
            /** In a keyring that this session cannot reach: saved secrets cannot be read here. */
            UNREACHABLE
        }

        /** One line for {@code walscope info} and the About dialog. */
        public String line() {
            return switch (where) {
                case KEYRING -> "master key in the " + description;
                case FILE -> "master key in " + description + " (mode 0600; no OS keyring: " + reason + ")";
                case UNREACHABLE -> "master key in an OS keyring that cannot be reached here (" + reason + ")";
            };
        }
    }

    /** The store in Walscope's home directory. */
    public static EquinoxSecretStore open() throws WalscopeException {
        return open(Walscope.home());
    }

    /** The store under {@code home} (tests use a temporary one). */
    public static EquinoxSecretStore open(Path home) throws WalscopeException {
        try {
            Path keyFile = home.resolve("secure").resolve("master.key");
            Path storage = home.resolve("secure_storage");
            Files.createDirectories(keyFile.getParent());
            Files.setPosixFilePermissions(keyFile.getParent(), PosixFilePermissions.fromString("rwx------"));
            Keyring.Probe probe = Keyring.probe();
            char[] master;
            MasterKey where;
            if (probe.keyring() != null) {
                Keyring k = probe.keyring();
                where = new MasterKey(MasterKey.Where.KEYRING, "OS keyring (Secret Service, collection \""
                        + k.collection() + "\")", null);
                master = k.lookup(home);
                if (master != null && Files.exists(keyFile)
                        && !Files.readString(keyFile).strip().equals(new String(master))) {
                    // a key file beside another key in the keyring (restored from a backup?): the file's encrypted
                    // this storage; leave both alone
                    where = new MasterKey(MasterKey.Where.FILE, keyFile.toString(),
                            "the OS keyring holds another key for this home");
                    master = Files.readString(keyFile).strip().toCharArray();
                } else if (master == null) {
                    // first use here, or a key still in the file: it moves into the keyring
                    String key = Files.exists(keyFile) ? Files.readString(keyFile).strip() : newKey();
                    k.store(home, key);
                    master = k.lookup(home);
                    if (master == null || !new String(master).equals(key)) {
                        throw new WalscopeException("The OS keyring did not give back the key Walscope stored in it;"
                                + " unlock the keyring, or unset DBUS_SESSION_BUS_ADDRESS to keep the key in a file.");
                    }
                }
                if (where.where() == MasterKey.Where.KEYRING) {
                    Files.deleteIfExists(keyFile);
                }
            } else if (!Files.exists(keyFile) && Files.exists(storage)) {
                // a store whose key went into a keyring on the desktop: not readable from this session
                return new EquinoxSecretStore(null, new MasterKey(MasterKey.Where.UNREACHABLE, null, probe.reason()));
            } else {
                where = new MasterKey(MasterKey.Where.FILE, keyFile.toString(), probe.reason());
                if (!Files.exists(keyFile)) {
                    Path tmp = Files.createTempFile(keyFile.getParent(), "master", ".tmp");
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                    Files.writeString(tmp, newKey());
                    Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                master = Files.readString(keyFile).strip().toCharArray();
            }
            Map<String, Object> options = new HashMap<>();
            options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
            options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(master));
            ISecurePreferences prefs = SecurePreferencesFactory.open(storage.toUri().toURL(), options);
            if (prefs == null) {
                throw new WalscopeException("Eclipse secure storage could not be opened at " + storage + ".");
            }
            return new EquinoxSecretStore(prefs.node(ROOT), where);
        } catch (IOException e) {
            throw new WalscopeException("Secure storage in " + home + " cannot be used: " + e.getMessage()
                    + ". Check the permissions of that directory.", e);
        } catch (Keyring.KeyringException e) {
            throw new WalscopeException(e.getMessage() + " Unlock the keyring, or unset DBUS_SESSION_BUS_ADDRESS to"
                    + " keep the key in a file.", e);
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Where this store's master password is. */
    public MasterKey masterKey() {
        return masterKey;
    }

    private void reachable() throws WalscopeException {
        if (root == null) {
            throw new WalscopeException("The saved passwords are protected by a key in the OS keyring, which cannot"
                    + " be reached here (" + masterKey.reason() + "): set PGPASSWORD, or run where the keyring is"
                    + " (the desktop session).");
        }
    }

    private ISecurePreferences node(String profile) {
        return root.node(URLEncoder.encode(profile, StandardCharsets.UTF_8));
    }

    @Override
    public char[] get(String profileName, Kind kind) throws WalscopeException {
        reachable();
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
        reachable();
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
        reachable();
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
