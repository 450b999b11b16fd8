package io.walscope.core.pg.ssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.demo.server.PgCluster;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ssl.TestPki;

/**
 * SSL servers of the test bed, shared by the SSL test classes: per major version one server with
 * {@code ssl = on}, the test PKI's server certificate (localhost, 127.0.0.1) and CA, and pg_hba lines for
 * certificate authentication ({@code alice}) and passwords over SSL ({@code bob}); and one whose certificate
 * names only {@code db.example.test}, for hostname checks. The test bed stops them when the JVM exits.
 */
final class SslServers {
    static final String CERT_USER = "alice";
    static final String PASSWORD_USER = "bob";
    static final String PASSWORD = "bob-Secret-7";
    /** Rejected without SSL by pg_hba. */
    static final String SSL_ONLY_USER = "carol";

    /** The servers of one major version. */
    record Servers(TestServer main, TestServer elsewhere) {
    }

    private static TestPki pki;
    private static final Map<String, Servers> SERVERS = new HashMap<>();

    private SslServers() {
    }

    static synchronized TestPki pki() {
        if (pki == null) {
            try {
                Path dir = Files.createTempDirectory("walscope-ssl-pki-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir.toFile()), "walscope-ssl-pki-cleanup"));
                pki = TestPki.create(dir, CERT_USER);
                pki.issueServer("server-elsewhere", "db.example.test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pki;
    }

    /** Plain java.io and no lambdas: runs in a shutdown hook, after the OSGi framework closed this bundle's loader. */
    static void deleteTree(java.io.File f) {
        java.io.File[] children = f.listFiles();
        if (children != null) {
            for (java.io.File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }

    static synchronized Servers of(String major) {
        return SERVERS.computeIfAbsent(major, m -> {
            TestPki p = pki();
            TestServer main = start(m, "ssl", p.server().certFile(), p.server().keyFile());
            main.sql("postgres", "CREATE ROLE " + CERT_USER + " LOGIN REPLICATION",
                    "CREATE ROLE " + PASSWORD_USER + " LOGIN PASSWORD '" + PASSWORD + "'",
                    "CREATE ROLE " + SSL_ONLY_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            TestServer elsewhere = start(m, "ssl-elsewhere", p.directory().resolve("server-elsewhere.crt"),
                    p.directory().resolve("server-elsewhere.key"));
            elsewhere.sql("postgres", "CREATE ROLE " + PASSWORD_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            return new Servers(main, elsewhere);
        });
    }

    private static TestServer start(String major, String name, Path cert, Path key) {
        return PgTestBed.dedicated(major, name, c -> {
            try {
                // beside the data directory (which initdb wants empty), readable by the server user
                Path dir = c.dataDir().getParent().resolve("ssl");
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path crt = Files.copy(cert, dir.resolve("server.crt"));
                Path k = Files.copy(key, dir.resolve("server.key"));
                Path ca = Files.copy(pki().ca().certFile(), dir.resolve("root.crt"));
                Files.setPosixFilePermissions(crt, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(k, PosixFilePermissions.fromString("rw-------"));
                PgCluster.chownToServerUser(k);
                c.conf("ssl = on", "ssl_cert_file = '" + crt + "'", "ssl_key_file = '" + k + "'",
                        "ssl_ca_file = '" + ca + "'");
                c.hba("hostssl all " + CERT_USER + " 127.0.0.1/32 cert",
                        "hostssl all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256",
                        "hostssl all " + SSL_ONLY_USER + " 127.0.0.1/32 scram-sha-256",
                        "hostnossl all " + SSL_ONLY_USER + " 127.0.0.1/32 reject");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A profile for {@code user} on {@code s} with the given SSL settings (paths may be null). */
    static ConnectionProfile profile(TestServer s, String host, String user, SslMode mode, Path ca, Path cert,
            Path key) {
        return new ConnectionProfile().setName("ssl-test").setHost(host).setPort(s.port()).setDatabase("postgres")
                .setUser(user).setSslMode(mode).setSslRootCert(ca == null ? "" : ca.toString())
                .setSslCert(cert == null ? "" : cert.toString()).setSslKey(key == null ? "" : key.toString());
    }

    static Secrets keyPassword(boolean encrypted) {
        return Secrets.of(null, encrypted ? TestPki.PASSWORD : null);
    }
}
