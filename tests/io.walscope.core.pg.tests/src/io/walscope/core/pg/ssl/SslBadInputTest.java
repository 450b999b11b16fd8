package io.walscope.core.pg.ssl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.demo.server.PgCluster;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ssl.TestPki;
import io.walscope.testbed.ssl.TestPki.Alg;
import io.walscope.testbed.ssl.TestPki.KeyForm;

/** Each bad input of the issue, against real servers: one sentence that names the cause and the fix. */
class SslBadInputTest {
    private static Path tmp;

    @BeforeAll
    static void tempDir() throws IOException {
        tmp = Files.createTempDirectory("walscope-ssl-bad-");
    }

    @AfterAll
    static void removeTempDir() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Stream<String> eachVersion() {
        return SslConnectTest.versions().stream();
    }

    /** Connects, expects a refusal whose message contains {@code expected}, checks it is a proper sentence. */
    static String refused(ConnectionProfile p, Secrets s, String expected) {
        WalscopeException e = assertThrows(WalscopeException.class, () -> new PgConnector().connect(p, s).close());
        String m = e.getMessage();
        assertTrue(m.contains(expected), "expected '" + expected + "' in: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("Exception") || m.contains("\tat "), "no exception or stack trace: " + m);
        assertTrue(m.contains(": "), "cause and fix: " + m);
        assertFalse(m.contains(TestPki.PASSWORD) || m.contains(SslServers.PASSWORD), "no secret: " + m);
        return m;
    }

    private static TestServer main(String major) {
        return SslServers.of(major).main();
    }

    private static TestPki pki() {
        return SslServers.pki();
    }

    private static ConnectionProfile cert(String major, Path cert, Path key) {
        return SslServers.profile(main(major), "127.0.0.1", SslServers.CERT_USER, SslMode.VERIFY_FULL,
                pki().ca().certFile(), cert, key);
    }

    private static ConnectionProfile password(TestServer s, SslMode mode, Path ca) {
        return SslServers.profile(s, "127.0.0.1", SslServers.PASSWORD_USER, mode, ca, null, null);
    }

    private static final Secrets BOB = Secrets.of(SslServers.PASSWORD, null);

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void wrongPassword(String major) {
        refused(password(main(major), SslMode.VERIFY_FULL, pki().ca().certFile()), Secrets.of("not-it", null),
                "Password authentication failed for user \"bob\"");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void unknownUser(String major) {
        ConnectionProfile p = password(main(major), SslMode.VERIFY_FULL, pki().ca().certFile()).setUser("nobody_here");
        refused(p, BOB, "\"nobody_here\"");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void databaseThatDoesNotExist(String major) {
        ConnectionProfile p = cert(major, pki().client(Alg.EC).certFile(), pki().client(Alg.EC).keyFile())
                .setDatabase("no_such_db");
        refused(p, Secrets.NONE, "Database \"no_such_db\" does not exist");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void closedPortAndUnknownHost(String major) throws IOException {
        ConnectionProfile p = password(main(major), SslMode.VERIFY_FULL, pki().ca().certFile())
                .setPort(PgCluster.freePort());
        refused(p, BOB, "Nothing accepts connections at 127.0.0.1:" + p.getPort());
        refused(p.copy().setHost("no-such-host.invalid"), BOB, "Host \"no-such-host.invalid\" is unknown");
        // with a client certificate configured the cause is still the port, not the certificate
        ConnectionProfile withCert = cert(major, pki().client(Alg.RSA).certFile(), pki().client(Alg.RSA).keyFile())
                .setPort(p.getPort());
        refused(withCert, Secrets.NONE, "Nothing accepts connections at 127.0.0.1:" + p.getPort());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void serverWithoutSslWhenSslIsRequired(String major) {
        TestServer plain = PgTestBed.server(major);
        for (SslMode mode : new SslMode[] { SslMode.REQUIRE, SslMode.VERIFY_FULL }) {
            ConnectionProfile p = plain.profile("postgres").setSslMode(mode).setSslRootCert(pki().ca().certFile().toString());
            refused(p, plain.superuserSecrets(), "does not support SSL");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void sslOnlyUserWithoutSsl(String major) {
        refused(SslServers.profile(main(major), "127.0.0.1", SslServers.SSL_ONLY_USER, SslMode.DISABLE, null, null, null),
                BOB, "only over SSL");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void caThatDidNotSignTheServerCertificate(String major) {
        String m = refused(password(main(major), SslMode.VERIFY_CA, pki().otherCa().certFile()), BOB,
                "is not signed by the CA in " + pki().otherCa().certFile());
        assertTrue(m.contains("CN=Other Test CA"), m);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void hostnameMismatchUnderVerifyFull(String major) throws Exception {
        TestServer other = SslServers.of(major).elsewhere();
        refused(password(other, SslMode.VERIFY_FULL, pki().ca().certFile()), BOB,
                "The server's certificate is for db.example.test, not for 127.0.0.1");
        // verify-ca accepts the same server: the fix the message offers works
        new PgConnector().connect(password(other, SslMode.VERIFY_CA, pki().ca().certFile()), BOB).close();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void expiredClientCertificate(String major) {
        refused(cert(major, pki().expiredClient().certFile(), pki().expiredClient().keyFile()), Secrets.NONE,
                "because it expired");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void clientCertificateFromAnotherCa(String major) {
        String m = refused(cert(major, pki().otherCaClient().certFile(), pki().otherCaClient().keyFile()),
                Secrets.NONE, "ssl_ca_file");
        assertTrue(m.contains("CN=Other Test CA"), m);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void clientCertificateOfAnotherUser(String major) {
        refused(cert(major, pki().stranger().certFile(), pki().stranger().keyFile()), Secrets.NONE,
                "is not accepted for user \"alice\"");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void certificateAuthenticationWithoutCertificate(String major) {
        refused(cert(major, null, null), Secrets.NONE, "requires a client certificate for user \"alice\"");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void encryptedKeyWithWrongOrMissingPassword(String major) {
        for (KeyForm f : new KeyForm[] { KeyForm.PEM_TRADITIONAL_ENCRYPTED, KeyForm.PEM_PKCS8_ENCRYPTED, KeyForm.PKCS12 }) {
            Path key = pki().clientKey(Alg.RSA, f);
            Path crt = f == KeyForm.PKCS12 ? null : pki().client(Alg.RSA).certFile();
            refused(cert(major, crt, key), Secrets.of(null, "Wrong-Pass-9"), "The password does not open the encrypted client key file " + key);
            refused(cert(major, crt, key), Secrets.NONE, "is encrypted and no password was given");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void keyThatDoesNotMatchTheCertificate(String major) {
        refused(cert(major, pki().client(Alg.RSA).certFile(), pki().stranger().keyFile()), Secrets.NONE,
                "does not belong to the client certificate " + pki().client(Alg.RSA).certFile());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void filesThatAreNotKeysOrCertificates(String major) throws IOException {
        Path text = Files.writeString(tmp.resolve("readme.txt"), "this is not a key\n");
        Path empty = Files.write(tmp.resolve("empty.key"), new byte[0]);
        Path crt = pki().client(Alg.RSA).certFile();
        refused(cert(major, crt, text), Secrets.NONE, "is a text file without a key or certificate in it");
        refused(cert(major, crt, empty), Secrets.NONE, "The client key file " + empty + " is empty");
        refused(cert(major, text, pki().client(Alg.RSA).keyFile()), Secrets.NONE, "The client certificate file " + text);
        refused(SslServers.profile(main(major), "127.0.0.1", SslServers.PASSWORD_USER, SslMode.VERIFY_FULL, empty,
                null, null), BOB, "The CA certificate file " + empty + " is empty");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("eachVersion")
    void missingFile(String major) {
        Path gone = tmp.resolve("gone.crt");
        refused(cert(major, gone, pki().client(Alg.RSA).keyFile()), Secrets.NONE,
                "The client certificate file " + gone + " does not exist");
        refused(password(main(major), SslMode.VERIFY_FULL, gone), BOB, "The CA certificate file " + gone + " does not exist");
    }
}
