package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.walscope.core.WalscopeException;

/**
 * The generated certificate set reads back with Walscope's own readers: the CA issued both leaves, the server
 * certificate names every host and address, the client certificate's CN is the user, keys are PKCS#8 and 0600 and
 * belong to their certificates; an existing set is never overwritten.
 */
class CertificateSetTest {
    @Test
    void aCaAServerAndAClient(@TempDir Path dir) throws Exception {
        CertificateSet set = CertificateSet.generate(dir.resolve("pki"), List.of("db.example.com", "127.0.0.1", "localhost"),
                "cdc_reader", Duration.ofDays(365));
        assertEquals(CertificateSet.FILE_NAMES, set.files().stream().map(p -> p.getFileName().toString()).toList());
        X509Certificate ca = SslFiles.readCertificates(set.caCert(), FileRole.CA_CERTIFICATE, null).get(0);
        X509Certificate server = SslFiles.readCertificates(set.serverCert(), FileRole.CLIENT_CERTIFICATE, null).get(0);
        X509Certificate client = SslFiles.readCertificates(set.clientCert(), FileRole.CLIENT_CERTIFICATE, null).get(0);
        server.verify(ca.getPublicKey());
        client.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, server.getBasicConstraints());
        assertEquals("db.example.com", Certificates.commonName(server));
        assertEquals("cdc_reader", Certificates.commonName(client));
        List<String> sans = Certificates.subjectAltNames(Certificates.holder(server));
        assertTrue(sans.contains("db.example.com") && sans.contains("localhost") && sans.contains("127.0.0.1"),
                sans.toString());
        assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertTrue(client.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertTrue(server.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(364))));
        for (Path key : List.of(set.serverKey(), set.clientKey(), set.files().get(1))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), key.toString());
            assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"), key + " is PKCS#8 PEM");
        }
        SslInspection in = SslInspection.inspect(set.caCert().toString(), set.clientCert().toString(),
                set.clientKey().toString(), null, Instant.now());
        assertTrue(in.ok(), in.toString());
        assertEquals(Boolean.TRUE, in.keyMatchesCertificate());

        WalscopeException again = assertThrows(WalscopeException.class, () -> CertificateSet.generate(dir.resolve("pki"),
                List.of("db.example.com"), "cdc_reader", Duration.ofDays(1)));
        assertTrue(again.getMessage().contains("exists already"), again.getMessage());
        assertThrows(WalscopeException.class, () -> CertificateSet.generate(dir.resolve("other"), List.of(), "u",
                Duration.ofDays(1)));
    }
}
