package io.walscope.testbed.ssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.walscope.demo.server.PgCluster;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * A test server with {@code ssl = on}, the PKI's server certificate and CA, and pg_hba rules: certificate
 * authentication over SSL for the PKI's user, passwords (scram) over SSL for everyone else. The caller stops
 * it ({@link TestServer#close()}), or the test bed does at exit.
 */
public final class SslTestServer {
    private SslTestServer() {
    }

    public static TestServer start(String major, TestPki pki) {
        TestServer s = PgTestBed.dedicated(major, "ssl", c -> {
            try {
                // beside the data directory (which initdb wants empty), readable by the server user
                Path dir = c.dataDir().getParent().resolve("ssl");
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path crt = Files.copy(pki.server().certFile(), dir.resolve("server.crt"));
                Path key = Files.copy(pki.server().keyFile(), dir.resolve("server.key"));
                Path ca = Files.copy(pki.ca().certFile(), dir.resolve("root.crt"));
                Files.setPosixFilePermissions(crt, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                PgCluster.chownToServerUser(key);
                c.conf("ssl = on", "ssl_cert_file = '" + crt + "'", "ssl_key_file = '" + key + "'", "ssl_ca_file = '" + ca + "'");
                c.hba("hostssl all " + pki.user() + " 127.0.0.1/32 cert",
                        "hostssl all all 127.0.0.1/32 " + c.authMethod());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        s.sql("postgres", "CREATE ROLE " + pki.user() + " LOGIN REPLICATION");
        return s;
    }
}
