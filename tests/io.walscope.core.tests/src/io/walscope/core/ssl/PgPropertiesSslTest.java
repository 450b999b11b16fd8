package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.walscope.core.conn.PgProperties;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;

/** The SSL part of the one profile → pgjdbc properties function. Reads no file. */
class PgPropertiesSslTest {
    private static ConnectionProfile profile(SslMode mode, String ca, String cert, String key) {
        return new ConnectionProfile().setHost("db").setUser("alice").setSslMode(mode).setSslRootCert(ca)
                .setSslCert(cert).setSslKey(key);
    }

    @Test
    void aCaWithPreferMeansVerifyFull() {
        Properties p = PgProperties.of(profile(SslMode.PREFER, "/nowhere/ca.crt", "", ""), Secrets.NONE);
        assertEquals("verify-full", p.getProperty("sslmode"));
        assertEquals(PgProperties.SSL_FACTORY, p.getProperty("sslfactory"));
        assertEquals("/nowhere/ca.crt", p.getProperty("sslrootcert"));
    }

    @Test
    void aCaWithRequireMeansVerifyCaAsInLibpq() {
        assertEquals(SslMode.VERIFY_CA, PgProperties.effectiveSslMode(profile(SslMode.REQUIRE, "ca.crt", "", "")));
    }

    @Test
    void explicitModesStay() {
        for (SslMode m : new SslMode[] { SslMode.DISABLE, SslMode.ALLOW, SslMode.VERIFY_CA, SslMode.VERIFY_FULL }) {
            assertEquals(m, PgProperties.effectiveSslMode(profile(m, "ca.crt", "", "")));
        }
        assertEquals(SslMode.PREFER, PgProperties.effectiveSslMode(profile(SslMode.PREFER, "", "c.crt", "c.key")));
        assertEquals(SslMode.REQUIRE, PgProperties.effectiveSslMode(profile(SslMode.REQUIRE, "", "", "")));
    }

    @Test
    void clientFilesGoThroughWalscopesFactory() {
        Properties p = PgProperties.of(profile(SslMode.VERIFY_FULL, "ca.crt", "alice.crt", "alice.key"),
                Secrets.of("pw", "keypw"));
        assertEquals(PgProperties.SSL_FACTORY, p.getProperty("sslfactory"));
        assertEquals("alice.crt", p.getProperty("sslcert"));
        assertEquals("alice.key", p.getProperty("sslkey"));
        assertEquals("keypw", p.getProperty("sslpassword"));
        assertEquals("pw", p.getProperty("password"));
    }

    @Test
    void noFilesLeavesSslToPgjdbc() {
        Properties p = PgProperties.of(profile(SslMode.REQUIRE, "", "", ""), Secrets.NONE);
        assertNull(p.getProperty("sslfactory"));
        assertFalse(p.containsKey("sslrootcert") || p.containsKey("sslcert") || p.containsKey("sslkey")
                || p.containsKey("sslpassword"));
    }

    @Test
    void disableNeverSetsTheFactory() {
        Properties p = PgProperties.of(profile(SslMode.DISABLE, "ca.crt", "a.crt", "a.key"), Secrets.NONE);
        assertEquals("disable", p.getProperty("sslmode"));
        assertNull(p.getProperty("sslfactory"));
    }

    @Test
    void replicationPropertiesCarryTheSameSsl() {
        Properties p = PgProperties.forReplication(profile(SslMode.PREFER, "ca.crt", "a.crt", "a.key"), Secrets.NONE);
        assertEquals("verify-full", p.getProperty("sslmode"));
        assertEquals(PgProperties.SSL_FACTORY, p.getProperty("sslfactory"));
        assertEquals("database", p.getProperty("replication"));
    }
}
