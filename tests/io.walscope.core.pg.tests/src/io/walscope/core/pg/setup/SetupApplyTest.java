package io.walscope.core.pg.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Status;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.profile.SslMode;
import io.walscope.core.setup.Passwords;
import io.walscope.core.setup.SetupSql;
import io.walscope.core.ssl.CertificateSet;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * The setup's own changes, applied through the checks' applier on a server of its own (Debian's PostgreSQL 15.20:
 * wal_level replica, output_plugin_libraries at its default, no SSL): two ALTER SYSTEM fixes in one apply both take
 * effect (one reload after the last); the CDC user logs in with the generated password (the server got only its
 * verifier) and passes its checks; the generated certificate set switches SSL on and a client connects with
 * verify-full and its client certificate — the names in the server certificate are right.
 */
class SetupApplyTest {
    @Test
    void alterSystemTogetherCdcUserAndSsl() throws Exception {
        try (TestServer s = PgTestBed.dedicated(PgTestBed.PLUGINS_VERSION, "setup-apply", c -> c.conf("wal_level = replica"))) {
            String db = s.createDatabase("setup_apply");
            s.sql(db, "CREATE TABLE public.t (id int PRIMARY KEY)");
            SetupSession admin = new SetupSession(s.profile(db), s.superuserSecrets());
            CheckOptions o = CheckOptions.of(List.of("public"), Plugin.PGOUTPUT);
            CheckReport r = admin.check(o, Progress.NONE);
            Finding wal = r.find(CheckId.SERVER_WAL_LEVEL, "wal_level");
            SetupFacts facts = admin.facts(List.of("public"), "cdc", Progress.NONE);
            Finding allow = SetupSql.allowPlugins(facts.server().outputPluginLibraries(), List.of("wal2json", "decoderbufs"));
            SetupSession.Applied a = admin.apply(List.of(wal, allow), o, Progress.NONE);
            assertTrue(a.report().ok(), a.report().failure());
            assertEquals("pgoutput, test_decoding, wal2json, decoderbufs", show(s, db, "output_plugin_libraries"),
                    "the reload after the last ALTER SYSTEM");
            assertTrue(a.after().find(CheckId.SERVER_WAL_LEVEL, "wal_level").message().contains("restart"));
            s.cluster().restart();

            char[] pw = Passwords.generate(24);
            Finding user = SetupSession.cdcUser("cdc", List.of("public"), pw, facts.passwordEncryption(), true);
            assertTrue(user.fix().sql().get(user.fix().sql().size() - 1).contains("SCRAM-SHA-256$4096:"), user.fix().sql().toString());
            assertTrue(admin.apply(List.of(user), o, Progress.NONE).report().ok());
            ConnectionProfile cdc = SetupSession.as(s.profile(db), "cdc", "cdc");
            CheckReport asCdc = new SetupSession(cdc, new Secrets(pw, null)).check(o, Progress.NONE);
            assertEquals(Status.OK, asCdc.find(CheckId.ROLE_REPLICATION, "cdc").status());
            assertEquals(Status.OK, asCdc.find(CheckId.GRANT_TABLE_SELECT, "public.t").status());
            assertEquals(Status.OK, asCdc.find(CheckId.HBA_REPLICATION, "cdc").status());

            Path dir = Files.createTempDirectory("walscope-setup-ssl-").resolve("pki");
            CertificateSet set = CertificateSet.generate(dir, List.of("127.0.0.1", "localhost"), "cdc", Duration.ofDays(30));
            for (String f : List.of("ca.crt", "server.crt", "server.key")) {
                s.cluster().writeDataFile(f, Files.readAllBytes(dir.resolve(f)));
            }
            Finding ssl = SetupSql.sslOn("ca.crt", "server.crt", "server.key", facts.server().versionNum());
            assertTrue(admin.apply(List.of(ssl), o, Progress.NONE).report().ok());
            assertTrue(admin.facts(List.of("public"), "cdc", Progress.NONE).ssl().on());
            ConnectionProfile verified = cdc.copy().setSslMode(SslMode.VERIFY_FULL).setSslRootCert(set.caCert().toString())
                    .setSslCert(set.clientCert().toString()).setSslKey(set.clientKey().toString());
            try (Connection c = new PgConnector().connect(verified, new Secrets(pw, null))) {
                ServerInfo info = ServerInfo.read(c);
                assertTrue(info.ssl(), "SSL in use");
            }
            try (Connection c = new PgConnector().connect(verified.copy().setHost("localhost"), new Secrets(pw, null))) {
                assertTrue(ServerInfo.read(c).ssl(), "the DNS name is in the certificate too");
            }
        }
    }

    private static String show(TestServer s, String db, String setting) throws Exception {
        try (Connection c = s.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
