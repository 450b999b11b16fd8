package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.walscope.core.ssl.SslFileException.Problem;
import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ssl.TestPki.Alg;
import io.walscope.testbed.ssl.TestPki.KeyForm;

/** Each bad input yields its problem and one sentence that names the file and the fix. */
class BadInputTest {
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

    private static SslFileException key(Path f, Problem expected) {
        SslFileException e = assertThrows(SslFileException.class, () -> SslFiles.readKey(f, null));
        assertEquals(expected, e.problem(), e.getMessage());
        Messages.assertSentence(e.getMessage(), f);
        return e;
    }

    private static SslFileException cert(Path f, Problem expected) {
        SslFileException e = assertThrows(SslFileException.class,
                () -> SslFiles.readCertificates(f, FileRole.CA_CERTIFICATE, null));
        assertEquals(expected, e.problem(), e.getMessage());
        Messages.assertSentence(e.getMessage(), f);
        return e;
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("no-such.key");
        assertTrue(key(f, Problem.NOT_FOUND).getMessage().contains("does not exist"));
        cert(f, Problem.NOT_FOUND);
    }

    @Test
    void folderInsteadOfFile() {
        assertTrue(key(tmp, Problem.UNREADABLE).getMessage().contains("folder"));
    }

    @Test
    void unreadableFile() throws Exception {
        Path f = tmp.resolve("locked.key");
        Files.copy(pki.clientKey(Alg.RSA, KeyForm.PEM_PKCS8), f);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(f)) {
            // root reads every file: the refusal can only be seen as an ordinary user
            return;
        }
        assertTrue(key(f, Problem.UNREADABLE).getMessage().contains("permission denied"));
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(tmp.resolve("empty.crt"));
        assertTrue(cert(f, Problem.EMPTY).getMessage().contains("is empty"));
        key(f, Problem.EMPTY);
        Path blank = Files.writeString(tmp.resolve("blank.key"), "\n  \n");
        key(blank, Problem.EMPTY);
    }

    @Test
    void textFile() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.txt"), "host=db.example.com\nuser=alice\nsee the wiki\n");
        assertTrue(key(f, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("text file"));
        cert(f, Problem.NOT_KEY_OR_CERTIFICATE);
    }

    @Test
    void binaryGarbage() throws Exception {
        byte[] b = new byte[2048];
        new Random(42).nextBytes(b);
        Path f = Files.write(tmp.resolve("random.bin"), b);
        assertTrue(key(f, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("not a key or certificate"));
    }

    @Test
    void damagedPem() throws Exception {
        String pem = Files.readString(pki.ca().certFile());
        Path f = Files.writeString(tmp.resolve("cut.crt"), pem.substring(0, pem.length() / 2) + "@@@\n-----END CERTIFICATE-----\n");
        cert(f, Problem.NOT_KEY_OR_CERTIFICATE);
    }

    @Test
    void damagedKey() throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n");
        assertTrue(key(f, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("damaged"));
    }

    @Test
    void keyWhereACertificateBelongs() {
        Path f = pki.clientKey(Alg.RSA, KeyForm.PEM_TRADITIONAL);
        assertTrue(cert(f, Problem.WRONG_KIND).getMessage().contains("holds a private key, not a certificate"));
    }

    @Test
    void certificateWhereAKeyBelongs() {
        assertTrue(key(pki.client(Alg.RSA).certFile(), Problem.WRONG_KIND).getMessage()
                .contains("no private key"));
    }

    @Test
    void certificateSigningRequest() throws Exception {
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=alice"),
                pki.client(Alg.RSA).certificate().getPublicKey())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pki.client(Alg.RSA).key()));
        Path pem = tmp.resolve("alice.csr");
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(pem))) {
            w.writeObject(csr);
        }
        assertTrue(cert(pem, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("signing request"));
        Path der = Files.write(tmp.resolve("alice.csr.der"), csr.getEncoded());
        assertTrue(cert(der, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("signing request"));
    }

    @Test
    void publicKeyOnly() throws Exception {
        Path f = tmp.resolve("pub.pem");
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(f))) {
            w.writeObject(pki.client(Alg.RSA).certificate().getPublicKey());
        }
        assertTrue(key(f, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("public key only"));
        Path der = Files.write(tmp.resolve("pub.der"), pki.client(Alg.EC).certificate().getPublicKey().getEncoded());
        assertTrue(key(der, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("public key only"));
    }

    @Test
    void opensshKey() throws Exception {
        Path f = Files.writeString(tmp.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gt\n"
                + "-----END OPENSSH PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        assertTrue(key(f, Problem.NOT_KEY_OR_CERTIFICATE).getMessage().contains("OpenSSH"));
    }

    @Test
    void keyThatDoesNotMatchTheCertificate() {
        Path cert = pki.client(Alg.RSA).certFile();
        Path key = pki.stranger().keyFile();
        SslFileException e = assertThrows(SslFileException.class, () -> ClientIdentity.load(cert, key, null));
        assertEquals(Problem.KEY_CERTIFICATE_MISMATCH, e.problem());
        Messages.assertSentence(e.getMessage(), key);
        assertTrue(e.getMessage().contains(cert.toString()) && e.getMessage().contains("CN=alice"), e.getMessage());
    }

    @Test
    void ecKeyWithRsaCertificate() {
        Path cert = pki.client(Alg.RSA).certFile();
        Path key = pki.clientKey(Alg.EC, KeyForm.PEM_TRADITIONAL);
        SslFileException e = assertThrows(SslFileException.class, () -> ClientIdentity.load(cert, key, null));
        assertEquals(Problem.KEY_CERTIFICATE_MISMATCH, e.problem());
    }

    @Test
    void keyWithoutAnyCertificate() {
        Path key = pki.clientKey(Alg.RSA, KeyForm.PEM_PKCS8);
        SslFileException e = assertThrows(SslFileException.class, () -> ClientIdentity.load(null, key, null));
        assertEquals(Problem.WRONG_KIND, e.problem());
        Messages.assertSentence(e.getMessage(), key);
    }

    @Test
    void certificateWithoutAnyKey() {
        Path cert = pki.client(Alg.RSA).certFile();
        SslFileException e = assertThrows(SslFileException.class, () -> ClientIdentity.load(cert, null, null));
        assertEquals(Problem.WRONG_KIND, e.problem());
        Messages.assertSentence(e.getMessage(), cert);
    }
}
