package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** {@code walscope tail}: its output lines, the final stderr line and the exit codes automation relies on. */
class TailCommandTest {
    private static final String FINAL = "events=\\d+ transactions=\\d+ seconds=\\d+\\.\\d{3} events_per_s=\\d+\\.\\d";

    static String lsn(TestServer s, String db) throws Exception {
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void tailsASlotToALimitAndPrintsTheFinalLine() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = s.createDatabase("tail");
        Map<String, String> env = CliRun.env(s, db);
        s.sql(db, "CREATE TABLE t (id int PRIMARY KEY, v text)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('cli_slot', 'pgoutput')",
                "INSERT INTO t VALUES (1, 'a'), (2, 'b')", "UPDATE t SET v = 'c' WHERE id = 1", "DELETE FROM t WHERE id = 2");
        String until = lsn(s, db);
        CliRun r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--slot", "cli_slot", "--until-lsn", until);
        assertEquals(0, r.exit, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals(4, lines.size(), r.toString());
        assertTrue(lines.get(0).matches("\\{\"lsn\":\"[0-9A-F]+/[0-9A-F]+\",\"commit_lsn\":\"[0-9A-F]+/[0-9A-F]+\","
                + "\"xid\":\\d+,\"commit_ts\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\",\"op\":\"insert\","
                + "\"schema\":\"public\",\"table\":\"t\",\"key\":\\{\"id\":1\\},\"before\":null,"
                + "\"after\":\\{\"id\":1,\"v\":\"a\"\\},\"unchanged_toast\":\\[\\]\\}"), lines.get(0));
        assertTrue(lines.get(3).contains("\"op\":\"delete\""), lines.get(3));
        String[] err = r.err.strip().split("\n");
        assertTrue(err[err.length - 1].matches("events=4 transactions=3 " + FINAL.substring(FINAL.indexOf("seconds"))),
                r.err);

        // Debezium's records into a file, limited by --max-events (at a transaction boundary: both rows; the peer
        // test compares the records with Debezium's)
        s.sql(db, "INSERT INTO t VALUES (3, 'd'), (4, 'e')");
        Path out = Files.createTempFile("walscope-tail", ".jsonl");
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--slot", "cli_slot", "--max-events", "1", "--format",
                "debezium", "--schemas", "false", "--with-key", "--output", out.toString());
        assertEquals(0, r.exit, r.toString());
        List<String> file = Files.readAllLines(out);
        assertEquals(2, file.size());
        assertTrue(file.get(0).startsWith("{\"key\":{\"id\":3},\"value\":{\"before\":null,\"after\":{\"id\":3,"
                + "\"v\":\"d\"},\"source\":{\"version\":\"3.4.3.Final\",\"connector\":\"postgresql\","
                + "\"name\":\"walscope\",\"ts_ms\":"), file.get(0));
        assertTrue(file.get(0).contains("\"db\":\"" + db + "\",\"sequence\":\"[null,"), file.get(0));
        assertTrue(file.get(0).contains(",\"schema\":\"public\",\"table\":\"t\",\"txId\":"), file.get(0));
        assertTrue(file.get(0).contains("\"transaction\":null,\"op\":\"c\",\"ts_ms\":"), file.get(0));
        assertTrue(r.err.strip().matches("events=2 transactions=1 " + FINAL.substring(FINAL.indexOf("seconds"))), r.err);
        assertTrue(file.get(1).startsWith("{\"key\":{\"id\":4},"), file.get(1));
        Files.delete(out);
        Files.delete(Path.of(out + ".walscope"));
        // leave no slot on the shared server (other tests check the server's slots)
        s.sql(db, "SELECT pg_drop_replication_slot('cli_slot')");
    }

    @Test
    void mistakesAreOneLineAndExitTwo() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = s.createDatabase("tailerr");
        Map<String, String> env = CliRun.env(s, db);
        CliRun r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--create-slot");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --create-slot needs --slot NAME (without --slot a temporary slot is used).",
                r.err.strip());
        r = CliRun.run(env, "tail", "--plugin", "nope");
        assertEquals(2, r.exit);
        assertTrue(r.err.startsWith("walscope tail: Unknown plugin 'nope'"), r.err);
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--max-events", "1");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: Publication \"dbz_publication\" does not exist: create it with CREATE PUBLICATION"
                + " dbz_publication FOR ALL TABLES (or FOR TABLE ...), or name another with --publication.", r.err.strip());
        assertFalse(r.err.contains("\tat "), "no stack trace");
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--decimal-handling", "string");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --decimal-handling applies to --format debezium only; add --format debezium or"
                + " leave --decimal-handling out.", r.err.strip());
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--format", "debezium", "--time-precision", "micro");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --time-precision takes adaptive, adaptive_time_microseconds, connect, isostring,"
                + " microseconds, nanoseconds; 'micro' is not one.", r.err.strip());
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--format", "debezium", "--skipped-operations", "c,x");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --skipped-operations takes c, u, d, t (comma-separated) or none; 'x' is not one.",
                r.err.strip());
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--format", "avro");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: Unknown format 'avro': choose jsonl, debezium or clickhouse.", r.err.strip());
        r = CliRun.run(env, "tail", "--plugin", "test_decoding", "--from-lsn", "xyz");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("is not an LSN"), r.err);
        r = CliRun.run(env, "tail", "--plugin", "walminer");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("walminer cannot be tailed"), r.err);
    }
}
