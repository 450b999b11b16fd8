package io.walscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

import io.walscope.core.Walscope;
import io.walscope.core.WalscopeException;
import io.walscope.core.profile.SecretStore;

/**
 * The commands' fast start: {@link Main} on a plain Java class path (the product's jars, no OSGi framework), which
 * the start script uses for the short commands ({@code version}, {@code check}, {@code apply}, ...). Everything a
 * command does is the same code; only Eclipse secure storage needs the OSGi framework. So a command that would read
 * or write a saved secret (a profile with a saved password, the demo database, {@code profiles}, {@code info}'s
 * master key) stops before it has done or printed anything and exits with {@link #NEEDS_PLATFORM}; the start script
 * then runs the same command line in the OSGi runtime. Whether a profile has a saved secret is read from the
 * secure storage file's entry names (which are not encrypted) without decrypting anything.
 */
public final class PlainStart {
    /** The exit code that tells the start script to run the command line in the OSGi runtime instead. */
    public static final int NEEDS_PLATFORM = 121;
    private static volatile boolean plain;

    private PlainStart() {
    }

    /** Thrown where a command needs the OSGi runtime (secure storage); nothing has been done or printed yet. */
    static final class NeedsPlatform extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsPlatform(String what) {
            super(what, null, false, false);
        }
    }

    /** True when the commands run on the plain class path (no OSGi framework). */
    static boolean plain() {
        return plain;
    }

    public static void main(String[] args) {
        plain = true;
        int code;
        try {
            code = Main.runOnStdio(Arrays.asList(args));
        } catch (NeedsPlatform e) {
            // nothing was flushed to stdout (it is buffered until the command ends) nor printed to stderr: the
            // script starts the OSGi runtime with the same command line
            Runtime.getRuntime().halt(NEEDS_PLATFORM);
            return;
        }
        System.exit(code);
    }

    /**
     * The secrets as the plain start sees them: which profile has a saved secret, from the names of the secure
     * storage's entries. Reading or writing a secret needs the OSGi runtime.
     */
    static SecretStore savedSecrets() throws WalscopeException {
        Path file = Walscope.home().resolve("secure_storage");
        Properties entries = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                entries.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new NeedsPlatform("secure storage unreadable here: " + e.getMessage());
            }
        }
        return new SecretStore() {
            @Override
            public char[] get(String profileName, Kind kind) {
                // EquinoxSecretStore's layout: /io.walscope/profiles/<profile, URL-encoded>/<kind>
                String key = "/io.walscope/profiles/" + URLEncoder.encode(profileName, StandardCharsets.UTF_8) + "/"
                        + kind.key();
                if (entries.containsKey(key)) {
                    throw new NeedsPlatform("profile " + profileName + " has a saved " + kind.key());
                }
                return null;
            }

            @Override
            public void put(String profileName, Kind kind, char[] secret) {
                throw new NeedsPlatform("saving a secret");
            }

            @Override
            public void remove(String profileName) {
                throw new NeedsPlatform("removing secrets");
            }
        };
    }
}
