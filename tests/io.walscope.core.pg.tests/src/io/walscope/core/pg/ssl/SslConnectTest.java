package io.walscope.core.pg.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.conn.PgProperties;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ssl.TestPki.Alg;
import io.walscope.testbed.ssl.TestPki.KeyForm;

/**
 * Good paths against real servers with {@code ssl = on}: every key form, RSA and EC, connects with
 * verify-full and certificate authentication; passwords over verified SSL; a CA with {@code prefer}; a
 * replication connection; and the converted-files fallback through pgjdbc's own key handling.
 */
class SslConnectTest {
    /** The SSL tests run on these versions (the issue asks for 15 and 16), within the test bed's selection. */
    static List<String> versions() {
        List<String> v = new ArrayList<>();
        for (String m : List.of("15", "16")) {
            if (io.walscope.testbed.PgTestBed.versions().contains(m)) {
                v.add(m);
            }
        }
        return v;
    }

    static Stream<Arguments> everyForm() {
        List<Arguments> out = new ArrayList<>();
        for (String v : versions()) {
            for (Alg a : Alg.values()) {
                for (KeyForm f : KeyForm.values()) {
                    out.add(Arguments.of(v, a, f));
                }
            }
        }
        return out.stream();
    }

    static Stream<String> eachVersion() {
        return versions().stream();
    }

    /** current_user, ssl and client_dn of the session. */
    static List<String> session(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT current_user, ssl::text, coalesce(client_dn, '') FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}, {1} key as {2}")
    @MethodSource("everyForm")
    void certificateAuthenticationWithVerifyFull(String major, Alg alg, KeyForm form) throws Exception {
        TestServer s = SslServers.of(major).main();
        TestPki pki = SslServers.pki();
        boolean bundle = form == KeyForm.PKCS12 || form == KeyForm.PEM_BUNDLE;
        ConnectionProfile p = SslServers.profile(s, "127.0.0.1", SslServers.CERT_USER, SslMode.VERIFY_FULL,
                pki.ca().certFile(), bundle ? null : pki.client(alg).certFile(), pki.clientKey(alg, form));
        try (Connection c = new PgConnector().connect(p, SslServers.keyPassword(form.encrypted()))) {
            List<String> row = session(c);
            assertEquals(SslServers.CERT_USER, row.get(0));
            assertEquals("true", row.get(1));
            assertTrue(row.get(2).contains("CN=" + SslServers.CERT_USER), row.get(2));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void passwordOverVerifiedSsl(String major) throws Exception {
        TestServer s = SslServers.of(major).main();
        for (String host : List.of("127.0.0.1", "localhost")) {
            for (SslMode mode : List.of(SslMode.VERIFY_FULL, SslMode.VERIFY_CA)) {
                ConnectionProfile p = SslServers.profile(s, host, SslServers.PASSWORD_USER, mode,
                        SslServers.pki().ca().certFile(), null, null);
                try (Connection c = new PgConnector().connect(p, Secrets.of(SslServers.PASSWORD, null))) {
                    assertEquals(List.of(SslServers.PASSWORD_USER, "true", ""), session(c), host + " " + mode);
                }
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void aCaWithPreferIsVerified(String major) throws Exception {
        TestServer s = SslServers.of(major).main();
        ConnectionProfile p = SslServers.profile(s, "127.0.0.1", SslServers.PASSWORD_USER, SslMode.PREFER,
                SslServers.pki().ca().certFile(), null, null);
        assertEquals("verify-full", PgProperties.of(p, Secrets.NONE).getProperty("sslmode"));
        try (Connection c = new PgConnector().connect(p, Secrets.of(SslServers.PASSWORD, null))) {
            assertEquals("true", session(c).get(1));
        }
        // and the same CA with a server whose certificate names another host is refused, not trusted silently
        TestServer other = SslServers.of(major).elsewhere();
        ConnectionProfile q = SslServers.profile(other, "127.0.0.1", SslServers.PASSWORD_USER, SslMode.PREFER,
                SslServers.pki().ca().certFile(), null, null);
        SslBadInputTest.refused(q, Secrets.of(SslServers.PASSWORD, null), "not for 127.0.0.1");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void requireWithoutCaEncryptsWithoutVerifying(String major) throws Exception {
        ConnectionProfile p = SslServers.profile(SslServers.of(major).elsewhere(), "127.0.0.1",
                SslServers.PASSWORD_USER, SslMode.REQUIRE, null, null, null);
        try (Connection c = new PgConnector().connect(p, Secrets.of(SslServers.PASSWORD, null))) {
            assertEquals("true", session(c).get(1));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void replicationConnectionWithCertificate(String major) throws Exception {
        TestServer s = SslServers.of(major).main();
        TestPki pki = SslServers.pki();
        ConnectionProfile p = SslServers.profile(s, "localhost", SslServers.CERT_USER, SslMode.VERIFY_FULL,
                pki.ca().certFile(), pki.client(Alg.RSA).certFile(),
                pki.clientKey(Alg.RSA, KeyForm.PEM_TRADITIONAL_ENCRYPTED));
        try (Connection c = new PgConnector().connectReplication(p, SslServers.keyPassword(true));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("IDENTIFY_SYSTEM")) {
            assertTrue(rs.next());
            assertTrue(rs.getString("xlogpos").contains("/"), rs.getString("xlogpos"));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void convertedFilesForPgjdbcsOwnKeyHandling(String major) throws Exception {
        TestServer s = SslServers.of(major).main();
        TestPki pki = SslServers.pki();
        for (KeyForm form : List.of(KeyForm.PEM_TRADITIONAL_ENCRYPTED, KeyForm.PEM_PKCS8_ENCRYPTED, KeyForm.PKCS12)) {
            for (Alg alg : Alg.values()) {
                boolean bundle = form == KeyForm.PKCS12;
                ConnectionProfile p = SslServers.profile(s, "127.0.0.1", SslServers.CERT_USER, SslMode.VERIFY_FULL,
                        pki.ca().certFile(), bundle ? null : pki.client(alg).certFile(), pki.clientKey(alg, form));
                java.nio.file.Path dir;
                try (NativeSslFiles n = NativeSslFiles.convert(PgProperties.of(p, SslServers.keyPassword(true)), null)) {
                    dir = n.directory();
                    assertEquals(null, n.properties().getProperty("sslfactory"));
                    assertEquals(null, n.properties().getProperty("sslpassword"));
                    try (Connection c = new org.postgresql.Driver().connect(PgProperties.jdbcUrl(p), n.properties())) {
                        assertEquals(List.of(SslServers.CERT_USER, "true"), session(c).subList(0, 2), alg + " " + form);
                    }
                }
                assertTrue(!java.nio.file.Files.exists(dir), "converted files removed");
            }
        }
    }
}
