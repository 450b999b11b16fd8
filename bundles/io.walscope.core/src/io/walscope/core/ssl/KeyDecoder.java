package io.walscope.core.ssl;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import io.walscope.core.ssl.SslFileException.Problem;

/**
 * Turns one private-key {@link Block} into a {@link PrivateKey}. Bouncy Castle decrypts (through a provider
 * instance, never registered globally); the key objects themselves come from the JDK's key factories so
 * that the JDK's TLS stack can sign with them.
 */
final class KeyDecoder {
    private static final Map<String, String> CIPHERS = Map.of("2.16.840.1.101.3.4.1.2", "AES-128-CBC",
            "2.16.840.1.101.3.4.1.22", "AES-192-CBC", "2.16.840.1.101.3.4.1.42", "AES-256-CBC",
            "1.2.840.113549.3.7", "DES-EDE3-CBC", "1.3.14.3.2.7", "DES-CBC");
    private static final Map<String, String> PBE = Map.of("1.2.840.113549.1.12.1.3", "PKCS#12 PBE, 3DES",
            "1.2.840.113549.1.12.1.6", "PKCS#12 PBE, RC2-40", "1.2.840.113549.1.12.1.1", "PKCS#12 PBE, RC4-128",
            "1.2.840.113549.1.5.3", "PBES1, DES-CBC (MD5)", "1.2.840.113549.1.5.10", "PBES1, DES-CBC (SHA-1)");
    private static Provider bc;

    private KeyDecoder() {
    }

    static synchronized Provider bc() {
        if (bc == null) {
            bc = new BouncyCastleProvider();
        }
        return bc;
    }

    /** Format and encryption of a key block, without opening it. */
    static KeyInfo peek(Block b) {
        return switch (b.type()) {
            case Block.RSA_PRIVATE_KEY, Block.EC_PRIVATE_KEY, Block.DSA_PRIVATE_KEY -> {
                String alg = b.type().substring(0, b.type().indexOf(' '));
                if (b.traditionalEncrypted()) {
                    String dek = b.headers().getOrDefault("DEK-Info", "");
                    int comma = dek.indexOf(',');
                    yield new KeyInfo(KeyFormat.PEM_TRADITIONAL_ENCRYPTED, true, comma > 0 ? dek.substring(0, comma)
                            : dek, alg, null);
                }
                KeyFormat f = b.type().equals(Block.EC_PRIVATE_KEY) ? (b.pem() ? KeyFormat.PEM_SEC1 : KeyFormat.DER_SEC1)
                        : (b.pem() ? KeyFormat.PEM_PKCS1 : KeyFormat.DER_PKCS1);
                yield new KeyInfo(f, false, null, alg, null);
            }
            case Block.ENCRYPTED_PRIVATE_KEY -> new KeyInfo(
                    b.pem() ? KeyFormat.PEM_PKCS8_ENCRYPTED : KeyFormat.DER_PKCS8_ENCRYPTED, true, pkcs8Encryption(b),
                    null, null);
            default -> new KeyInfo(b.pem() ? KeyFormat.PEM_PKCS8 : KeyFormat.DER_PKCS8, false, null, null, null);
        };
    }

