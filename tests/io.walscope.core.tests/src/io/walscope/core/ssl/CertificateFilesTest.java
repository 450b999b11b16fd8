package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.walscope.testbed.ssl.TestPki;

/** Certificates as PEM, DER, PEM chains, PKCS#7, OpenSSL's TRUSTED CERTIFICATE and PKCS#12, and what is shown of them. */
class CertificateFilesTest {
    private Path tmp;

    @BeforeEach
    void tempDir() throws java.io.IOException {
        tmp = Files.createTempDirectory("walscope-ssl-test-");
    }

    @AfterEach
    void removeTempDir() {
        SharedPki.delete(tmp);
    }

    private final TestPki pki = SharedPki.get();

    @Test
    void pemCertificate() throws Exception {
        List<X509Certificate> certs = SslFiles.readCertificates(pki.ca().certFile(), FileRole.CA_CERTIFICATE, null);
        assertEquals(List.of(pki.ca().certificate()), certs);
    }

    @Test
    void derCertificate() throws Exception {
        Path der = tmp.resolve("ca.der");
        Files.write(der, pki.ca().certificate().getEncoded());
        assertEquals(List.of(pki.ca().certificate()), SslFiles.readCertificates(der, FileRole.CA_CERTIFICATE, null));
    }

    @Test
    void pemChainInFileOrder() throws Exception {
        Path chain = tmp.resolve("chain.pem");
        TestPki.writeCertificates(chain, pki.server().certificate(), pki.ca().certificate(), pki.otherCa().certificate());
        assertEquals(List.of(pki.server().certificate(), pki.ca().certificate(), pki.otherCa().certificate()),
                SslFiles.readCertificates(chain, FileRole.CA_CERTIFICATE, null));
    }

    @Test
    void pemWithTextAroundIt() throws Exception {
        Path f = tmp.resolve("annotated.pem");
        Files.writeString(f, "Bag Attributes\n    friendlyName: ca\nsubject=CN = Walscope Test CA\n"
                + Files.readString(pki.ca().certFile()) + "\ntrailing notes\n");
        assertEquals(List.of(pki.ca().certificate()), SslFiles.readCertificates(f, FileRole.CA_CERTIFICATE, null));
    }

    @Test
    void pkcs7Bundle() throws Exception {
        byte[] p7 = CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(pki.client(TestPki.Alg.RSA).certificate(), pki.ca().certificate()))
                .getEncoded("PKCS7");
        Path der = tmp.resolve("chain.p7b");
        Files.write(der, p7);
        assertEquals(2, SslFiles.readCertificates(der, FileRole.CLIENT_CERTIFICATE, null).size());
        Path pem = tmp.resolve("chain.p7b.pem");
        Files.writeString(pem, "-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(p7)
                + "\n-----END PKCS7-----\n");
        assertEquals(2, SslFiles.readCertificates(pem, FileRole.CLIENT_CERTIFICATE, null).size());
    }

    @Test
    void certificatesOfAPkcs12Bundle() throws Exception {
        Path p12 = pki.clientKey(TestPki.Alg.EC, TestPki.KeyForm.PKCS12);
        List<X509Certificate> certs = SslFiles.readCertificates(p12, FileRole.CLIENT_CERTIFICATE, SharedPki.password());
        assertTrue(certs.contains(pki.client(TestPki.Alg.EC).certificate()));
        assertTrue(certs.contains(pki.ca().certificate()));
    }

    @Test
    void certificatesOfAPemBundleWithAKey() throws Exception {
        Path bundle = pki.clientKey(TestPki.Alg.RSA, TestPki.KeyForm.PEM_BUNDLE);
        assertEquals(List.of(pki.client(TestPki.Alg.RSA).certificate()),
                SslFiles.readCertificates(bundle, FileRole.CLIENT_CERTIFICATE, null));
    }

    @Test
    void describesTheCa() {
        CertificateInfo i = CertificateInfo.of(pki.ca().certificate(), Instant.now());
        assertEquals("CN=Walscope Test CA, O=Walscope Tests", i.subject());
        assertEquals(i.subject(), i.issuer());
        assertTrue(i.selfSigned());
        assertTrue(i.certificateAuthority());
        assertFalse(i.outsideValidity());
        assertEquals("RSA", i.keyAlgorithm());
        assertEquals("2048-bit", i.keySize());
        assertEquals(95, i.sha256().length(), "32 bytes as colon-separated hex");
        assertTrue(i.describe().contains("self-signed"), i.describe());
    }

    @Test
    void describesTheServerCertificate() {
        CertificateInfo i = CertificateInfo.of(pki.server().certificate(), Instant.now());
        assertEquals("CN=localhost", i.subject());
        assertEquals("localhost", i.commonName());
        assertEquals("CN=Walscope Test CA, O=Walscope Tests", i.issuer());
        assertEquals(List.of("localhost", "127.0.0.1"), i.subjectAltNames());
        assertFalse(i.certificateAuthority());
        assertFalse(i.selfSigned());
    }

    @Test
    void describesAnEcClientCertificate() {
        CertificateInfo i = CertificateInfo.of(pki.client(TestPki.Alg.EC).certificate(), Instant.now());
        assertEquals("CN=" + SharedPki.USER, i.subject());
        assertEquals("EC", i.keyAlgorithm());
        assertEquals("P-256", i.keySize());
        assertNull(i.subjectAltNames().isEmpty() ? null : "no SAN");
    }

    @Test
    void expiredAndNotYetValid() {
        CertificateInfo expired = CertificateInfo.of(pki.expiredClient().certificate(), Instant.now());
        assertTrue(expired.expired());
        assertFalse(expired.notYetValid());
        assertTrue(expired.outsideValidity());
        assertTrue(expired.describe().contains("EXPIRED"), expired.describe());

        Instant before = pki.ca().certificate().getNotBefore().toInstant().minus(Duration.ofDays(1));
        CertificateInfo early = CertificateInfo.of(pki.ca().certificate(), before);
        assertTrue(early.notYetValid());
        assertFalse(early.expired());
        assertTrue(early.describe().contains("NOT YET VALID"), early.describe());
    }
}
