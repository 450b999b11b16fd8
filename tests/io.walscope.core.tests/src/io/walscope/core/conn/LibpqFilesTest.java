package io.walscope.core.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;

/**
 * libpq's files and variables: the service file (where it is looked up, its syntax, what wins), the password
 * file's location and permission check, PGAPPNAME / PGCONNECT_TIMEOUT / application_name / connect_timeout.
 */
class LibpqFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text, String mode) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    @Test
    void serviceFileIsFoundAndReadAsLibpqDoes() throws Exception {
        Path user = write("home/.pg_service.conf", "# mine\n[shop]\nhost=db.example\nport=6432\ndbname=shop\n"
                + "user=alice\nhost=ignored.example\napplication_name=etl\nconnect_timeout=5\nkeepalives=1\n"
                + "target_session_attrs=read-write\n\n[other]\nhost=other.example\n", "rw-------");
        Path sys = write("etc/pg_service.conf", "[shop]\nhost=system.example\n[sysonly]\nhost=sys.example\n"
                + "sslmode=verify-full\n", "rw-r--r--");
        Map<String, String> env = Map.of("HOME", user.getParent().toString(), "PGSYSCONFDIR", sys.getParent().toString());
        assertEquals(List.of(user, sys), ServiceFile.candidates(env));
        Map<String, String> shop = ServiceFile.lookup("shop", env);
        assertEquals("db.example", shop.get("host"), "the user's file first; the first value of a keyword wins");
        assertEquals("read-write", shop.get("target_session_attrs"), "libpq keywords Walscope does not use are fine");
        assertEquals("sys.example", ServiceFile.lookup("sysonly", env).get("host"), "then the system file");
        ConnectionProfile p = ServiceFile.apply(shop, new ConnectionProfile());
        assertEquals("alice@db.example:6432/shop", p.describe());
        assertEquals("etl", p.getApplicationName());
        assertEquals(5, p.getConnectTimeout());

        Path named = write("named.conf", "[shop]\nhost=named.example\n", "rw-------");
        assertEquals("named.example", ServiceFile.lookup("shop", Map.of("PGSERVICEFILE", named.toString(),
                "HOME", user.getParent().toString())).get("host"), "PGSERVICEFILE replaces ~/.pg_service.conf");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceFile.lookup("nope", env));
        assertEquals("Service \"nope\" is not defined in " + user + " or " + sys + " (PGSERVICEFILE and PGSYSCONFDIR"
                + " name others): check the name.", e.getMessage());
        Path bad = write("bad.conf", "[a]\nhost = x\n[b]\nservice=a\n[c]\nnoequals\n", "rw-------");
        Map<String, String> badEnv = Map.of("PGSERVICEFILE", bad.toString(), "PGSYSCONFDIR", dir.toString());
        assertEquals("Line 2 of the service file " + bad + ": \"host \" is not a connection keyword (as libpq says:"
                + " invalid connection option).", assertThrows(IllegalArgumentException.class,
                        () -> ServiceFile.lookup("a", badEnv)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFile.lookup("b", badEnv)).getMessage()
                .contains("nested services are not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFile.lookup("c", badEnv)).getMessage()
                .contains("is not keyword=value"));
    }

    @Test
    void commandLineServiceSitsBetweenTheVariablesAndTheUrl() throws Exception {
        Path f = write("svc.conf", "[shop]\nhost=db.example\nport=6432\ndbname=shop\nuser=alice\npassword=s3cret\n"
                + "sslmode=require\nconnect_timeout=7\npassfile=/tmp/pass\n", "rw-------");
        Map<String, String> env = Map.of("PGSERVICEFILE", f.toString(), "PGSERVICE", "shop", "PGHOST", "env.example",
                "PGUSER", "bob", "PGPASSWORD", "envpw", "PGAPPNAME", "nightly");
        List<String> args = new ArrayList<>(List.of("--dbname", "flagdb"));
        ConnectionOptions o = ConnectionOptions.extract(args, env);
        assertTrue(o.saysWhere());
        ConnectionProfile p = o.resolve(null);
        assertEquals("alice@db.example:6432/flagdb", p.describe(), "service over PG*, flags over the service");
        assertEquals(SslMode.REQUIRE, p.getSslMode());
        assertEquals("nightly", p.getApplicationName(), "PGAPPNAME where nothing else names it");
        assertEquals(7, p.getConnectTimeout());
        assertEquals("s3cret", o.password(), "the service's password before PGPASSWORD");
        assertEquals("/tmp/pass", o.passfile());

        // service= in a URL, whose own values win; PGSERVICE is then not used
        args = new ArrayList<>(List.of("postgresql://carol@/urldb?service=shop&application_name=adhoc&connect_timeout=0"));
        o = ConnectionOptions.extract(args, Map.of("PGSERVICEFILE", f.toString(), "PGCONNECT_TIMEOUT", "3"));
        p = o.resolve(null);
        assertEquals("carol@db.example:6432/urldb", p.describe());
        assertEquals("adhoc", p.getApplicationName());
        assertEquals(0, p.getConnectTimeout(), "the URL's connect_timeout before PGCONNECT_TIMEOUT");
        assertEquals("s3cret", o.password());
        // a saved profile is not mixed with PGSERVICE (as with the other PG* variables)
        o = ConnectionOptions.extract(new ArrayList<>(List.of("--profile", "x")), env);
        assertNull(o.serviceName());

        ConnectionOptions missing = ConnectionOptions.extract(new ArrayList<>(), Map.of("PGSERVICE", "nope",
                "PGSERVICEFILE", f.toString(), "PGSYSCONFDIR", dir.toString()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> missing.resolve(null)).getMessage()
                .startsWith("Service \"nope\" is not defined in "));
    }

    @Test
    void applicationNameAndConnectTimeoutReachPgjdbc() {
        ConnectionProfile p = new ConnectionProfile().setHost("h").setDatabase("d").setUser("u");
        Properties props = PgProperties.of(p, Secrets.NONE);
        assertEquals("walscope", props.getProperty("ApplicationName"));
        assertEquals("10", props.getProperty("connectTimeout"));
        assertEquals("10", props.getProperty("loginTimeout"));
        assertEquals("2", PgProperties.of(p.copy().setConnectTimeout(1), Secrets.NONE).getProperty("loginTimeout"),
                "libpq takes 1 s as 2 s");
        assertEquals("0", PgProperties.of(p.copy().setConnectTimeout(0), Secrets.NONE).getProperty("connectTimeout"));
        ConnectionProfile e = ConnectionOptions.applyEnvironmentDefaults(p.copy(), Map.of("PGAPPNAME", "etl",
                "PGCONNECT_TIMEOUT", "4"));
        assertEquals("etl", PgProperties.of(e, Secrets.NONE).getProperty("ApplicationName"));
        assertEquals("4", PgProperties.of(e, Secrets.NONE).getProperty("connectTimeout"));
        ConnectionProfile named = ConnectionOptions.applyEnvironmentDefaults(p.copy().setApplicationName("mine"),
                Map.of("PGAPPNAME", "etl"));
        assertEquals("mine", named.getApplicationName(), "a profile's own name wins over PGAPPNAME");
        assertEquals("PGCONNECT_TIMEOUT 'soon' is not a whole number of seconds (0 waits as long as it takes).",
                assertThrows(IllegalArgumentException.class, () -> ConnectionOptions.applyEnvironmentDefaults(
                        p.copy(), Map.of("PGCONNECT_TIMEOUT", "soon"))).getMessage());
    }

    @Test
    void passwordFileIsFoundAndCheckedAsLibpqDoes() throws Exception {
        Path home = dir.resolve("home");
        Path pgpass = write("home/.pgpass", "*:*:*:alice:pw\n", "rw-------");
        assertEquals(pgpass, PasswordFile.locate(null, Map.of("HOME", home.toString())).path());
        Path other = write("other.pass", "x", "rw-------");
        assertEquals(other, PasswordFile.locate(null, Map.of("HOME", home.toString(), "PGPASSFILE", other.toString()))
                .path(), "PGPASSFILE");
        Path third = write("third.pass", "x", "r--------");
        assertEquals(third, PasswordFile.locate(third.toString(), Map.of("PGPASSFILE", other.toString())).path(),
                "the passfile parameter first");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        PasswordFile open = PasswordFile.locate(null, Map.of("HOME", home.toString()));
        assertNull(open.path());
        assertEquals("password file \"" + pgpass + "\" has group or world access; permissions should be u=rw (0600)"
                + " or less", open.warning());
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw----r--"));
        assertNull(PasswordFile.locate(null, Map.of("HOME", home.toString())).path());
        Path asDir = Files.createDirectories(dir.resolve("dirpass"));
        assertEquals("password file \"" + asDir + "\" is not a plain file",
                PasswordFile.locate(null, Map.of("PGPASSFILE", asDir.toString())).warning());
        PasswordFile none = PasswordFile.locate(null, Map.of("HOME", dir.resolve("nobody").toString()));
        assertNull(none.path());
        assertNull(none.warning());
    }
}
