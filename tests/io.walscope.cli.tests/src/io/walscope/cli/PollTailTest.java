package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.walscope.core.check.Scripts;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** {@code walscope tail --poll}: the warning line, the output lines, the final line and the exit codes. */
class PollTailTest {
    private static final String FINAL = "seconds=\\d+\\.\\d{3} events_per_s=\\d+\\.\\d";
    private static final String DELETES = " \u2014 deletes are not seen (timestamp polling cannot see them); use"
            + " logical decoding for deletes";

    private static String setUp(TestServer s) {
        String db = s.createDatabase("polltail");
        List<String> sql = new ArrayList<>(List.of("CREATE TABLE a (id int PRIMARY KEY, v text)",
                "CREATE TABLE b (k text PRIMARY KEY)", "CREATE TABLE plain (id int PRIMARY KEY)"));
        sql.addAll(Scripts.lastUpdate("public", List.of("a", "b")));
        sql.add("INSERT INTO a VALUES (1, 'x'), (2, 'y')");
        sql.add("INSERT INTO b VALUES ('k1')");
        s.sql(db, sql.toArray(String[]::new));
        return db;
    }

    @Test
    void pollsTablesWithTheColumnAndSaysDeletesAreNotSeen() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = setUp(s);
        Map<String, String> env = CliRun.env(s, db);
        CliRun r = CliRun.run(env, "tail", "--poll", "--snapshot", "--max-events", "3", "--poll-interval", "0.2");
        assertEquals(0, r.exit, r.toString());
        String[] err = r.err.strip().split("\n");
        assertEquals(2, err.length, r.err);
        assertEquals("polling public.a, public.b on last_update every 0.2 s" + DELETES, err[0]);
        assertTrue(err[1].matches("events=3 transactions=0 " + FINAL), err[1]);
        List<String> lines = r.out.lines().toList();
        assertEquals(3, lines.size(), r.toString());
        assertTrue(lines.get(0).matches("\\{\"lsn\":null,\"commit_lsn\":null,\"xid\":null,\"commit_ts\":null,"
                + "\"op\":\"read\",\"schema\":\"public\",\"table\":\"a\",\"key\":\\{\"id\":1\\},\"before\":null,"
                + "\"after\":\\{\"id\":1,\"v\":\"x\",\"last_update\":\"[^\"]+Z\"\\},\"unchanged_toast\":\\[\\]\\}"),
                lines.get(0));
        assertTrue(lines.get(2).contains("\"table\":\"b\",\"key\":{\"k\":\"k1\"}"), lines.get(2));

        // one named table, Debezium's records (as its incremental-snapshot reads) into a file
        Path out = Files.createTempFile("walscope-poll", ".json");
        r = CliRun.run(env, "tail", "--poll", "--table", "public.a", "--snapshot", "--max-events", "2", "--format",
                "debezium", "--schemas", "false", "--output", out.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.startsWith("polling public.a on last_update every 1 s" + DELETES + "\n"), r.err);
        List<String> file = Files.readAllLines(out);
        assertEquals(2, file.size());
        assertTrue(file.get(1).startsWith("{\"before\":null,\"after\":{\"id\":2,\"v\":\"y\","), file.get(1));
        assertTrue(file.get(1).contains("\"snapshot\":\"incremental\""), file.get(1));
        assertTrue(file.get(1).contains("\"op\":\"r\""), file.get(1));
        Files.delete(out);
        Files.delete(Path.of(out + ".walscope"));
    }

    @Test
    void slotFlagsAndBadInputAreOneSentenceAndExitTwo() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = setUp(s);
        Map<String, String> env = CliRun.env(s, db);
        for (String[] flag : List.of(new String[] {"--slot", "x"}, new String[] {"--create-slot"},
                new String[] {"--plugin", "pgoutput"}, new String[] {"--publication", "p"},
                new String[] {"--from-lsn", "0/1"}, new String[] {"--until-lsn", "0/1"})) {
            List<String> argv = new ArrayList<>(List.of("tail", "--poll"));
            argv.addAll(List.of(flag));
            CliRun r = CliRun.run(env, argv.toArray(String[]::new));
            assertEquals(2, r.exit, r.toString());
            assertEquals("walscope tail: " + flag[0] + " does not apply to --poll: timestamp polling reads tables,"
                    + " not a replication slot; leave " + flag[0] + " out, or drop --poll to use logical decoding.",
                    r.err.strip());
        }
        CliRun r = CliRun.run(env, "tail", "--poll", "--poll-interval", "soon");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --poll-interval takes a number of seconds, such as 1 or 0.5; 'soon' is not one.",
                r.err.strip());
        r = CliRun.run(env, "tail", "--poll", "--table", "public.plain");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: Table public.plain has no last_update column to poll: add it and its trigger"
                + " with `walscope script last-update --table public.plain`.", r.err.strip());
        assertFalse(r.err.contains("\tat "), "no stack trace");
        r = CliRun.run(env, "tail", "--poll", "--poll-column", "changed_at");
        assertEquals(2, r.exit);
        assertTrue(r.err.startsWith("walscope tail: No table in schema public has a changed_at column to poll"), r.err);

        // the script the message names works as written, and makes the table pollable
        r = CliRun.run(env, "script", "last-update", "--table", "public.plain");
        assertEquals(0, r.exit, r.toString());
        s.sql(db, r.out, "INSERT INTO plain VALUES (7)");
        r = CliRun.run(env, "tail", "--poll", "--table", "public.plain", "--snapshot", "--max-events", "1");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("\"after\":{\"id\":7,"), r.out);
    }
}
