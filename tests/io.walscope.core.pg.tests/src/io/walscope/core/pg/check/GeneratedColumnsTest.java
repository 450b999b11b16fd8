package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Status;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * {@code table.generated_columns} on real servers: stored generated columns (12+) reach pgoutput only from 18 with
 * {@code publish_generated_columns = stored}; VIRTUAL ones (18) never reach the WAL — what the server really sends
 * is read back through the slot, so the check cannot claim what the server does not do.
 */
class GeneratedColumnsTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream().filter(v -> !v.equals("9.6") && Integer.parseInt(v) >= 12);
    }

    private static CheckReport check(TestServer s, String db, Plugin p) throws Exception {
        return new CheckRunner(s.profile(db), s.superuserSecrets())
                .run(CheckOptions.of(List.of("public"), p).withProve(false), Progress.NONE);
    }

    /** What pgoutput sends for one insert, as the column names of its relation message. */
    private static List<String> pgoutputColumns(TestServer s, String db, String pub) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            // the test bed runs with synchronous_commit = off, and the SQL functions decode only flushed WAL
            st.execute("SET synchronous_commit = on");
            st.execute("SELECT pg_create_logical_replication_slot('gen_" + pub + "', 'pgoutput', true)");
            st.execute("INSERT INTO g (id, a) VALUES (" + (int) (Math.random() * 1_000_000) + ", 5)");
            try (ResultSet rs = st.executeQuery("SELECT data FROM pg_logical_slot_get_binary_changes('gen_" + pub
                    + "', NULL, NULL, 'proto_version', '1', 'publication_names', '" + pub + "')")) {
                while (rs.next()) {
                    byte[] m = rs.getBytes(1);
                    if (m[0] == 'R') {
                        // R, oid, namespace\0, name\0, replident, ncols(2), then per column: flags, name\0, type, typmod
                        int i = 5;
                        while (m[i] != 0) { i++; }
                        i++;
                        while (m[i] != 0) { i++; }
                        i += 2;
                        int n = ((m[i] & 0xff) << 8) | (m[i + 1] & 0xff);
                        i += 2;
                        for (int k = 0; k < n; k++) {
                            int start = ++i;
                            while (m[i] != 0) { i++; }
                            out.add(new String(m, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                            i += 9;
                        }
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void generatedColumns(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        int v = Integer.parseInt(major);
        String db = s.createDatabase("gen");
        s.sql(db, "CREATE TABLE g (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 2) STORED"
                + (v >= 18 ? ", c int GENERATED ALWAYS AS (a * 3) VIRTUAL" : "") + ")",
                "CREATE TABLE s (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 2) STORED)",
                "CREATE TABLE plain (id int PRIMARY KEY)",
                "CREATE PUBLICATION gp FOR TABLE g, s");

        CheckReport r = check(s, db, Plugin.PGOUTPUT);
        assertNull(r.find(CheckId.TABLE_GENERATED_COLUMNS, "public.plain"), "only tables with generated columns");
        Finding stored = r.find(CheckId.TABLE_GENERATED_COLUMNS, "public.s");
        assertNotNull(stored, r.findings().toString());
        assertEquals(List.of("id", "a"), pgoutputColumns(s, db, "gp"), "pgoutput leaves stored columns out by default");
        if (v < 18) {
            assertEquals(Status.INFO, stored.status(), stored.message());
        } else {
            assertEquals(Status.WARN, stored.status(), stored.message());
            assertEquals(List.of("ALTER PUBLICATION gp SET (publish_generated_columns = stored)"), stored.fix().sql());
            Finding virtual = r.find(CheckId.TABLE_GENERATED_COLUMNS, "public.g");
            assertEquals(Status.WARN, virtual.status());
            assertTrue(virtual.message().contains("c of public.g is a VIRTUAL generated column"), virtual.message());

            try (Connection c = s.connect(db)) {
                assertNull(FixApplier.apply(c, List.of(stored), true, Progress.NONE).failure());
            }
            assertEquals(Status.OK, check(s, db, Plugin.PGOUTPUT).find(CheckId.TABLE_GENERATED_COLUMNS, "public.s").status());
            assertEquals(List.of("id", "a", "b"), pgoutputColumns(s, db, "gp"),
                    "with the fix pgoutput sends the stored column, never the virtual one");
            // test_decoding shows the virtual column, as NULL: it is not in the WAL
            try (Connection c = s.connect(db); Statement st = c.createStatement()) {
                st.execute("SET synchronous_commit = on");
                st.execute("SELECT pg_create_logical_replication_slot('gen_td', 'test_decoding', true)");
                st.execute("INSERT INTO g (id, a) VALUES (-1, 5)");
                try (ResultSet rs = st.executeQuery("SELECT string_agg(data, ' ') FROM pg_logical_slot_get_changes('gen_td', NULL, NULL)")) {
                    rs.next();
                    assertTrue(rs.getString(1).contains("b[integer]:10 c[integer]:null"), rs.getString(1));
                }
            }
        }
        assertEquals(Status.OK, check(s, db, Plugin.TEST_DECODING).find(CheckId.TABLE_GENERATED_COLUMNS, "public.s").status());
    }
}
