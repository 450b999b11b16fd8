package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.postgresql.Driver;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.ConnectionOptions;
import io.walscope.core.conn.PgProperties;
import io.walscope.core.pg.ssl.WalscopeSslFactory;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;

/**
 * Opens connections for a profile. The driver is used directly (not through {@code DriverManager}, which
 * does not see OSGi bundles).
 */
public class PgConnector {
    private static final Driver DRIVER = new Driver();

    /**
     * Opens an ordinary SQL connection, or fails with a sentence that names the cause. As libpq, the process's
     * {@code PGAPPNAME} and {@code PGCONNECT_TIMEOUT} apply where the profile does not say.
     */
    public Connection connect(ConnectionProfile p, Secrets s) throws WalscopeException {
        ConnectionProfile e = withEnvironment(p);
        return open(e, PgProperties.of(e, s));
    }

    /** Opens a logical replication connection ({@code replication=database}). */
    public Connection connectReplication(ConnectionProfile p, Secrets s) throws WalscopeException {
        ConnectionProfile e = withEnvironment(p);
        return open(e, PgProperties.forReplication(e, s));
    }

    private static ConnectionProfile withEnvironment(ConnectionProfile p) {
        try {
            return ConnectionOptions.applyEnvironmentDefaults(p.copy(), System.getenv());
        } catch (IllegalArgumentException e) {
            return p; // a malformed PGCONNECT_TIMEOUT: the CLI says so; here the profile's own settings stand
        }
    }

    protected Connection open(ConnectionProfile p, Properties props) throws WalscopeException {
        PgPass.quietDriver();
        try {
            // pgjdbc loads Walscope's sslfactory by name; under OSGi only through the context class loader
            Connection c = WalscopeSslFactory.withContextLoader(() -> DRIVER.connect(PgProperties.jdbcUrl(p), props));
            if (c == null) {
                throw new WalscopeException("pgjdbc did not accept the URL " + PgProperties.jdbcUrl(p) + ".");
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            throw PgErrors.explainConnect(e, p);
        }
    }

    /** pgjdbc's version, for {@code walscope version}. */
    public static String driverVersion() {
        return Driver.getVersion();
    }
}
