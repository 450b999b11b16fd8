package io.walscope.core.ssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.walscope.testbed.ssl.TestPki;

/** One test PKI for all core SSL tests (RSA key generation takes a second), removed when the JVM exits. */
final class SharedPki {
    static final String USER = "alice";
    private static TestPki pki;

    private SharedPki() {
    }

    static synchronized TestPki get() {
        if (pki == null) {
            try {
                Path dir = Files.createTempDirectory("walscope-pki-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                pki = TestPki.create(dir, USER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pki;
    }

    static char[] password() {
        return TestPki.PASSWORD.toCharArray();
    }

    /** Plain java.io and no lambdas: also runs in a shutdown hook, after the OSGi framework closed this bundle. */
    static void delete(Path dir) {
        deleteTree(dir.toFile());
    }

    private static void deleteTree(java.io.File f) {
        java.io.File[] children = f.listFiles();
        if (children != null) {
            for (java.io.File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }
}
