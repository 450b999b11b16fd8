package io.walscope.core.ssl;

import java.util.ArrayList;
import java.util.List;

/**
 * What Walscope read from one of the wizard's SSL file fields: the certificates and the key it found, or the
 * problem (one sentence) that keeps it from using the file. A key that needs a password is reported with
 * its format and {@link SslFileException.Problem#PASSWORD_MISSING}.
 *
 * @param path the path as entered; empty when the field is empty
 * @param problem null when the file can be used
 * @param message the sentence for the problem, or null
 * @param certificates the certificates found, leaf first for a client certificate
 * @param key the key found, or null
 */
public record FileReport(String path, SslFileException.Problem problem, String message,
        List<CertificateInfo> certificates, KeyInfo key) {
    /** The report of an empty field. */
    public static final FileReport NONE = new FileReport("", null, null, List.of(), null);

    public FileReport {
        certificates = List.copyOf(certificates);
    }

    static FileReport failed(String path, SslFileException e, KeyInfo key) {
        return new FileReport(path, e.problem(), e.getMessage(), List.of(), key);
    }

    /** True when the field is empty. */
    public boolean isEmpty() {
        return path.isEmpty();
    }

    /** True when the file was read without a problem. */
    public boolean ok() {
        return problem == null;
    }

    /** True when a certificate of the file is expired or not yet valid (the wizard shows it in red). */
    public boolean hasInvalidCertificate() {
        return certificates.stream().anyMatch(CertificateInfo::outsideValidity);
    }

    /** The lines the wizard shows below the field. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (key != null) {
            out.add("Key: " + key.describe());
        }
        for (CertificateInfo c : certificates) {
            out.add("Certificate: " + c.describe());
        }
        if (message != null) {
            out.add(message);
        }
        return out;
    }
}
