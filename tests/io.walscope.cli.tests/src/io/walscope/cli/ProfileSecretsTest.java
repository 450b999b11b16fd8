package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.ProfileStore;
import io.walscope.core.profile.SecretStore;
import io.walscope.core.profile.SslMode;
import io.walscope.secure.EquinoxSecretStore;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Saved profiles with their password in Eclipse secure storage: {@code --profile NAME} connects, and the
 * secret never appears in the profile file, in any plain file of Walscope's home, or in walscope's output.
 */
class ProfileSecretsTest {
    private static Path home;
    private static String previous;

    @BeforeAll
    static void home() throws Exception {
        home = Files.createTempDirectory("walscope-cli-home-");
        previous = System.setProperty("walscope.home", home.toString());
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty("walscope.home");
        } else {
            System.setProperty("walscope.home", previous);
        }
    }

    @Test
    void savedProfileConnectsAndTheSecretStaysSecret() throws Exception {
        TestServer s = PgTestBed.server("16");
        String secret = s.cluster().password();
        ConnectionProfile p = s.profile("postgres").setName("billing db").setSslMode(SslMode.DISABLE);
        new ProfileStore(home.resolve("profiles.json")).save(p, null);
        SecretStore store = EquinoxSecretStore.open(home);
        store.put("billing db", SecretStore.Kind.PASSWORD, secret.toCharArray());

        CliRun r = CliRun.run(Map.of(), "info", "--profile", "billing db", "--json", "--verbose");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("\"server_version_num\" : 16"), r.out);
        CliRun list = CliRun.run(Map.of(), "profiles");
        assertEquals(0, list.exit, list.toString());
        assertTrue(list.out.contains("billing db"), list.out);

        // a wrong password through the environment overrides the saved one, and is not printed either
        CliRun wrong = CliRun.run(Map.of("PGPASSWORD", "not-" + secret), "info", "--profile", "billing db", "--verbose");
        assertEquals(2, wrong.exit);
        for (CliRun run : List.of(r, list, wrong)) {
            assertFalse(run.out.contains(secret) || run.err.contains(secret), "the password appears in the output: " + run);
        }
        assertFalse(wrong.err.contains("not-" + secret), wrong.err);

        String profiles = Files.readString(home.resolve("profiles.json"));
        assertFalse(profiles.contains(secret), profiles);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(secret), "the password is in plain text in " + f);
            }
        }
        assertTrue(Files.exists(home.resolve("secure_storage")), "the secret went to Eclipse secure storage");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("secure/master.key"))));
    }

    @Test
    void profileWithoutSavedPasswordSaysWhatToSet() throws Exception {
        TestServer s = PgTestBed.server("16");
        new ProfileStore(home.resolve("profiles.json")).save(s.profile("postgres").setName("nopass"), null);
        CliRun r = CliRun.run(Map.of(), "info", "--profile", "nopass");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("set PGPASSWORD or save it in profile \"nopass\""), r.err);
        CliRun unknown = CliRun.run(Map.of(), "info", "--profile", "ghost");
        assertEquals(2, unknown.exit);
        assertEquals("walscope info: No profile called \"ghost\": list them with 'walscope profiles'.", unknown.err.strip());
    }
}
