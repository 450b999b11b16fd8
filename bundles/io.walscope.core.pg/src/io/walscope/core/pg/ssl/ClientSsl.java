package io.walscope.core.pg.ssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.PgProperties;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.core.ssl.ClientIdentity;
import io.walscope.core.ssl.FileRole;
import io.walscope.core.ssl.SslFiles;

/**
 * Builds the TLS context of a connection from the SSL properties {@link PgProperties#of} produces
 * ({@code sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslpassword}), reading the
 * files with {@link SslFiles} so that every key form works and every problem is one sentence.
 */
public final class ClientSsl {
    private ClientSsl() {
    }

    /** The SSL settings of a set of pgjdbc properties. Paths are null when not given. */
    record Settings(SslMode mode, Path rootCert, Path cert, Path key, char[] password) {
        static Settings of(Properties info) {
            String mode = info.getProperty("sslmode", "prefer");
            String pw = info.getProperty("sslpassword");
            return new Settings(SslMode.parse(mode), path(info, "sslrootcert"), path(info, "sslcert"),
                    path(info, "sslkey"), pw == null ? null : pw.toCharArray());
        }

        private static Path path(Properties info, String key) {
            String v = info.getProperty(key);
            return v == null || v.isBlank() ? null : Path.of(v.trim());
        }

        boolean verifies() {
            return mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
        }
    }

    /** libpq's and pgjdbc's default CA file, used by verify-ca/verify-full when no CA is given. */
    static Path defaultRootCert() {
        return Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
    }

    /**
     * Reads the files and builds the context.
     *
     * @throws WalscopeException with one sentence naming the file and the fix
     */
    public static SSLContext context(Properties info) throws WalscopeException {
        Settings s = Settings.of(info);
        KeyManager[] km = null;
        ClientIdentity id = identity(s);
        if (id != null) {
            km = new KeyManager[] { new ClientKeyManager(id) };
        }
        TrustManager tm;
        try {
            if (s.verifies()) {
                Path ca = caFile(s);
                List<X509Certificate> cas = SslFiles.readCertificates(ca, FileRole.CA_CERTIFICATE, null);
                tm = new CaTrustManager(cas, ca, s.mode() == SslMode.VERIFY_FULL);
            } else {
                tm = new TrustEverything();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(km, new TrustManager[] { tm }, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new WalscopeException("Java cannot set up SSL (" + e.getMessage()
                    + "): check the Java installation's security settings.", e);
        }
    }

    /** The client identity of the settings, or null when no client certificate or key was given. */
    static ClientIdentity identity(Settings s) throws WalscopeException {
        if (s.cert() == null && s.key() == null) {
            return null;
        }
        return ClientIdentity.load(s.cert(), s.key(), s.password());
    }

    static Path caFile(Settings s) throws WalscopeException {
        if (s.rootCert() != null) {
            return s.rootCert();
        }
        Path def = defaultRootCert();
        if (Files.isRegularFile(def)) {
            return def;
        }
        throw new WalscopeException("SSL mode " + s.mode().value()
                + " needs the CA certificate that signed the server's certificate: choose it in the SSL settings (or --sslrootcert).");
    }

    /**
     * Reads every SSL file of the profile as a connection would, without connecting: lets the CLI and the
     * wizard fail early, and with {@code prefer} keeps a broken key from silently ending in a plain
     * connection.
     */
    public static void check(ConnectionProfile p, Secrets secrets) throws WalscopeException {
        Properties props = PgProperties.of(p, secrets);
        if (PgProperties.SSL_FACTORY.equals(props.getProperty("sslfactory"))) {
            context(props);
        }
    }

    /** What pgjdbc's NonValidatingFactory does for sslmode allow, prefer and require without a CA. */
    static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // client side only
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // encryption without verification: what the user's mode asks for
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
