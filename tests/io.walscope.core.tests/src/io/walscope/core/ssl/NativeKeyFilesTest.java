package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ssl.TestPki.Alg;
import io.walscope.testbed.ssl.TestPki.KeyForm;

/** The fallback: a converted key in a private directory, readable by pgjdbc, gone after close. */
class NativeKeyFilesTest {
    private Path tmp;

    @BeforeEach
    void tempDir() throws java.io.IOException {
        tmp = Files.createTempDirectory("walscope-ssl-test-");
    }

    @AfterEach
    void removeTempDir() {
        SharedPki.delete(tmp);
    }

    @Test
    void writesPrivateFilesAndRemovesThem() throws Exception {
        TestPki pki = SharedPki.get();
        ClientIdentity id = ClientIdentity.load(pki.client(Alg.EC).certFile(),
                pki.clientKey(Alg.EC, KeyForm.PEM_TRADITIONAL_ENCRYPTED), SharedPki.password());
        Path dir;
        Path key;
        Path crt;
        try (NativeKeyFiles f = NativeKeyFiles.create(tmp)) {
            dir = f.directory();
            key = f.writeKey(id);
            crt = f.writeCertificates("client.crt", id.chain());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(crt)));
            assertTrue(key.getFileName().toString().endsWith(".pk8"), "pgjdbc picks PKCS-8 DER by extension");
            LoadedKey back = SslFiles.readKey(key, null);
            assertEquals(KeyFormat.DER_PKCS8, back.info().format());
            assertArrayEquals(id.privateKey().getEncoded(), back.privateKey().getEncoded());
            assertEquals(id.chain(), SslFiles.readCertificates(crt, FileRole.CLIENT_CERTIFICATE, null));
        }
        assertFalse(Files.exists(key));
        assertFalse(Files.exists(dir));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
