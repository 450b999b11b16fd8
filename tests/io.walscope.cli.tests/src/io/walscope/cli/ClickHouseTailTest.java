package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.walscope.testbed.ClickHouseEngine;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * {@code walscope tail --format clickhouse} on stdout: the README's two-line path (the DDL of {@code types --ddl
 * clickhouse}, then the stream piped into {@code INSERT ... FORMAT JSONEachRow}), the exact line, and the usage
 * mistakes of {@code --output-dir}.
 */
class ClickHouseTailTest {
    @Test
    void theTwoLinePathGivesAnEqualTable() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = s.createDatabase("chtail");
        Map<String, String> env = CliRun.env(s, db);
        s.sql(db, "CREATE TABLE public.t (id int PRIMARY KEY, v text, d date)",
                "CREATE PUBLICATION dbz_publication FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('ch_tail', 'pgoutput')",
                "INSERT INTO public.t VALUES (1, 'a', '2024-02-29'), (2, 'b', 'infinity'), (3, 'c', NULL)",
                "UPDATE public.t SET v = 'aa' WHERE id = 1", "DELETE FROM public.t WHERE id = 3",
                "UPDATE public.t SET id = 20 WHERE id = 2");
        String until = TailCommandTest.lsn(s, db);
        CliRun ddl = CliRun.run(env, "types", "--ddl", "clickhouse", "--table", "public.t");
        assertEquals(0, ddl.exit, ddl.toString());
        CliRun r;
        try {
            r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--slot", "ch_tail", "--until-lsn", until, "--format",
                    "clickhouse");
        } finally {
            s.sql(db, "SELECT pg_drop_replication_slot('ch_tail')");
        }
        assertEquals(0, r.exit, r.toString());
        List<String> lines = r.out.lines().toList();
        // 3 inserts, 1 update, 1 delete, a key change (delete of the old key + the new row)
        assertEquals(7, lines.size(), r.out);
        assertTrue(lines.get(0).matches("\\{\"id\":1,\"v\":\"a\",\"d\":\"2024-02-29\",\"_lsn\":\\d+,\"_deleted\":0,"
                + "\"_table\":\"public.t\"\\}"), lines.get(0));
        assertTrue(lines.get(1).contains("\"d\":\"2299-12-31\""), "infinity's substitute: " + lines.get(1));
        assertTrue(lines.get(4).matches("\\{\"id\":3,\"_lsn\":\\d+,\"_deleted\":1,\"_table\":\"public.t\"\\}"),
                lines.get(4));
        assertTrue(lines.get(5).matches("\\{\"id\":2,\"_lsn\":\\d+,\"_deleted\":1,\"_table\":\"public.t\"\\}"),
                lines.get(5));
        try (ClickHouseEngine ch = ClickHouseEngine.start()) {
            ch.query("CREATE DATABASE public");
            ch.query(ddl.out);
            Path rows = Files.createTempFile("walscope-ch", ".jsonl");
            Files.writeString(rows, r.out);
            ch.insertFile("INSERT INTO public.t SETTINGS input_format_skip_unknown_fields = 1 FORMAT JSONEachRow", rows);
            Files.delete(rows);
            assertEquals("{\"id\":1,\"v\":\"aa\",\"d\":\"2024-02-29\"}\n{\"id\":20,\"v\":\"b\",\"d\":\"2299-12-31\"}\n",
                    ch.query("SELECT id, v, d FROM public.t FINAL WHERE _deleted = 0 ORDER BY id"));
        }
    }

    @Test
    void outputDirMistakesAreOneLine() {
        TestServer s = PgTestBed.server("15");
        Map<String, String> env = CliRun.env(s, "postgres");
        CliRun r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--output-dir", "/tmp/x");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --output-dir applies to --format clickhouse only; add --format clickhouse or use"
                + " --output FILE.", r.err.strip());
        r = CliRun.run(env, "tail", "--plugin", "pgoutput", "--format", "clickhouse", "--output-dir", "/tmp/x",
                "--output", "/tmp/y");
        assertEquals(2, r.exit);
        assertEquals("walscope tail: --output and --output-dir both name where to write: choose one.", r.err.strip());
    }
}
