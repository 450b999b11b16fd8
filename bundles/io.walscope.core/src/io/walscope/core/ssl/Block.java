package io.walscope.core.ssl;

import java.util.Map;

/**
 * One object found in a key or certificate file: a PEM block, or the whole of a DER file classified by its
 * ASN.1 structure (then {@code pem} is false and {@code type} is the PEM type it would have had).
 */
record Block(String type, Map<String, String> headers, byte[] der, boolean pem) {
    static final String CERTIFICATE = "CERTIFICATE";
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    static final String DSA_PRIVATE_KEY = "DSA PRIVATE KEY";
    static final String PKCS12 = "PKCS12";
    static final String PKCS7 = "PKCS7";
    static final String PUBLIC_KEY = "PUBLIC KEY";
    static final String CSR = "CERTIFICATE REQUEST";

    boolean isCertificate() {
        return type.equals(CERTIFICATE) || type.equals("X509 CERTIFICATE") || type.equals("TRUSTED CERTIFICATE")
                || type.equals(PKCS7);
    }

    boolean isPrivateKey() {
        return type.equals(PRIVATE_KEY) || type.equals(ENCRYPTED_PRIVATE_KEY) || type.equals(RSA_PRIVATE_KEY)
                || type.equals(EC_PRIVATE_KEY) || type.equals(DSA_PRIVATE_KEY);
    }

    /** Traditional (OpenSSL) PEM encryption: {@code Proc-Type: 4,ENCRYPTED}. */
    boolean traditionalEncrypted() {
        String p = headers.get("Proc-Type");
        return p != null && p.contains("ENCRYPTED");
    }
}
