package io.walscope.core.ssl;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What Walscope read about one X.509 certificate, for the wizard. Names are in the order the certificate
 * encodes them, as OpenSSL prints them ({@code C=DE,O=Acme,CN=alice}).
 *
 * @param subject the subject name
 * @param issuer the issuer name
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param expired true when {@code notAfter} lies before the time of reading
 * @param notYetValid true when {@code notBefore} lies after the time of reading
 * @param keyAlgorithm "RSA", "EC", ...
 * @param keySize "2048-bit", "P-256", ...; null when unknown
 * @param certificateAuthority true when the certificate may sign others (basicConstraints CA)
 * @param selfSigned true when subject and issuer are the same
 * @param subjectAltNames DNS names and IP addresses the certificate is valid for
 * @param sha256 the SHA-256 fingerprint, colon-separated hex
 */
public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter, boolean expired,
        boolean notYetValid, String keyAlgorithm, String keySize, boolean certificateAuthority, boolean selfSigned,
        List<String> subjectAltNames, String sha256) {

    /** Describes {@code cert} as seen at {@code now}. */
    public static CertificateInfo of(X509Certificate cert, Instant now) {
        return Certificates.info(cert, now);
    }

    /** The subject's common name (CN), or null. */
    public String commonName() {
        return Certificates.commonName(subject);
    }

    /** True when the certificate is expired or not yet valid (the wizard shows it in red). */
    public boolean outsideValidity() {
        return expired || notYetValid;
    }

    /** One line, e.g. "CN=alice, issued by CN=Walscope Test CA, valid until 2027-01-01 (RSA 2048-bit)". */
    public String describe() {
        String validity = expired ? "EXPIRED on " + day(notAfter)
                : notYetValid ? "NOT YET VALID (from " + day(notBefore) + ")" : "valid until " + day(notAfter);
        String by = selfSigned ? "self-signed" : "issued by " + issuer;
        return subject + ", " + by + ", " + validity + " (" + keyAlgorithm + (keySize == null ? "" : " " + keySize)
                + ")";
    }

    private static String day(Instant i) {
        return i.toString().substring(0, 10);
    }
}
