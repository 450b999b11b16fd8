package io.walscope.core.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;

class ConnectionOptionsTest {
    private static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }

    @Test
    void flagsWinOverUrlAndEnvironment() {
        List<String> a = args("--json", "postgresql://alice:s3cret@db.example:6543/shop?sslmode=require", "--port", "7000");
        ConnectionOptions o = ConnectionOptions.extract(a, Map.of("PGHOST", "envhost", "PGUSER", "bob"));
        ConnectionProfile p = o.resolve(null);
        assertEquals(List.of("--json"), a);
        assertEquals("db.example", p.getHost());
        assertEquals(7000, p.getPort());
        assertEquals("shop", p.getDatabase());
        assertEquals("alice", p.getUser());
        assertEquals(SslMode.REQUIRE, p.getSslMode());
        assertEquals("s3cret", o.password());
    }

    @Test
    void libpqEnvironment() {
        ConnectionOptions o = ConnectionOptions.extract(args(), Map.of("PGHOST", "h", "PGPORT", "5433", "PGDATABASE", "d",
                "PGUSER", "u", "PGPASSWORD", "pw", "PGSSLMODE", "verify-ca", "PGSSLROOTCERT", "/ca.pem"));
        ConnectionProfile p = o.resolve(null);
        assertTrue(o.saysWhere());
        assertEquals("h:5433/d", p.getHost() + ":" + p.getPort() + "/" + p.getDatabase());
        assertEquals("u", p.getUser());
        assertEquals(SslMode.VERIFY_CA, p.getSslMode());
        assertEquals("/ca.pem", p.getSslRootCert());
        assertEquals("pw", o.password());
    }

    @Test
    void caWithoutModeMeansVerifyFull() {
        ConnectionOptions o = ConnectionOptions.extract(args("--host", "x", "--sslrootcert", "/ca.pem"), Map.of());
        assertEquals(SslMode.VERIFY_FULL, o.resolve(null).getSslMode());
    }

    @Test
    void passwordsAreRefusedOnTheCommandLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionOptions.extract(args("--password", "x"), Map.of()));
        assertTrue(e.getMessage().contains("PGPASSWORD"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionOptions.extract(args("--sslpassword", "x"), Map.of()));
        assertTrue(e.getMessage().contains("--sslpassword-env"), e.getMessage());
    }

    @Test
    void keyPasswordComesFromTheNamedVariable() {
        ConnectionOptions o = ConnectionOptions.extract(args("--demo", "--sslpassword-env", "KEYPW"), Map.of("KEYPW", "k"));
        assertTrue(o.demo());
        assertEquals("k", o.keyPassword());
        ConnectionOptions missing = ConnectionOptions.extract(args("--sslpassword-env", "NOPE"), Map.of());
        assertThrows(IllegalArgumentException.class, missing::keyPassword);
    }

    @Test
    void nothingSaidMeansNoWhere() {
        ConnectionOptions o = ConnectionOptions.extract(args("--json"), Map.of());
        assertFalse(o.saysWhere());
        assertNull(o.password());
    }

    @Test
    void badPortIsASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionOptions.extract(args("--port", "abc"), Map.of()));
        assertEquals("Port 'abc' is not a number from 1 to 65535.", e.getMessage());
    }

    @Test
    void urlWithIpv6AndEscapes() {
        PgUrl.Parsed p = PgUrl.parse("postgresql://us%40er:p%3Aw@[::1]:5439/my%20db", new ConnectionProfile());
        assertEquals("::1", p.profile().getHost());
        assertEquals(5439, p.profile().getPort());
        assertEquals("us@er", p.profile().getUser());
        assertEquals("my db", p.profile().getDatabase());
        assertEquals("p:w", p.password());
        assertEquals("jdbc:postgresql://[::1]:5439/", PgProperties.jdbcUrl(p.profile()));
    }
}
