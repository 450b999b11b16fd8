package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.jna.Library;
import com.sun.jna.Native;

import io.walscope.core.WalscopeException;
import io.walscope.core.profile.SecretStore;
import io.walscope.secure.EquinoxSecretStore;
import io.walscope.secure.EquinoxSecretStore.MasterKey;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * The secure storage's master key in a real desktop keyring: a D-Bus session bus and gnome-keyring of this test's
 * own (Debian's packages), the keyring unlocked as a desktop login would. With the keyring the key lives there and no
 * {@code master.key} file exists (an old one moves in); without it the 0600 file stays; a store whose key is in a
 * keyring that cannot be reached says so in one sentence; {@code walscope info} says which is in use.
 */
class KeyringTest {
    private static final String APT = "apt-get install -y dbus gnome-keyring libsecret-1-0 libsecret-tools"
            + " (releng/test installs them when run as root)";
    private static Path dir;
    private static Process bus;
    private static Process keyring;
    private static String address;
    private static Map<String, String> sessionEnv;

    /** The C library's setenv: libsecret reads DBUS_SESSION_BUS_ADDRESS from the process environment. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);
    }

    @BeforeAll
    static void startKeyring() throws Exception {
        for (String tool : List.of("/usr/bin/dbus-daemon", "/usr/bin/gnome-keyring-daemon", "/usr/bin/secret-tool")) {
            assertTrue(Files.isExecutable(Path.of(tool)), tool + " is missing: run '" + APT + "'");
        }
        dir = Files.createTempDirectory("walscope-keyring");
        Path runtime = Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(address != null && address.startsWith("unix:"), "dbus-daemon printed " + address);
        sessionEnv = Map.of("DBUS_SESSION_BUS_ADDRESS", address, "XDG_RUNTIME_DIR", runtime.toString(),
                "XDG_DATA_HOME", dir.resolve("data").toString(), "HOME", dir.toString());
        ProcessBuilder pb = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                "--components=secrets").redirectErrorStream(true).redirectOutput(dir.resolve("keyring.log").toFile());
        pb.environment().putAll(sessionEnv);
        keyring = pb.start();
        // --unlock reads the login password from stdin, as a desktop login hands it over
        keyring.getOutputStream().write("test login password".getBytes(StandardCharsets.UTF_8));
        keyring.getOutputStream().close();
        Await.until("gnome-keyring to serve org.freedesktop.secrets on the test's bus", Duration.ofSeconds(30),
                () -> run(List.of("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                        "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"))
                        .contains("boolean true"));
        libc().setenv("DBUS_SESSION_BUS_ADDRESS", address, 1);
    }

    @AfterAll
    static void stopKeyring() {
        libc().unsetenv("DBUS_SESSION_BUS_ADDRESS");
        System.setProperty("walscope.keyring", "off");
        if (keyring != null) {
            keyring.destroy();
        }
        if (bus != null) {
            bus.destroy();
        }
    }

    private static LibC libc() {
        return Native.load("c", LibC.class);
    }

    private static String run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(sessionEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.strip();
    }

    /** The master password the keyring holds for {@code home}, read with libsecret's own command-line tool. */
    private static String keyringItem(Path home) throws Exception {
        return run(List.of("secret-tool", "lookup", "xdg:schema", "io.walscope.SecureStorage", "home",
                home.toAbsolutePath().normalize().toString()));
    }

    @Test
    void theMasterKeyLivesInTheKeyringWhenOneIsReachable() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-file-then-keyring"));
        // a store made where no keyring was reachable: the 0600 file
        System.setProperty("walscope.keyring", "off");
        EquinoxSecretStore before = EquinoxSecretStore.open(home);
        assertEquals(MasterKey.Where.FILE, before.masterKey().where());
        assertTrue(before.masterKey().line().startsWith("master key in " + home.resolve("secure/master.key")
                + " (mode 0600; no OS keyring: turned off"), before.masterKey().line());
        before.put("billing", SecretStore.Kind.PASSWORD, "s3cret".toCharArray());
        String fileKey = Files.readString(home.resolve("secure/master.key")).strip();

        // the same home with the keyring: the key moves into it, the file goes, the saved secret still reads
        System.setProperty("walscope.keyring", "on");
        EquinoxSecretStore after = EquinoxSecretStore.open(home);
        assertEquals(MasterKey.Where.KEYRING, after.masterKey().where(), after.masterKey().toString());
        assertEquals("master key in the OS keyring (Secret Service, collection \"Login\")", after.masterKey().line());
        assertFalse(Files.exists(home.resolve("secure/master.key")), "no key file beside a keyring");
        assertEquals(fileKey, keyringItem(home), "the keyring holds the key the file held");
        assertEquals("s3cret", new String(after.get("billing", SecretStore.Kind.PASSWORD)));

        // a new home with the keyring: a key is made there and never written to a file
        Path fresh = Files.createDirectories(dir.resolve("home-keyring"));
        EquinoxSecretStore k = EquinoxSecretStore.open(fresh);
        assertEquals(MasterKey.Where.KEYRING, k.masterKey().where());
        k.put("shop", SecretStore.Kind.PASSWORD, "pw2".toCharArray());
        assertFalse(Files.exists(fresh.resolve("secure/master.key")));
        String item = keyringItem(fresh);
        assertEquals(44, item.length(), "a random 32-byte key, base64");
        try (var files = Files.walk(fresh)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(item), f + " holds the key");
            }
        }

        // the same store from a session without the keyring (ssh, cron): one sentence, no new key made
        System.setProperty("walscope.keyring", "off");
        EquinoxSecretStore away = EquinoxSecretStore.open(fresh);
        assertEquals(MasterKey.Where.UNREACHABLE, away.masterKey().where());
        WalscopeException e = assertThrows(WalscopeException.class, () -> away.get("shop", SecretStore.Kind.PASSWORD));
        assertEquals("The saved passwords are protected by a key in the OS keyring, which cannot be reached here"
                + " (turned off with WALSCOPE_KEYRING=off): set PGPASSWORD, or run where the keyring is (the desktop"
                + " session).", e.getMessage());
        assertFalse(Files.exists(fresh.resolve("secure/master.key")));
        System.setProperty("walscope.keyring", "on");
        assertEquals("pw2", new String(EquinoxSecretStore.open(fresh).get("shop", SecretStore.Kind.PASSWORD)));
    }

    @Test
    void infoSaysWhereTheMasterKeyIs() throws Exception {
        TestServer s = PgTestBed.server("15");
        Path home = Files.createDirectories(dir.resolve("home-info"));
        String previous = System.setProperty("walscope.home", home.toString());
        try {
            System.setProperty("walscope.keyring", "on");
            CliRun r = CliRun.run(CliRun.env(s, "postgres"), "info");
            assertEquals(0, r.exit, r.toString());
            assertTrue(r.out.contains("\nSecrets      master key in the OS keyring (Secret Service, collection"
                    + " \"Login\")\n"), r.out);
            r = CliRun.run(CliRun.env(s, "postgres"), "info", "--json");
            assertTrue(r.out.contains("\"secrets\" : {\n    \"master_key\" : \"keyring\","), r.out);
            System.setProperty("walscope.keyring", "off");
            Path other = Files.createDirectories(dir.resolve("home-info-file"));
            System.setProperty("walscope.home", other.toString());
            r = CliRun.run(CliRun.env(s, "postgres"), "info");
            assertTrue(r.out.contains("\nSecrets      master key in " + other.resolve("secure/master.key")
                    + " (mode 0600; no OS keyring: turned off with WALSCOPE_KEYRING=off)\n"), r.out);
        } finally {
            System.setProperty("walscope.keyring", "on");
            if (previous == null) {
                System.clearProperty("walscope.home");
            } else {
                System.setProperty("walscope.home", previous);
            }
        }
    }
}
