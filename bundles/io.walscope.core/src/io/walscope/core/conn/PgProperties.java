package io.walscope.core.conn;

import java.util.Properties;

import io.walscope.core.Walscope;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;

/**
 * The one function from a profile to pgjdbc connection properties, used by the GUI and the CLI alike.
 * Secrets go into the returned properties only; the profile never holds them. SSL files are not read here
 * (the function stays pure and cheap): {@link #SSL_FACTORY} reads them when pgjdbc connects.
 */
public final class PgProperties {
    /**
     * The {@code sslfactory} Walscope hands pgjdbc whenever a CA, client certificate or key is given: it reads
     * every key form in memory (pgjdbc itself reads only unencrypted {@code BEGIN PRIVATE KEY} PEM, PKCS-8 DER
     * and PKCS-12). Named by string because it lives in {@code io.walscope.core.pg.ssl}, the layer that may
     * use javax.net.ssl and pgjdbc.
     */
    public static final String SSL_FACTORY = "io.walscope.core.pg.ssl.WalscopeSslFactory";

    private PgProperties() {
    }

    /**
     * The sslmode a connection really uses. A CA file means the user wants the server verified: with
     * {@code prefer} (the default, which silently trusts anything) that is {@code verify-full}; with
     * {@code require} it is {@code verify-ca}, as libpq does when a root certificate is present.
     */
    public static SslMode effectiveSslMode(ConnectionProfile p) {
        SslMode m = p.getSslMode();
        if (p.getSslRootCert().isEmpty()) {
            return m;
        }
        return switch (m) {
            case PREFER -> SslMode.VERIFY_FULL;
            case REQUIRE -> SslMode.VERIFY_CA;
            default -> m;
        };
    }

    /** The JDBC URL of the profile's database (host, port and database only: everything else is a property). */
    public static String jdbcUrl(ConnectionProfile p) {
        String host = p.getHost().contains(":") && !p.getHost().startsWith("[") ? "[" + p.getHost() + "]" : p.getHost();
        return "jdbc:postgresql://" + host + ":" + p.getPort() + "/";
    }

    /** Properties for an ordinary (SQL) connection. */
    public static Properties of(ConnectionProfile p, Secrets s) {
        Properties props = new Properties();
        props.setProperty("PGDBNAME", p.getDatabase());
        props.setProperty("user", p.getUser());
        if (s != null && s.password() != null) {
            props.setProperty("password", new String(s.password()));
        }
        props.setProperty("ApplicationName", "Walscope " + Walscope.VERSION);
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "0");
        props.setProperty("tcpKeepAlive", "true");
        SslMode mode = effectiveSslMode(p);
        props.setProperty("sslmode", mode.value());
        boolean files = !p.getSslRootCert().isEmpty() || !p.getSslCert().isEmpty() || !p.getSslKey().isEmpty();
        if (mode != SslMode.DISABLE && files) {
            props.setProperty("sslfactory", SSL_FACTORY);
        }
        if (!p.getSslRootCert().isEmpty()) {
            props.setProperty("sslrootcert", p.getSslRootCert());
        }
        if (!p.getSslCert().isEmpty()) {
            props.setProperty("sslcert", p.getSslCert());
        }
        if (!p.getSslKey().isEmpty()) {
            props.setProperty("sslkey", p.getSslKey());
        }
        if (s != null && s.keyPassword() != null) {
            props.setProperty("sslpassword", new String(s.keyPassword()));
        }
        return props;
    }

    /** Properties for a logical replication connection ({@code replication=database}). */
    public static Properties forReplication(ConnectionProfile p, Secrets s) {
        Properties props = of(p, s);
        props.setProperty("replication", "database");
        props.setProperty("assumeMinServerVersion", "9.4");
        props.setProperty("preferQueryMode", "simple");
        return props;
    }
}
