package io.walscope.core.ssl;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key read from a file, with what the wizard shows about it and the certificates the same file
 * holds (a PKCS#12 bundle's chain, or the certificates of a PEM bundle; often empty).
 *
 * @param privateKey the key, as a JDK key object usable by the JDK's TLS stack
 * @param info format, encryption, type and size
 * @param certificates certificates found in the same file, leaf first when the file said which is the leaf
 */
public record LoadedKey(PrivateKey privateKey, KeyInfo info, List<X509Certificate> certificates) {
    public LoadedKey {
        certificates = List.copyOf(certificates);
    }

    @Override
    public String toString() {
        return "LoadedKey[" + info.describe() + ", " + certificates.size() + " certificate(s)]";
    }
}
