package io.walscope.secure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The desktop keyring through the freedesktop Secret Service (gnome-keyring, KeePassXC, KWallet's bridge) over
 * D-Bus, with libsecret called through JNA. Walscope keeps one item there per Walscope home: the master password of
 * its secure storage (schema {@value #SCHEMA}, attribute {@code home}).
 * <p>
 * Not Eclipse's {@code org.eclipse.equinox.security.linux} provider: that one keeps a single unattributed "Equinox
 * master password" item per user and replaces it whenever any Equinox storage is created, so Walscope's storage
 * and an Eclipse IDE's on the same desktop would overwrite each other's master password.
 * <p>
 * {@code WALSCOPE_KEYRING=off} (or {@code -Dwalscope.keyring=off}) keeps the key in the file. The keyring counts as
 * reachable when the session bus, the Secret Service and its default collection answer
 * within {@link #PROBE_SECONDS} seconds and the collection is unlocked: Walscope never triggers an unlock prompt
 * (a command over SSH would wait for it forever).
 */
final class Keyring {
    static final String SCHEMA = "io.walscope.SecureStorage";
    static final int PROBE_SECONDS = 5;
    private static final int G_BUS_TYPE_SESSION = 2;
    private static final int SECRET_SERVICE_LOAD_COLLECTIONS = 1 << 2;
    // RTLD_LAZY | RTLD_GLOBAL | RTLD_NODELETE: libsecret and GLib must stay loaded once used
    private static final Map<String, Object> LOAD = Map.of(Library.OPTION_OPEN_FLAGS, 0x1101);

    private final LibSecret secret;
    private final LibGio gio;
    private final String collection;

    private Keyring(LibSecret secret, LibGio gio, String collection) {
        this.secret = secret;
        this.gio = gio;
        this.collection = collection;
    }

    /** GLib's and GIO's few functions Walscope needs. */
    interface LibGio extends Library {
        Pointer g_bus_get_sync(int busType, Pointer cancellable, PointerByReference error);

        void g_error_free(Pointer error);

        void g_free(Pointer p);

        void g_object_unref(Pointer o);
    }

    /** libsecret's. */
    interface LibSecret extends Library {
        Pointer secret_service_get_sync(int flags, Pointer cancellable, PointerByReference error);

        Pointer secret_collection_for_alias_sync(Pointer service, String alias, int flags, Pointer cancellable,
                PointerByReference error);

        boolean secret_collection_get_locked(Pointer collection);

        Pointer secret_collection_get_label(Pointer collection);

        Pointer secret_password_lookup_sync(Schema schema, Pointer cancellable, PointerByReference error,
                Object... attributes);

        boolean secret_password_store_sync(Schema schema, String collection, String label, String password,
                Pointer cancellable, PointerByReference error, Object... attributes);

        boolean secret_password_clear_sync(Schema schema, Pointer cancellable, PointerByReference error,
                Object... attributes);

        void secret_password_free(Pointer password);
    }

    /** libsecret's {@code SecretSchemaAttribute}. */
    public static class Attribute extends Structure {
        public String name;
        public int type;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("name", "type");
        }
    }

    /** libsecret's {@code SecretSchema}: a name, flags, up to 32 attributes, reserved fields. */
    public static class Schema extends Structure {
        public String name;
        public int flags;
        public Attribute[] attributes = new Attribute[32];
        public int reserved;
        public Pointer reserved1;
        public Pointer reserved2;
        public Pointer reserved3;
        public Pointer reserved4;
        public Pointer reserved5;
        public Pointer reserved6;
        public Pointer reserved7;

        Schema() {
            for (int i = 0; i < attributes.length; i++) {
                attributes[i] = new Attribute();
            }
            name = SCHEMA;
            attributes[0].name = "home";
            attributes[0].type = 0; // SECRET_SCHEMA_ATTRIBUTE_STRING
            write();
        }

        @Override
        protected List<String> getFieldOrder() {
            return List.of("name", "flags", "attributes", "reserved", "reserved1", "reserved2", "reserved3",
                    "reserved4", "reserved5", "reserved6", "reserved7");
        }
    }

    /** libsecret's {@code GError}. */
    public static class GError extends Structure {
        public int domain;
        public int code;
        public String message;

        public GError(Pointer p) {
            super(p);
            read();
        }

        @Override
        protected List<String> getFieldOrder() {
            return List.of("domain", "code", "message");
        }
    }

    /** The outcome of a probe: the keyring, or why there is none. */
    record Probe(Keyring keyring, String reason) {
    }

    /** Finds the keyring, or says why it cannot be used here; never waits more than {@link #PROBE_SECONDS}. */
    static Probe probe() {
        String off = System.getProperty("walscope.keyring", System.getenv("WALSCOPE_KEYRING"));
        if ("off".equals(off)) {
            return new Probe(null, "turned off with WALSCOPE_KEYRING=off");
        }
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return new Probe(null, "no Secret Service on this system");
        }
        CompletableFuture<Probe> f = CompletableFuture.supplyAsync(Keyring::connect);
        try {
            return f.get(PROBE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new Probe(null, "the Secret Service did not answer in " + PROBE_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(null, "interrupted");
        } catch (ExecutionException e) {
            return new Probe(null, String.valueOf(e.getCause().getMessage()));
        }
    }

    private static Probe connect() {
        LibGio gio;
        LibSecret secret;
        try {
            gio = Native.load("gio-2.0", LibGio.class, LOAD);
            secret = Native.load("secret-1", LibSecret.class, LOAD);
        } catch (UnsatisfiedLinkError e) {
            return new Probe(null, "libsecret is not installed");
        }
        PointerByReference err = new PointerByReference();
        Pointer bus = gio.g_bus_get_sync(G_BUS_TYPE_SESSION, null, err);
        String failure = error(gio, err);
        if (failure != null) {
            return new Probe(null, "no D-Bus session bus (" + failure + ")");
        }
        gio.g_object_unref(bus);
        Pointer service = secret.secret_service_get_sync(SECRET_SERVICE_LOAD_COLLECTIONS, null, err);
        failure = error(gio, err);
        if (failure != null) {
            return new Probe(null, "no Secret Service on the session bus (" + failure + ")");
        }
        Pointer coll = secret.secret_collection_for_alias_sync(service, "default", 0, null, err);
        failure = error(gio, err);
        if (failure != null || coll == null) {
            return new Probe(null, "the Secret Service has no default collection"
                    + (failure == null ? "" : " (" + failure + ")"));
        }
        if (secret.secret_collection_get_locked(coll)) {
            return new Probe(null, "the keyring's default collection is locked");
        }
        Pointer label = secret.secret_collection_get_label(coll);
        String name = label == null ? "default" : label.getString(0);
        if (label != null) {
            gio.g_free(label);
        }
        return new Probe(new Keyring(secret, gio, name), null);
    }

    private static String error(LibGio gio, PointerByReference err) {
        Pointer p = err.getValue();
        if (p == null) {
            return null;
        }
        String m = new GError(p).message;
        gio.g_error_free(p);
        err.setValue(null);
        return m;
    }

    /** The label of the collection the key lives in ({@code Login} for gnome-keyring). */
    String collection() {
        return collection;
    }

    /** The master password kept for {@code home}, or null. */
    synchronized char[] lookup(Path home) throws KeyringException {
        PointerByReference err = new PointerByReference();
        Pointer pw = secret.secret_password_lookup_sync(new Schema(), null, err, "home", key(home), null);
        String failure = error(gio, err);
        if (failure != null) {
            throw new KeyringException("The keyring did not give Walscope's master password: " + failure + ".");
        }
        if (pw == null) {
            return null;
        }
        char[] out = pw.getString(0).toCharArray();
        secret.secret_password_free(pw);
        return out;
    }

    /** Keeps {@code password} for {@code home} in the default collection. */
    synchronized void store(Path home, String password) throws KeyringException {
        PointerByReference err = new PointerByReference();
        boolean ok = secret.secret_password_store_sync(new Schema(), "default", "Walscope secure storage ("
                + key(home) + ")", password, null, err, "home", key(home), null);
        String failure = error(gio, err);
        if (!ok || failure != null) {
            throw new KeyringException("The keyring did not keep Walscope's master password"
                    + (failure == null ? "." : ": " + failure + "."));
        }
    }

    /** Removes the item of {@code home} (tests). */
    synchronized void clear(Path home) throws KeyringException {
        PointerByReference err = new PointerByReference();
        secret.secret_password_clear_sync(new Schema(), null, err, "home", key(home), null);
        String failure = error(gio, err);
        if (failure != null) {
            throw new KeyringException("The keyring did not remove the item: " + failure + ".");
        }
    }

    private static String key(Path home) {
        return home.toAbsolutePath().normalize().toString();
    }

    /** A keyring call that failed; its message is one sentence. */
    static final class KeyringException extends Exception {
        private static final long serialVersionUID = 1L;

        KeyringException(String message) {
            super(message);
        }
    }
}
