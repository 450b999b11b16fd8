package io.walscope.core.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1InputStream;

import io.walscope.core.ssl.SslFileException.Problem;

/**
 * Reads keys and certificates in every common form: PEM and DER certificates, PEM chains and bundles,
 * PKCS#7; private keys as PEM PKCS#1, SEC1 (EC), PKCS#8, encrypted PKCS#8 (PBES2/AES, PBES1, PKCS#12 PBE),
 * OpenSSL's traditional encrypted PEM ({@code Proc-Type}/{@code DEK-Info}), DER PKCS#8/PKCS#1/SEC1, and
 * PKCS#12 bundles. Failures are {@link SslFileException}s whose message is one sentence naming the file and
 * the fix; passwords never appear in them.
 */
public final class SslFiles {
    private SslFiles() {
    }

    /**
     * Reads every certificate of a file (PEM chain, DER, PKCS#7, PKCS#12, or the certificates of a PEM file
     * that also holds a key).
     *
     * @param password for a PKCS#12 file; may be null
     */
    public static List<X509Certificate> readCertificates(Path file, FileRole role, char[] password)
            throws SslFileException {
        List<Block> blocks = SslFileContent.read(file, role.label());
        List<X509Certificate> out = certificates(blocks, file, role, password);
        if (out.isEmpty()) {
            throw notCertificate(blocks, file, role);
        }
        return out;
    }

    /** Format, encryption and (when it is not encrypted) type of the key in {@code file}, without a password. */
    public static KeyInfo peekKey(Path file) throws SslFileException {
        List<Block> blocks = SslFileContent.read(file, FileRole.CLIENT_KEY.label());
        for (Block b : blocks) {
            if (b.type().equals(Block.PKCS12)) {
                try {
                    Pkcs12Reader.Content c = Pkcs12Reader.read(b, null, file, FileRole.CLIENT_KEY.label());
                    if (c.key() != null) {
                        String[] d = Certificates.describe(c.key());
                        return new KeyInfo(KeyFormat.PKCS12, false, null, d[0], d[1]);
                    }
                } catch (SslFileException e) {
                    // needs the password
                }
                return new KeyInfo(KeyFormat.PKCS12, true, null, null, null);
            }
            if (b.isPrivateKey()) {
                KeyInfo info = KeyDecoder.peek(b);
                if (info.encrypted()) {
                    return info;
                }
                String[] d = Certificates.describe(KeyDecoder.decode(b, info, null, file, FileRole.CLIENT_KEY.label()));
                return info.withKey(d[0], d[1]);
            }
        }
        throw notKey(blocks, file, FileRole.CLIENT_KEY);
    }

    /**
     * Reads the private key of a file, decrypting it with {@code password} when it is encrypted.
     *
     * @param password null or empty when the user gave none
     */
    public static LoadedKey readKey(Path file, char[] password) throws SslFileException {
        FileRole role = FileRole.CLIENT_KEY;
        List<Block> blocks = SslFileContent.read(file, role.label());
        for (Block b : blocks) {
            if (b.type().equals(Block.PKCS12)) {
                Pkcs12Reader.Content c = Pkcs12Reader.read(b, password, file, role.label());
                if (c.key() == null) {
                    throw new SslFileException(Problem.WRONG_KIND, file, "The " + role.label() + " file " + file
                            + " is a PKCS#12 bundle without a private key: choose the bundle that holds the key.");
                }
                String[] d = Certificates.describe(c.key());
                KeyInfo info = new KeyInfo(KeyFormat.PKCS12, c.encrypted(), null, d[0], d[1]);
                List<X509Certificate> certs = new ArrayList<>(c.chain());
                for (X509Certificate x : c.certificates()) {
                    if (!certs.contains(x)) {
                        certs.add(x);
                    }
                }
                return new LoadedKey(c.key(), info, certs);
            }
        }
        for (Block b : blocks) {
            if (b.isPrivateKey()) {
                KeyInfo info = KeyDecoder.peek(b);
                PrivateKey key = KeyDecoder.decode(b, info, password, file, role.label());
                String[] d = Certificates.describe(key);
                return new LoadedKey(key, info.withKey(d[0], d[1]), certificates(blocks, file, role, password));
            }
        }
        throw notKey(blocks, file, role);
    }

    private static List<X509Certificate> certificates(List<Block> blocks, Path file, FileRole role, char[] password)
            throws SslFileException {
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b.type().equals(Block.PKCS12)) {
                out.addAll(Pkcs12Reader.read(b, password, file, role.label()).certificates());
            } else if (b.isCertificate()) {
                try {
                    CertificateFactory cf = CertificateFactory.getInstance("X.509");
                    if (b.type().equals(Block.PKCS7)) {
                        for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(b.der()))) {
                            out.add((X509Certificate) c);
                        }
                    } else {
                        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(firstObject(b))));
                    }
                } catch (CertificateException | IOException | RuntimeException e) {
                    throw new SslFileException(Problem.NOT_KEY_OR_CERTIFICATE, file, "The " + role.label() + " file "
                            + file + " holds a damaged certificate: choose an intact copy of the file.");
                }
            }
        }
        return out;
    }

    /** A TRUSTED CERTIFICATE block is a certificate followed by OpenSSL's trust settings. */
    private static byte[] firstObject(Block b) throws IOException {
        if (!b.type().equals("TRUSTED CERTIFICATE")) {
            return b.der();
        }
        try (ASN1InputStream in = new ASN1InputStream(b.der())) {
            return in.readObject().getEncoded();
        }
    }

    private static SslFileException notCertificate(List<Block> blocks, Path file, FileRole role) {
        String the = "The " + role.label() + " file " + file;
        String fix = role == FileRole.CA_CERTIFICATE
                ? "choose the certificate of the CA that signed the server's certificate (often root.crt or ca.crt)."
                : "choose the certificate file (often postgresql.crt or client.crt).";
        for (Block b : blocks) {
            if (b.isPrivateKey()) {
                return new SslFileException(Problem.WRONG_KIND, file, the + " holds a private key, not a certificate: "
                        + fix);
            }
        }
        return otherContent(blocks, file, the, fix);
    }

    private static SslFileException notKey(List<Block> blocks, Path file, FileRole role) {
        String the = "The " + role.label() + " file " + file;
        for (Block b : blocks) {
            if (b.isCertificate()) {
                return new SslFileException(Problem.WRONG_KIND, file, the
                        + " holds a certificate but no private key: choose the key file that belongs to the certificate.");
            }
        }
        return otherContent(blocks, file, the, "choose the private key file (often postgresql.key or client.key).");
    }

    private static SslFileException otherContent(List<Block> blocks, Path file, String the, String fix) {
        Block b = blocks.get(0);
        String what = switch (b.type()) {
            case Block.CSR -> "a certificate signing request (CSR), not a signed certificate";
            case Block.PUBLIC_KEY, "RSA PUBLIC KEY" -> "a public key only";
            case "OPENSSH PRIVATE KEY" -> "an OpenSSH key, which is for SSH logins, not for PostgreSQL's SSL";
            case "X509 CRL" -> "a certificate revocation list";
            case "EC PARAMETERS", "DH PARAMETERS" -> "parameters only";
            default -> "a " + b.type() + " block";
        };
        return new SslFileException(Problem.NOT_KEY_OR_CERTIFICATE, file, the + " holds " + what + ": " + fix);
    }
}
