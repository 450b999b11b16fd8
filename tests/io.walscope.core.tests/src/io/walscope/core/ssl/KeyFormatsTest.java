package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.ssl.SslFileException.Problem;
import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ssl.TestPki.Alg;
import io.walscope.testbed.ssl.TestPki.KeyForm;

/** Every key form, RSA and EC: read, described, matched with its certificate; and refused without its password. */
class KeyFormatsTest {

    static Stream<Arguments> forms() {
        return forms(f -> true);
    }

    static Stream<Arguments> encryptedForms() {
        return forms(KeyForm::encrypted);
    }

    static Stream<Arguments> plainForms() {
        return forms(f -> !f.encrypted());
    }

    static Stream<Arguments> bundleForms() {
        return forms(f -> f == KeyForm.PKCS12 || f == KeyForm.PEM_BUNDLE);
    }

    private static Stream<Arguments> forms(java.util.function.Predicate<KeyForm> which) {
        List<Arguments> out = new ArrayList<>();
        for (Alg a : Alg.values()) {
            for (KeyForm f : KeyForm.values()) {
                if (which.test(f)) {
                    out.add(Arguments.of(a, f));
                }
            }
        }
        return out.stream();
    }

    static KeyFormat expectedFormat(Alg a, KeyForm f) {
        return switch (f) {
            case PEM_TRADITIONAL -> a == Alg.RSA ? KeyFormat.PEM_PKCS1 : KeyFormat.PEM_SEC1;
            case PEM_TRADITIONAL_ENCRYPTED, PEM_TRADITIONAL_ENCRYPTED_3DES -> KeyFormat.PEM_TRADITIONAL_ENCRYPTED;
            case PEM_PKCS8, PEM_BUNDLE -> KeyFormat.PEM_PKCS8;
            case PEM_PKCS8_ENCRYPTED, PEM_PKCS8_ENCRYPTED_3DES, PEM_PKCS8_ENCRYPTED_PKCS12PBE -> KeyFormat.PEM_PKCS8_ENCRYPTED;
            case DER_PKCS8 -> KeyFormat.DER_PKCS8;
            case DER_PKCS8_ENCRYPTED -> KeyFormat.DER_PKCS8_ENCRYPTED;
            case DER_TRADITIONAL -> a == Alg.RSA ? KeyFormat.DER_PKCS1 : KeyFormat.DER_SEC1;
            case PKCS12 -> KeyFormat.PKCS12;
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void readsEveryForm(Alg alg, KeyForm form) throws Exception {
        TestPki pki = SharedPki.get();
        Path file = pki.clientKey(alg, form);
        LoadedKey k = SslFiles.readKey(file, form.encrypted() ? SharedPki.password() : null);
        assertEquals(expectedFormat(alg, form), k.info().format());
        assertEquals(form.encrypted(), k.info().encrypted());
        assertEquals(alg == Alg.RSA ? "RSA" : "EC", k.info().algorithm());
        assertEquals(alg == Alg.RSA ? "2048-bit" : "P-256", k.info().size());
        assertTrue(Certificates.matches(k.privateKey(), pki.client(alg).certificate().getPublicKey()),
                "the key read is the client's key");
        assertFalse(k.info().describe().isBlank());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void peeksWithoutPassword(Alg alg, KeyForm form) throws Exception {
        KeyInfo info = SslFiles.peekKey(SharedPki.get().clientKey(alg, form));
        assertEquals(expectedFormat(alg, form), info.format());
        assertEquals(form.encrypted(), info.encrypted());
        if (!form.encrypted()) {
            assertEquals(alg == Alg.RSA ? "RSA" : "EC", info.algorithm());
        }
        if (form.name().contains("TRADITIONAL_ENCRYPTED")) {
            assertNotNull(info.encryption(), "DEK-Info names the cipher");
            assertEquals(alg == Alg.RSA ? "RSA" : "EC", info.algorithm(), "the PEM type names the algorithm");
        }
        if (form == KeyForm.PEM_PKCS8_ENCRYPTED || form == KeyForm.DER_PKCS8_ENCRYPTED) {
            assertEquals("PBES2, PBKDF2, AES-256-CBC", info.encryption());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void identityFromKeyAndCertificate(Alg alg, KeyForm form) throws Exception {
        TestPki pki = SharedPki.get();
        ClientIdentity id = ClientIdentity.load(pki.client(alg).certFile(), pki.clientKey(alg, form),
                form.encrypted() ? SharedPki.password() : null);
        assertEquals(pki.client(alg).certificate(), id.certificate());
        assertEquals(SharedPki.USER, Certificates.commonName(id.certificate()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bundleForms")
    void bundlesNeedNoCertificateFile(Alg alg, KeyForm form) throws Exception {
        TestPki pki = SharedPki.get();
        char[] pw = form.encrypted() ? SharedPki.password() : null;
        ClientIdentity id = ClientIdentity.load(null, pki.clientKey(alg, form), pw);
        assertEquals(pki.client(alg).certificate(), id.certificate(), "leaf first");
        ClientIdentity same = ClientIdentity.load(pki.clientKey(alg, form), null, pw);
        assertEquals(id.certificate(), same.certificate(), "the bundle may also be given as the certificate");
        if (form == KeyForm.PKCS12) {
            assertEquals(2, id.chain().size(), "leaf and CA");
            assertEquals(pki.ca().certificate(), id.chain().get(1));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encryptedForms")
    void encryptedFormsWithoutPassword(Alg alg, KeyForm form) {
        Path file = SharedPki.get().clientKey(alg, form);
        SslFileException e = assertThrows(SslFileException.class, () -> SslFiles.readKey(file, null));
        assertEquals(Problem.PASSWORD_MISSING, e.problem());
        Messages.assertSentence(e.getMessage(), file);
        SslFileException empty = assertThrows(SslFileException.class, () -> SslFiles.readKey(file, new char[0]));
        assertEquals(Problem.PASSWORD_MISSING, empty.problem());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encryptedForms")
    void encryptedFormsWithWrongPassword(Alg alg, KeyForm form) {
        Path file = SharedPki.get().clientKey(alg, form);
        char[] wrong = "Not-The-Password-42".toCharArray();
        SslFileException e = assertThrows(SslFileException.class, () -> SslFiles.readKey(file, wrong));
        assertEquals(Problem.PASSWORD_WRONG, e.problem());
        Messages.assertSentence(e.getMessage(), file);
        assertFalse(e.getMessage().contains("Not-The-Password-42"), "never the password in a message");
        assertFalse(e.getMessage().contains(TestPki.PASSWORD));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("plainForms")
    void plainFormsIgnoreAPassword(Alg alg, KeyForm form) throws Exception {
        LoadedKey k = SslFiles.readKey(SharedPki.get().clientKey(alg, form), "unused".toCharArray());
        assertFalse(k.info().encrypted());
        assertNull(k.info().encryption());
    }
}
