package io.walscope.core.pg.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.walscope.core.conn.PgProperties;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.testbed.ssl.TestPki.Alg;
import io.walscope.testbed.ssl.TestPki.KeyForm;

/**
 * How pgjdbc finds {@link WalscopeSslFactory}: it loads {@code sslfactory} by name with its own class loader,
 * then with the thread's context class loader. Under OSGi (these tests run in Equinox) its bundle cannot
 * see ours, so the context loader decides; {@link PgConnector} sets it around every connect.
 */
class FactoryClassLoadingTest {
    private static ConnectionProfile profile() {
        String major = SslConnectTest.versions().get(0);
        return SslServers.profile(SslServers.of(major).main(), "127.0.0.1", SslServers.CERT_USER,
                SslMode.VERIFY_FULL, SslServers.pki().ca().certFile(), SslServers.pki().client(Alg.EC).certFile(),
                SslServers.pki().clientKey(Alg.EC, KeyForm.PEM_PKCS8_ENCRYPTED));
    }

    @Test
    void theNameMatchesTheClass() {
        assertEquals(WalscopeSslFactory.class.getName(), PgProperties.SSL_FACTORY);
    }

    @Test
    void withOurContextLoaderPgjdbcFindsTheFactory() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(null);
        try (Connection c = WalscopeSslFactory.withContextLoader(() -> open(profile()))) {
            assertEquals(SslServers.CERT_USER, SslConnectTest.session(c).get(0));
            assertEquals(null, Thread.currentThread().getContextClassLoader(), "restored");
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void pgjdbcAloneCannotSeeItUnderOsgi() {
        boolean osgi = !canSee(org.postgresql.Driver.class.getClassLoader());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(null);
        try {
            if (osgi) {
                SQLException e = assertThrows(SQLException.class, () -> open(profile()).close());
                assertTrue(e.getMessage().contains("could not be instantiated"), e.getMessage());
                String m = io.walscope.core.pg.PgErrors.explainConnect(e, profile()).getMessage();
                assertTrue(m.contains("could not load Walscope's SSL support"), m);
            } else {
                // a flat class path: the driver's own loader sees the factory
                assertTrue(canSee(org.postgresql.Driver.class.getClassLoader()));
            }
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void pgConnectorWorksWhateverTheThreadsContextLoader() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(null);
        try (Connection c = new PgConnector().connect(profile(), SslServers.keyPassword(true))) {
            assertEquals(SslServers.CERT_USER, SslConnectTest.session(c).get(0));
            assertEquals(null, Thread.currentThread().getContextClassLoader(), "restored");
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    private static boolean canSee(ClassLoader l) {
        try {
            return Class.forName(PgProperties.SSL_FACTORY, false, l) == WalscopeSslFactory.class;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Connection open(ConnectionProfile p) throws SQLException {
        return new org.postgresql.Driver().connect(PgProperties.jdbcUrl(p),
                PgProperties.of(p, SslServers.keyPassword(true)));
    }
}
