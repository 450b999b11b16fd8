package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.walscope.core.ssl.SslFileException.Problem;
import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ssl.TestPki.Alg;
import io.walscope.testbed.ssl.TestPki.KeyForm;

/** What the wizard shows below the three SSL file fields. */
class SslInspectionTest {
    private final TestPki pki = SharedPki.get();

    @Test
    void allGood() {
        SslInspection i = SslInspection.inspect(pki.ca().certFile().toString(), pki.client(Alg.RSA).certFile().toString(),
                pki.clientKey(Alg.RSA, KeyForm.PEM_TRADITIONAL_ENCRYPTED).toString(), SharedPki.password(), Instant.now());
        assertTrue(i.ok());
        assertEquals(Boolean.TRUE, i.keyMatchesCertificate());
        assertEquals("CN=Walscope Test CA, O=Walscope Tests", i.ca().certificates().get(0).subject());
        assertEquals("CN=alice", i.certificate().certificates().get(0).subject());
        assertEquals(KeyFormat.PEM_TRADITIONAL_ENCRYPTED, i.key().key().format());
        assertEquals("RSA", i.key().key().algorithm());
        assertTrue(i.key().lines().get(0).startsWith("Key: RSA 2048-bit, encrypted PEM"), i.key().lines().toString());
    }

    @Test
    void emptyFields() {
        SslInspection i = SslInspection.inspect("", null, " ", null, Instant.now());
        assertTrue(i.ok());
        assertTrue(i.ca().isEmpty() && i.certificate().isEmpty() && i.key().isEmpty());
        assertNull(i.keyMatchesCertificate());
    }

    @Test
    void expiredCertificateIsShownNotRefused() {
        SslInspection i = SslInspection.inspect("", pki.expiredClient().certFile().toString(),
                pki.expiredClient().keyFile().toString(), null, Instant.now());
        assertTrue(i.certificate().ok());
        assertTrue(i.certificate().hasInvalidCertificate(), "the wizard shows it in red");
        assertEquals(Boolean.TRUE, i.keyMatchesCertificate());
    }

    @Test
    void mismatch() {
        SslInspection i = SslInspection.inspect("", pki.client(Alg.EC).certFile().toString(),
                pki.stranger().keyFile().toString(), null, Instant.now());
        assertFalse(i.ok());
        assertEquals(Boolean.FALSE, i.keyMatchesCertificate());
        Messages.assertSentence(i.matchMessage(), pki.stranger().keyFile());
    }

    @Test
    void encryptedKeyWithoutPasswordShowsItsFormat() {
        SslInspection i = SslInspection.inspect("", pki.client(Alg.EC).certFile().toString(),
                pki.clientKey(Alg.EC, KeyForm.PEM_PKCS8_ENCRYPTED).toString(), null, Instant.now());
        assertEquals(Problem.PASSWORD_MISSING, i.key().problem());
        assertEquals(KeyFormat.PEM_PKCS8_ENCRYPTED, i.key().key().format());
        assertTrue(i.key().key().encrypted());
        assertNull(i.keyMatchesCertificate(), "unknown until the key is opened");
        assertEquals(2, i.key().lines().size(), i.key().lines().toString());
    }

    @Test
    void pkcs12InTheKeyFieldAlone() {
        SslInspection i = SslInspection.inspect(pki.ca().certFile().toString(), "",
                pki.clientKey(Alg.EC, KeyForm.PKCS12).toString(), SharedPki.password(), Instant.now());
        assertTrue(i.ok());
        assertEquals(Boolean.TRUE, i.keyMatchesCertificate());
        assertEquals(KeyFormat.PKCS12, i.key().key().format());
        assertEquals(2, i.key().certificates().size());
    }

    @Test
    void badCaFile() {
        SslInspection i = SslInspection.inspect(pki.clientKey(Alg.RSA, KeyForm.PEM_PKCS8).toString(), "", "", null,
                Instant.now());
        assertFalse(i.ok());
        assertEquals(Problem.WRONG_KIND, i.ca().problem());
    }
}
