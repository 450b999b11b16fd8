package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** {@code walscope info} against every server of the test bed, and the command line's error contract. */
class InfoCommandTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void infoJson(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        CliRun r = CliRun.run(CliRun.env(s, "postgres"), "info", "--json");
        assertEquals(0, r.exit, r.toString());
        JsonNode j = new ObjectMapper().readTree(r.out);
        int num = j.get("server_version_num").asInt();
        int expectedMajor = major.equals("9.6") ? 906 : Integer.parseInt(major);
        assertEquals(expectedMajor, num >= 100000 ? num / 10000 : num / 100, r.out);
        assertEquals("logical", j.get("wal_level").asText());
        assertEquals(20, j.get("max_replication_slots").asInt());
        assertEquals(20, j.get("max_wal_senders").asInt());
        assertTrue(j.get("superuser").asBoolean());
        assertEquals("available", j.get("plugins").get("test_decoding").asText());
        assertFalse(j.get("ssl").get("in_use").asBoolean());
        assertTrue(r.err.isEmpty(), r.err);
    }

    @Test
    void infoTextWithFlagsAndUrl() {
        TestServer s = PgTestBed.server("16");
        Map<String, String> env = Map.of("PGPASSWORD", s.cluster().password());
        CliRun r = CliRun.run(env, "info", "--host", "127.0.0.1", "--port", String.valueOf(s.port()), "--dbname", "postgres",
                "--user", s.cluster().superuser(), "--sslmode", "disable");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("server_version_num 16"), r.out);
        r = CliRun.run(Map.of(), "info", "postgresql://" + s.cluster().superuser() + ":" + s.cluster().password()
                + "@127.0.0.1:" + s.port() + "/postgres?sslmode=disable");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("wal_level    logical"), r.out);
    }

    @Test
    void connectionErrorsAreOneLineWithExitTwo() {
        TestServer s = PgTestBed.server("16");
        Map<String, String> env = new java.util.HashMap<>(CliRun.env(s, "postgres"));
        env.put("PGPASSWORD", "wrong");
        CliRun r = CliRun.run(env, "info");
        assertEquals(2, r.exit);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.startsWith("walscope info: Password authentication failed"), r.err);
        assertFalse(r.err.contains("wrong"), "the password never appears");
        assertFalse(r.err.contains("Exception"), r.err);

        env.remove("PGPASSWORD");
        r = CliRun.run(env, "info");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("set PGPASSWORD"), r.err);

        r = CliRun.run(Map.of(), "info");
        assertEquals(2, r.exit);
        assertTrue(r.err.startsWith("walscope info: Say where to connect"), r.err);

        r = CliRun.run(Map.of(), "info", "--port", "99999");
        assertEquals(2, r.exit);
        assertEquals("walscope info: Port '99999' is not a number from 1 to 65535.", r.err.strip());

        r = CliRun.run(Map.of(), "info", "--password", "secret");
        assertEquals(2, r.exit);
        assertFalse(r.err.contains("secret"), r.err);

        r = CliRun.run(Map.of(), "frobnicate");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("unknown command 'frobnicate'"), r.err);

        r = CliRun.run(CliRun.env(s, "postgres"), "info", "--bogus");
        assertEquals(2, r.exit);
        assertEquals("walscope info: Unknown option --bogus.", r.err.strip());
    }

    @Test
    void versionAndHelp() {
        CliRun r = CliRun.run(Map.of(), "version");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("Walscope 0.1.0"), r.out);
        assertTrue(r.out.contains("pgjdbc   PostgreSQL JDBC Driver 42.7"), r.out);
        assertTrue(r.out.contains("Java     17") || r.out.contains("Java     2"), r.out);
        r = CliRun.run(Map.of(), "help");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("demo-server"), r.out);
    }
}
