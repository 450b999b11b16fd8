package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * {@code walscope tail --output FILE}: a rerun appends after the file's last complete transaction (never what the
 * slot says), an unfinished transaction and a torn line left by a crash are cut off, the file of another slot,
 * database or format is refused with one sentence, and {@code --max-events} ends at a transaction boundary.
 */
class TailOutputTest {
    @TempDir
    Path dir;

    private static String lsn(TestServer s, String db) throws Exception {
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<Integer> ids(Path f) throws Exception {
        return Files.readAllLines(f).stream().map(l -> Integer.parseInt(l.replaceAll(".*\"after\":\\{\"id\":(\\d+).*",
                "$1"))).toList();
    }

    @Test
    void aRerunContinuesAfterTheLastCompleteTransactionWhateverTheSlotSays() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = s.createDatabase("tailout");
        Map<String, String> env = CliRun.env(s, db);
        s.sql(db, "CREATE TABLE t (id int PRIMARY KEY, v text)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('out_slot', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('other_slot', 'pgoutput')",
                "INSERT INTO t VALUES (1, 'a'), (2, 'a')", "INSERT INTO t VALUES (3, 'a')");
        Path f = dir.resolve("changes.jsonl");
        String[] tail = {"tail", "--plugin", "pgoutput", "--slot", "out_slot", "--output", f.toString()};
        // --max-events 1 ends at the end of the first transaction: both of its rows
        CliRun r = CliRun.run(env, concat(tail, "--max-events", "1"));
        assertEquals(0, r.exit, r.toString());
        assertEquals(List.of(1, 2), ids(f));
        assertTrue(r.err.strip().startsWith("events=2 transactions=1 "), r.err);
        assertTrue(Files.readString(Path.of(f + ".walscope")).contains("\"slot\" : \"out_slot\""));

        // with an fsync interval of an hour the stream ends before it confirms anything: the slot stays behind
        // the file, and the next run must still not repeat what the file holds
        r = CliRun.run(env, concat(tail, "--until-lsn", lsn(s, db), "--fsync-interval", "3600"));
        assertEquals(0, r.exit, r.toString());
        assertEquals(List.of(1, 2, 3), ids(f));
        assertTrue(r.err.startsWith("walscope tail: continuing " + f + " after its last complete transaction (end "),
                r.err);
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT confirmed_flush_lsn < pg_current_wal_insert_lsn() FROM"
                        + " pg_replication_slots WHERE slot_name = 'out_slot'")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "the slot is behind the file");
        }
        s.sql(db, "INSERT INTO t VALUES (4, 'b'), (5, 'b')");
        // a crash left half a transaction and a torn line after the last complete one
        Files.writeString(f, "{\"lsn\":\"0/1\",\"after\":{\"id\":4}}\n{\"lsn\":\"0/2\",\"aft", StandardOpenOption.APPEND);
        r = CliRun.run(env, concat(tail, "--until-lsn", lsn(s, db)));
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("; cut off 48 bytes after it (an unfinished transaction or a torn line, which the"
                + " slot sends again)"), r.err);
        assertEquals(List.of(1, 2, 3, 4, 5), ids(f), "none lost, none twice, nothing torn");
        assertTrue(r.err.contains("\nevents=2 transactions=1 "), r.err);

        // another slot, another format, timestamp polling: refused, one sentence, exit 2, the file untouched
        long size = Files.size(f);
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--slot", "other_slot", "--output", f.toString());
        assertEquals(2, r.exit, r.toString());
        assertEquals("walscope tail: " + f + " was written from slot \"out_slot\", not slot \"other_slot\": pass --slot"
                + " out_slot to continue it, or write to another file.", r.err.strip());
        r = CliRun.run(env, concat(tail, "--format", "debezium"));
        assertEquals(2, r.exit, r.toString());
        assertEquals("walscope tail: " + f + " holds jsonl lines, not debezium: pass --format jsonl to continue it, or"
                + " write to another file.", r.err.strip());
        r = CliRun.run(env, "tail", "--poll", "--output", f.toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("was written by slot \"out_slot\", not by timestamp polling"), r.err);
        Map<String, String> other = CliRun.env(s, s.createDatabase("tailout_other"));
        r = CliRun.run(other, "tail", "--plugin", "test_decoding", "--output", f.toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("holds changes of database \"" + db + "\""), r.err);
        assertEquals(size, Files.size(f));

        // a file walscope did not write
        Path foreign = dir.resolve("foreign.jsonl");
        Files.writeString(foreign, "{\"x\":1}\n", StandardCharsets.UTF_8);
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--slot", "other_slot", "--output", foreign.toString());
        assertEquals(2, r.exit, r.toString());
        assertEquals("walscope tail: " + foreign + " already holds 8 bytes that walscope tail did not write (there is"
                + " no foreign.jsonl.walscope beside it): write to another file, or remove it.", r.err.strip());
        r = CliRun.run(env, concat(tail, "--fsync-interval", "soon"));
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --fsync-interval takes a number of seconds, such as 10 or 0.5; 'soon' is not one.",
                r.err.strip());
        s.sql(db, "SELECT pg_drop_replication_slot('out_slot')", "SELECT pg_drop_replication_slot('other_slot')");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
