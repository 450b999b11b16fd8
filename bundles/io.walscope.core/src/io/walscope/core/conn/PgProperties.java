package io.walscope.core.conn;

import java.util.Properties;

import io.walscope.core.Walscope;
import io.walscope.core.profile.ConnectionProfile;

/**
 * The one function from a profile to pgjdbc connection properties, used by the GUI and the CLI alike.
 * Secrets go into the returned properties only; the profile never holds them.
 */
public final class PgProperties {
    private PgProperties() {
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
        props.setProperty("sslmode", p.getSslMode().value());
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