    private static String pkcs8Encryption(Block b) {
        try {
            EncryptedPrivateKeyInfo e = EncryptedPrivateKeyInfo.getInstance(b.der());
            ASN1ObjectIdentifier alg = e.getEncryptionAlgorithm().getAlgorithm();
            if (alg.getId().equals("1.2.840.113549.1.5.13")) {
                PBES2Parameters p = PBES2Parameters.getInstance(e.getEncryptionAlgorithm().getParameters());
                String cipher = p.getEncryptionScheme().getAlgorithm().getId();
                String kdf = p.getKeyDerivationFunc().getAlgorithm().getId().equals("1.3.6.1.4.1.11591.4.11")
                        ? "scrypt" : "PBKDF2";
                return "PBES2, " + kdf + ", " + CIPHERS.getOrDefault(cipher, cipher);
            }
            return PBE.getOrDefault(alg.getId(), alg.getId());
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /**
     * Opens the key.
     *
     * @param password null or empty when none was given (an empty password is then tried)
     * @param role how messages name the file
     */
    static PrivateKey decode(Block b, KeyInfo info, char[] password, Path file, String role)
            throws SslFileException {
        boolean noPassword = password == null || password.length == 0;
        char[] pw = noPassword ? new char[0] : password;
        try {
            PrivateKeyInfo pki;
            if (b.type().equals(Block.ENCRYPTED_PRIVATE_KEY)) {
                pki = decryptPkcs8(b, pw, info, file, role, noPassword);
            } else if (b.traditionalEncrypted()) {
                pki = decryptTraditional(b, pw, info, file, role, noPassword);
            } else if (b.type().equals(Block.PRIVATE_KEY)) {
                pki = PrivateKeyInfo.getInstance(b.der());
            } else {
                Object o = parse(b);
                if (!(o instanceof PEMKeyPair kp)) {
                    throw damaged(file, role);
                }
                pki = kp.getPrivateKeyInfo();
            }
            return new JcaPEMKeyConverter().getPrivateKey(pki);
        } catch (SslFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (info.encrypted()) {
                throw wrongPassword(file, role, noPassword);
            }
            throw damaged(file, role);
        }
    }

    private static PrivateKeyInfo decryptPkcs8(Block b, char[] pw, KeyInfo info, Path file, String role,
            boolean noPassword) throws SslFileException {
        PKCS8EncryptedPrivateKeyInfo enc = new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(b.der()));
        Exception first;
        try {
            InputDecryptorProvider d = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bc()).build(pw);
            return enc.decryptPrivateKeyInfo(d);
        } catch (Exception e) {
            first = e;
        }
        try {
            // the PKCS builder also knows PBES2 with scrypt (openssl pkcs8 -scrypt), the OpenSSL one does not
            InputDecryptorProvider d = new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(bc()).build(pw);
            return enc.decryptPrivateKeyInfo(d);
        } catch (Exception e) {
            if (hasCause(first, NoSuchAlgorithmException.class) && hasCause(e, NoSuchAlgorithmException.class)) {
                throw unsupported(file, role, info);
            }
            throw wrongPassword(file, role, noPassword);
        }
    }

    private static PrivateKeyInfo decryptTraditional(Block b, char[] pw, KeyInfo info, Path file, String role,
            boolean noPassword) throws SslFileException, IOException {
        Object o = parse(b);
        if (!(o instanceof PEMEncryptedKeyPair ekp)) {
            throw damaged(file, role);
        }
        try {
            return ekp.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(bc()).build(pw))
                    .getPrivateKeyInfo();
        } catch (Exception e) {
            if (hasCause(e, NoSuchAlgorithmException.class) || String.valueOf(e.getMessage()).contains("unknown")) {
                throw unsupported(file, role, info);
            }
            throw wrongPassword(file, role, noPassword);
        }
    }

    /** Lets Bouncy Castle's PEM parser read one block (headers included), whatever file it came from. */
    private static Object parse(Block b) throws IOException {
        StringWriter w = new StringWriter();
        try (PemWriter pw = new PemWriter(w)) {
            List<PemHeader> headers = new ArrayList<>();
            for (Map.Entry<String, String> h : b.headers().entrySet()) {
                headers.add(new PemHeader(h.getKey(), h.getValue()));
            }
            pw.writeObject(new PemObject(b.type(), headers, b.der()));
        }
        try (PEMParser p = new PEMParser(new StringReader(w.toString()))) {
            return p.readObject();
        }
    }

    static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** By name, so that this bundle needs no javax.crypto import. */
    static boolean hasCauseNamed(Throwable e, String className) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    static SslFileException wrongPassword(Path file, String role, boolean noPassword) {
        if (noPassword) {
            return new SslFileException(Problem.PASSWORD_MISSING, file, "The " + role + " file " + file
                    + " is encrypted and no password was given: enter the key password.");
        }
        return new SslFileException(Problem.PASSWORD_WRONG, file, "The password does not open the encrypted "
                + role + " file " + file + ": check the key password.");
    }

    static SslFileException unsupported(Path file, String role, KeyInfo info) {
        String how = info.encryption() == null ? "an algorithm" : info.encryption();
        return new SslFileException(Problem.UNSUPPORTED, file, "The " + role + " file " + file
                + " is encrypted with " + how + ", which Walscope cannot read: export the key again as PKCS#8 or PKCS#12 with AES.");
    }

    static SslFileException damaged(Path file, String role) {
        return new SslFileException(Problem.NOT_KEY_OR_CERTIFICATE, file, "The " + role + " file " + file
                + " holds a damaged private key: choose an intact copy of the key file.");
    }
}
