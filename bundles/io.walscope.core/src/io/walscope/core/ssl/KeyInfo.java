package io.walscope.core.ssl;

/**
 * What Walscope read about a private key, for the wizard.
 *
 * @param format the container the key was found in
 * @param encrypted whether the key needs a password
 * @param encryption how it is encrypted ("PBES2, AES-256-CBC", "AES-256-CBC"), or null when it is not
 * @param algorithm "RSA", "EC", "Ed25519", ...; null while an encrypted key has not been opened
 * @param size "2048-bit" for RSA, "P-256" for EC; null when unknown
 */
public record KeyInfo(KeyFormat format, boolean encrypted, String encryption, String algorithm, String size) {

    /** One line, e.g. "RSA 2048-bit, encrypted PEM PKCS#8 (PBES2, AES-256-CBC)". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (algorithm != null) {
            b.append(algorithm);
            if (size != null) {
                b.append(' ').append(size);
            }
        } else {
            b.append("key type unknown until the password is entered");
        }
        b.append(", ").append(format.label());
        if (encrypted && encryption != null) {
            b.append(" (").append(encryption).append(')');
        } else if (encrypted && !format.alwaysEncrypted()) {
            b.append(" (password-protected)");
        }
        return b.toString();
    }

    KeyInfo withKey(String alg, String sz) {
        return new KeyInfo(format, encrypted, encryption, alg, sz);
    }

    KeyInfo withEncrypted(boolean enc) {
        return new KeyInfo(format, enc, encryption, algorithm, size);
    }
}
