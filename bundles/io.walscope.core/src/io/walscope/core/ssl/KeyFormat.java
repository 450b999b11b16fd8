package io.walscope.core.ssl;

/** The container a private key was found in, as the wizard names it. */
public enum KeyFormat {
    /** {@code -----BEGIN RSA PRIVATE KEY-----} without encryption. */
    PEM_PKCS1("PEM PKCS#1"),
    /** {@code -----BEGIN EC PRIVATE KEY-----} (SEC 1) without encryption. */
    PEM_SEC1("PEM SEC1 (EC)"),
    /** PKCS#1 or SEC1 PEM with {@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info} (OpenSSL's traditional form). */
    PEM_TRADITIONAL_ENCRYPTED("encrypted PEM (OpenSSL traditional)"),
    /** {@code -----BEGIN PRIVATE KEY-----}. */
    PEM_PKCS8("PEM PKCS#8"),
    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} (PBES2/AES, PBES1, PKCS#12 PBE). */
    PEM_PKCS8_ENCRYPTED("encrypted PEM PKCS#8"),
    /** Binary PKCS#8 ({@code .pk8}, {@code .der}, {@code .key}). */
    DER_PKCS8("DER PKCS#8"),
    /** Binary encrypted PKCS#8. */
    DER_PKCS8_ENCRYPTED("encrypted DER PKCS#8"),
    /** Binary PKCS#1 RSA key. */
    DER_PKCS1("DER PKCS#1"),
    /** Binary SEC1 EC key. */
    DER_SEC1("DER SEC1 (EC)"),
    /** A PKCS#12 bundle ({@code .p12}, {@code .pfx}) holding key and certificate chain. */
    PKCS12("PKCS#12");

    private final String label;

    KeyFormat(String label) {
        this.label = label;
    }

    /** The name the wizard shows, e.g. "encrypted PEM PKCS#8". */
    public String label() {
        return label;
    }

    /** True for the forms that are encrypted by their nature (PKCS#12 is always password-protected). */
    public boolean alwaysEncrypted() {
        return this == PEM_TRADITIONAL_ENCRYPTED || this == PEM_PKCS8_ENCRYPTED || this == DER_PKCS8_ENCRYPTED;
    }
}
