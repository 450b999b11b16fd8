package io.walscope.core.conn;

import java.util.Properties;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.SslMode;
import io.walscope.core.profile.TargetSessionAttrs;

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

    /** What DBAs see in {@code pg_stat_activity.application_name} unless the user names it. */
    public static final String APPLICATION_NAME = "walscope";
    /** The live change viewer's. */
    public static final String VIEWER_APPLICATION_NAME = "walscope_viewer";
    /** Seconds to wait for a connection when the user does not say (libpq's default is forever). */
    public static final int DEFAULT_CONNECT_TIMEOUT = 10;

    private PgProperties() {
    }

    /**
     * pgjdbc's {@code connectTimeout} for the profile: libpq's {@code connect_timeout} (0 waits as long as it takes;
     * 1 is taken as 2, as libpq does since PostgreSQL 12), or {@value #DEFAULT_CONNECT_TIMEOUT}.
     */
    public static int connectTimeout(ConnectionProfile p) {
        int t = p.getConnectTimeout();
        return t < 0 ? DEFAULT_CONNECT_TIMEOUT : t == 1 ? 2 : t;
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

    /**
     * The JDBC URL of the profile's hosts ({@code jdbc:postgresql://h1:p1,h2:p2/}: pgjdbc tries them in order); the
     * database and everything else are properties.
     */
    public static String jdbcUrl(ConnectionProfile p) {
        StringBuilder b = new StringBuilder("jdbc:postgresql://");
        for (HostPort h : p.getHosts()) {
            if (b.length() > 18) {
                b.append(',');
            }
            b.append(h.host().contains(":") && !h.host().startsWith("[") ? "[" + h.host() + "]" : h.host())
                    .append(':').append(h.port());
        }
        return b.append('/').toString();
    }

    /** Properties for an ordinary (SQL) connection. */
    public static Properties of(ConnectionProfile p, Secrets s) {
        Properties props = new Properties();
        props.setProperty("PGDBNAME", p.getDatabase());
        props.setProperty("user", p.getUser());
        if (s != null && s.password() != null) {
            props.setProperty("password", new String(s.password()));
        }
        props.setProperty("ApplicationName", p.getApplicationName().isEmpty() ? APPLICATION_NAME : p.getApplicationName());
        // libpq's connect_timeout covers the whole login, pgjdbc's connectTimeout only the TCP connect
        props.setProperty("connectTimeout", String.valueOf(connectTimeout(p)));
        props.setProperty("loginTimeout", String.valueOf(connectTimeout(p)));
        props.setProperty("socketTimeout", "0");
        props.setProperty("tcpKeepAlive", "true");
        if (p.getTargetSessionAttrs() != TargetSessionAttrs.ANY) {
            props.setProperty("targetServerType", p.getTargetSessionAttrs().pgjdbc());
        }
        if (p.isMultiHost()) {
            // pgjdbc remembers which host was primary for hostRecheckSeconds (10 s): after a failover, ask again soon
            props.setProperty("hostRecheckSeconds", "1");
        }
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
