package io.walscope.core.pg.ssl;

import java.net.SocketException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLException;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.PgProperties;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.core.ssl.CertificateInfo;
import io.walscope.core.ssl.FileRole;
import io.walscope.core.ssl.SslFileException;
import io.walscope.core.ssl.SslFiles;

/**
 * One sentence for each way an SSL connection fails: Walscope's own file and certificate checks, the
 * server's refusals of a client certificate, and what pgjdbc reports when it handled SSL itself.
 */
public final class SslErrors {
    private SslErrors() {
    }

    /**
     * Explains {@code e} when it is an SSL failure.
     *
     * @return the sentence, or null when {@code e} is not about SSL
     */
    public static String explain(Throwable e, ConnectionProfile p) {
        String where = p.getHost() + ":" + p.getPort();
        // Walscope's own checks carry their sentence: file problems, key/certificate mismatch, server certificate
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof WalscopeException || t instanceof ServerCertificateException) {
                return t.getMessage();
            }
        }
        String state = e instanceof SQLException se ? se.getSQLState() : null;
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("connection requires a valid client certificate")) {
            return "The server at " + where + " requires a client certificate for user \"" + p.getUser()
                    + "\": choose the client certificate and key in the SSL settings (--sslcert and --sslkey).";
        }
        if (msg.contains("certificate authentication failed for user")) {
            CertificateInfo c = clientCertificate(p);
            String cn = c == null ? null : c.commonName();
            return "The client certificate" + (c == null ? "" : " " + p.getSslCert() + " (CN=" + cn + ")")
                    + " is not accepted for user \"" + p.getUser() + "\": certificate authentication needs CN="
                    + p.getUser() + " (or a pg_ident.conf map), so use that user's certificate"
                    + (cn == null ? "" : " or connect as \"" + cn + "\"") + ".";
        }
        if ("28000".equals(state) && (msg.contains("no pg_hba.conf entry") || msg.contains("pg_hba.conf rejects"))
                && msg.contains("no encryption")) {
            return "The server at " + where + " refuses user \"" + p.getUser() + "\" without encryption (pg_hba.conf has"
                    + " no line that lets it connect unencrypted from this host): if it accepts the user only over SSL,"
                    + " choose SSL mode require or stronger; else add a pg_hba.conf line for it and reload.";
        }
        if (msg.contains("could not be verified by hostnameverifier")) {
            return "The server's certificate does not name " + p.getHost()
                    + ": connect with a name the certificate lists, or choose SSL mode verify-ca.";
        }
        if (has(e, ClassNotFoundException.class.getName()) && msg.contains(PgProperties.SSL_FACTORY)) {
            return "The PostgreSQL driver could not load Walscope's SSL support (a class-loading problem, a bug in "
                    + "Walscope): please report it.";
        }
        String alert = alert(e);
        CertificateInfo client = null;
        // TLS 1.3: the server checks the client certificate after the client's last handshake message and
        // closes; depending on timing the client sees the alert, a broken pipe, or a reset on its first read
        boolean dropped = has(e, SocketException.class.getName()) || has(e, java.io.EOFException.class.getName());
        if (alert != null || dropped) {
            client = clientCertificate(p);
        }
        if (!isSsl(e) && alert == null && !(dropped && client != null)) {
            return null;
        }
        String certName = p.getSslCert().isEmpty() ? p.getSslKey() : p.getSslCert();
        if ("certificate_expired".equals(alert) || (alert == null && client != null && client.expired())) {
            return "The server refused the client certificate " + certName + " because it expired"
                    + (client == null ? "" : " on " + client.notAfter().toString().substring(0, 10))
                    + ": get a new certificate from the database administrator.";
        }
        if ("decrypt_error".equals(alert)) {
            return "The server could not verify the client key against the client certificate " + certName
                    + ": choose the key that belongs to the certificate.";
        }
        if ("unknown_ca".equals(alert) || (alert == null && client != null && dropped)) {
            String hedge = alert == null ? "most likely " : "";
            return "The server " + (alert == null ? "closed the connection when it received" : "refused")
                    + " the client certificate " + certName + (client == null ? ""
                            : " (" + client.subject() + ", issued by " + client.issuer() + ")")
                    + ": it " + hedge + "does not trust that issuer; use a certificate signed by a CA in the server's"
                    + " ssl_ca_file (the server log says why).";
        }
        if (alert != null && alert.matches("bad_certificate|certificate_unknown|access_denied|"
                + "unsupported_certificate|certificate_revoked")) {
            return "The server refused the client certificate " + certName
                    + (client == null ? "" : " (" + client.subject() + ", issued by " + client.issuer() + ")")
                    + " with \"" + alert.replace('_', ' ') + "\": check the certificate with the database administrator"
                    + " (the server log says why).";
        }
        if (has(e, "PKIX") || msg.contains("unable to find valid certification path")) {
            return "The server's certificate is not signed by the CA in "
                    + (p.getSslRootCert().isEmpty() ? "~/.postgresql/root.crt" : p.getSslRootCert())
                    + ": choose the CA certificate that signed the server's certificate.";
        }
        if (alert != null) {
            return "The SSL handshake with " + where + " failed (the server said " + alert
                    + "): check the SSL settings and the server log.";
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        Throwable c = t.getCause();
        return c == t ? null : c;
    }

    private static boolean isSsl(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SSLException || String.valueOf(t.getMessage()).startsWith("SSL error")) {
                return true;
            }
        }
        return false;
    }

    /** True when a class of that name, or a message containing it, is in the cause chain. */
    private static boolean has(Throwable e, String text) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t.getClass().getName().equals(text) || String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The TLS alert the server sent ("certificate_expired"), from "Received fatal alert: ...". */
    private static String alert(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            String m = String.valueOf(t.getMessage());
            int i = m.indexOf("Received fatal alert: ");
            if (i >= 0) {
                String a = m.substring(i + 22).trim();
                int end = 0;
                while (end < a.length() && (Character.isLetterOrDigit(a.charAt(end)) || a.charAt(end) == '_')) {
                    end++;
                }
                return a.substring(0, end);
            }
        }
        return null;
    }

    /** The client certificate of the profile, when it can be read without a password; else null. */
    static CertificateInfo clientCertificate(ConnectionProfile p) {
        if (p.getSslMode() == SslMode.DISABLE) {
            return null;
        }
        try {
            List<X509Certificate> certs;
            if (!p.getSslCert().isEmpty()) {
                certs = SslFiles.readCertificates(Path.of(p.getSslCert()), FileRole.CLIENT_CERTIFICATE, null);
            } else if (!p.getSslKey().isEmpty()) {
                certs = SslFiles.readCertificates(Path.of(p.getSslKey()), FileRole.CLIENT_KEY, null);
            } else {
                return null;
            }
            return CertificateInfo.of(certs.get(0), Instant.now());
        } catch (SslFileException | RuntimeException e) {
            return null;
        }
    }
}
