package io.walscope.core.ssl;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.ssl.SslFileException.Problem;

/**
 * A client key with its certificate chain (leaf first), ready for a TLS key manager. Built from a certificate
 * file and a key file, or from one file that holds both (a PKCS#12 bundle or a PEM bundle).
 *
 * @param privateKey the key
 * @param chain the client certificate first, then the CA certificates that came with it
 * @param keyInfo what was read about the key
 */
public record ClientIdentity(PrivateKey privateKey, List<X509Certificate> chain, KeyInfo keyInfo) {
    public ClientIdentity {
        chain = List.copyOf(chain);
    }

    /** The client certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Reads and checks a client identity.
     *
     * @param certFile the client certificate, or null when {@code keyFile} holds it too
     * @param keyFile the key, or null when {@code certFile} holds it too
     * @param password the key password; null or empty when none was given
     * @throws SslFileException when a file cannot be used, or the key does not belong to the certificate
     */
    public static ClientIdentity load(Path certFile, Path keyFile, char[] password) throws SslFileException {
        if (keyFile == null && certFile == null) {
            throw new IllegalArgumentException("no file");
        }
        LoadedKey key;
        if (keyFile == null) {
            try {
                key = SslFiles.readKey(certFile, password);
            } catch (SslFileException e) {
                if (e.problem() != Problem.WRONG_KIND) {
                    throw e;
                }
                throw new SslFileException(Problem.WRONG_KIND, certFile, "A client certificate without a key: "
                        + "choose the client key file that belongs to " + certFile + ".");
            }
        } else {
            key = SslFiles.readKey(keyFile, password);
        }
        Path keyPath = keyFile != null ? keyFile : certFile;
        List<X509Certificate> certs;
        if (certFile != null && !certFile.equals(keyFile)) {
            certs = SslFiles.readCertificates(certFile, FileRole.CLIENT_CERTIFICATE, password);
        } else {
            certs = key.certificates();
            if (certs.isEmpty()) {
                throw new SslFileException(Problem.WRONG_KIND, keyPath, "The client key file " + keyPath
                        + " holds no certificate: choose the client certificate file too.");
            }
        }
        return new ClientIdentity(key.privateKey(), leafFirst(key.privateKey(), certs, certFile, keyPath),
                key.info());
    }

    /** Puts the certificate that belongs to the key first; fails when there is none. */
    static List<X509Certificate> leafFirst(PrivateKey key, List<X509Certificate> certs, Path certFile, Path keyFile)
            throws SslFileException {
        for (X509Certificate c : certs) {
            if (Certificates.matches(key, c.getPublicKey())) {
                List<X509Certificate> out = new ArrayList<>();
                out.add(c);
                X509Certificate last = c;
                List<X509Certificate> rest = new ArrayList<>(certs);
                rest.remove(c);
                // then the issuers in order, as far as the file has them
                boolean found = true;
                while (found && !rest.isEmpty()) {
                    found = false;
                    for (X509Certificate r : rest) {
                        if (Certificates.issuedBy(last, r) && !r.equals(last)) {
                            out.add(r);
                            rest.remove(r);
                            last = r;
                            found = true;
                            break;
                        }
                    }
                }
                out.addAll(rest);
                return out;
            }
        }
        X509Certificate first = certs.get(0);
        String certName = certFile != null && !certFile.equals(keyFile) ? "the client certificate " + certFile
                : "the certificate in the same file";
        throw new SslFileException(Problem.KEY_CERTIFICATE_MISMATCH, keyFile, "The client key " + keyFile
                + " does not belong to " + certName + " (" + Certificates.subject(first)
                + "): choose the key that was created together with this certificate.");
    }
}
