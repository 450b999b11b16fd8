package io.walscope.core.ssl;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.ssl.SslFileException.Problem;

/**
 * What the wizard shows below the three SSL file fields: for each file what Walscope read from it, and
 * whether key and certificate belong together. Reading is quick (local files, no network) but touches the
 * disk: call it off the display thread when paths may be on a network share.
 *
 * @param ca the CA certificate field
 * @param certificate the client certificate field
 * @param key the client key field
 * @param keyMatchesCertificate true or false when both a key and a certificate were read, otherwise null
 * @param matchMessage the sentence when they do not match, or null
 */
public record SslInspection(FileReport ca, FileReport certificate, FileReport key, Boolean keyMatchesCertificate,
        String matchMessage) {

    /**
     * Reads the three files.
     *
     * @param ca path of the CA certificate, or empty
     * @param cert path of the client certificate, or empty
     * @param key path of the client key, or empty
     * @param password the key password (also tried for a PKCS#12 certificate file); null or empty for none
     * @param now the time against which validity is judged
     */
    public static SslInspection inspect(String ca, String cert, String key, char[] password, Instant now) {
        FileReport caReport = certificates(ca, FileRole.CA_CERTIFICATE, null, now);
        FileReport certReport = certificates(cert, FileRole.CLIENT_CERTIFICATE, password, now);
        FileReport keyReport = FileReport.NONE;
        LoadedKey loaded = null;
        if (!blank(key)) {
            try {
                loaded = SslFiles.readKey(Path.of(key.trim()), password);
                keyReport = new FileReport(key, null, null, infos(loaded.certificates(), now), loaded.info());
            } catch (SslFileException e) {
                KeyInfo peeked = null;
                if (e.problem() == Problem.PASSWORD_MISSING || e.problem() == Problem.PASSWORD_WRONG) {
                    try {
                        peeked = SslFiles.peekKey(Path.of(key.trim()));
                    } catch (SslFileException ignored) {
                        // the first message says enough
                    }
                }
                keyReport = FileReport.failed(key, e, peeked);
            }
        }
        Boolean match = null;
        String matchMessage = null;
        if (loaded != null) {
            List<X509Certificate> certs = new ArrayList<>();
            Path certPath = null;
            if (!blank(cert) && certReport.ok()) {
                certPath = Path.of(cert.trim());
                try {
                    certs = SslFiles.readCertificates(certPath, FileRole.CLIENT_CERTIFICATE, password);
                } catch (SslFileException e) {
                    certs = List.of();
                }
            } else if (blank(cert)) {
                certs = loaded.certificates();
            }
            if (!certs.isEmpty()) {
                try {
                    List<X509Certificate> chain = ClientIdentity.leafFirst(loaded.privateKey(), certs, certPath,
                            Path.of(key.trim()));
                    match = true;
                    if (certPath != null) {
                        certReport = new FileReport(cert, null, null, infos(chain, now), null);
                    }
                } catch (SslFileException e) {
                    match = false;
                    matchMessage = e.getMessage();
                }
            }
        }
        return new SslInspection(caReport, certReport, keyReport, match, matchMessage);
    }

    private static FileReport certificates(String path, FileRole role, char[] password, Instant now) {
        if (blank(path)) {
            return FileReport.NONE;
        }
        try {
            return new FileReport(path, null, null,
                    infos(SslFiles.readCertificates(Path.of(path.trim()), role, password), now), null);
        } catch (SslFileException e) {
            return FileReport.failed(path, e, null);
        }
    }

    private static List<CertificateInfo> infos(List<X509Certificate> certs, Instant now) {
        List<CertificateInfo> out = new ArrayList<>();
        for (X509Certificate c : certs) {
            out.add(CertificateInfo.of(c, now));
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** True when nothing keeps Walscope from using the files (expired certificates are shown, not refused). */
    public boolean ok() {
        return ca.ok() && certificate.ok() && key.ok() && !Boolean.FALSE.equals(keyMatchesCertificate);
    }
}
