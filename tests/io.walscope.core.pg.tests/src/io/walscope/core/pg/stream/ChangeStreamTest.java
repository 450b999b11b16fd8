package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.WalscopeException;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Lsn;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** Streams real changes from every server of the test bed with pgoutput (10+) and test_decoding. */
class ChangeStreamTest {
    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    static long currentLsn(TestServer s, String db) throws Exception {
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(s.major().equals("9.6") ? "SELECT pg_current_xlog_insert_location()::text"
                        : "SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }

    static void slot(TestServer s, String db, String slot, Plugin p) {
        s.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', '" + p.id() + "')");
    }

    static Collect stream(TestServer s, String db, StreamOptions o) throws WalscopeException {
        Collect c = new Collect();
        new ChangeStream(s.profile(db), s.superuserSecrets(), o).run(c);
        return c;
    }

    /** 96 kB that pglz cannot compress: stored out of line (TOASTed), so updates leave it unchanged. */
    static final String RANDOM = "(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 3000) i)";

    static String setUp(TestServer s) {
        String db = Slots2.track(s, "stream");
        s.sql(db, "CREATE TABLE \"Odd \"\"Name\"\"\" (id int PRIMARY KEY, txt text, n numeric(10,2), at timestamptz,"
                + " ok boolean, tags text[], body text)",
                "CREATE TABLE nokey (a int, b text)", "ALTER TABLE nokey REPLICA IDENTITY FULL",
                "CREATE TABLE full_t (id int PRIMARY KEY, body text, n int)", "ALTER TABLE full_t REPLICA IDENTITY FULL");
        if (!s.major().equals("9.6")) {
            s.sql(db, "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        }
        return db;
    }

    static void changes(TestServer s, String db) {
        s.sql(db, "INSERT INTO \"Odd \"\"Name\"\"\" VALUES (1, 'it''s ''q'' \"x\" ]: y', 12.5, '2026-01-02 03:04:05.25+00',"
                + " true, '{a,\"b c\",NULL}', " + RANDOM + "), (2, NULL, NULL, NULL, NULL, NULL, NULL)",
                "UPDATE \"Odd \"\"Name\"\"\" SET txt = 'new' WHERE id = 1",
                "INSERT INTO full_t VALUES (1, 'z' || " + RANDOM + ", 0)", "UPDATE full_t SET n = 1",
                "INSERT INTO nokey VALUES (1, 'x')", "UPDATE nokey SET b = 'y'", "DELETE FROM nokey",
                "DELETE FROM \"Odd \"\"Name\"\"\" WHERE id = 2");
        if (!s.major().equals("9.6") && !s.major().equals("10")) {
            s.sql(db, "TRUNCATE full_t");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void pgoutputAndTestDecodingAgree(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = setUp(s);
        boolean pgoutput = !major.equals("9.6");
        if (pgoutput) {
            slot(s, db, "w_pgoutput", Plugin.PGOUTPUT);
        }
        slot(s, db, "w_test_decoding", Plugin.TEST_DECODING);
        changes(s, db);
        long until = currentLsn(s, db);
        Collect td = stream(s, db, new StreamOptions().plugin(Plugin.TEST_DECODING).slot("w_test_decoding").untilLsn(until));
        List<String> rows = td.rows();
        assertEquals(major.equals("9.6") || major.equals("10") ? 9 : 10, rows.size(), String.join("\n", td.json));
        String first = td.json.get(0);
        assertTrue(first.contains("\"table\":\"Odd \\\"Name\\\"\",\"key\":{\"id\":1},\"before\":null,\"after\":{\"id\":1,"
                + "\"txt\":\"it's 'q' \\\"x\\\" ]: y\",\"n\":\"12.50\",\"at\":\"2026-01-02T03:04:05.250000Z\",\"ok\":true,"
                + "\"tags\":[\"a\",\"b c\",null],\"body\":\"c4ca4238a0b923820dcc509a6f75849b"), first);
        // an update leaving the TOASTed body alone: named as unchanged, never null
        assertTrue(td.json.get(2).contains("\"after\":{\"id\":1,\"txt\":\"new\",") && td.json.get(2)
                .contains("\"unchanged_toast\":[\"body\"]"), td.json.get(2));
        // REPLICA IDENTITY FULL: the whole old row, and the unchanged TOAST value taken from it
        assertTrue(td.json.get(4).contains("\"before\":{\"id\":1,\"body\":\"zc4ca4238"), td.json.get(4));
        assertTrue(td.json.get(4).contains("\"unchanged_toast\":[]"), td.json.get(4));
        assertTrue(td.json.get(7).contains("\"op\":\"delete\",\"schema\":\"public\",\"table\":\"nokey\",\"key\":null,"
                + "\"before\":{\"a\":1,\"b\":\"y\"}"), td.json.get(7));
        if (pgoutput) {
            Collect po = stream(s, db, new StreamOptions().plugin(Plugin.PGOUTPUT).slot("w_pgoutput").untilLsn(until));
            assertEquals(rows, po.rows());
            assertEquals(td.commits, po.commits, "same transactions, same end LSNs");
            assertTrue(po.json.get(0).contains("\"commit_lsn\":\"") && !po.json.get(0).contains("\"commit_ts\":null"));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void resumesAfterTheLastWholeTransaction(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = setUp(s);
        Plugin p = major.equals("9.6") ? Plugin.TEST_DECODING : Plugin.PGOUTPUT;
        StreamOptions o = new StreamOptions().plugin(p).slot("resume_me").createSlot(true).maxEvents(0 + 1);
        // the first run creates the slot (nothing to read yet)
        s.sql(db, "SELECT 1");
        Collect first = new Collect();
        ChangeStream cs = new ChangeStream(s.profile(db), s.superuserSecrets(), o.maxEvents(1).untilLsn(currentLsn(s, db)));
        cs.run(first);
        for (int tx = 0; tx < 4; tx++) {
            s.sql(db, "BEGIN", "INSERT INTO nokey VALUES (" + (3 * tx) + ")", "INSERT INTO nokey VALUES (" + (3 * tx + 1)
                    + ")", "INSERT INTO nokey VALUES (" + (3 * tx + 2) + ")", "COMMIT");
        }
        long until = currentLsn(s, db);
        // --max-events ends at a transaction boundary: the transaction of the 4th change is finished
        Collect a = stream(s, db, new StreamOptions().plugin(p).slot("resume_me").maxEvents(4));
        assertEquals(6, a.size());
        assertEquals(2, a.commits.size(), "the second transaction was not cut");
        // stopped inside the third transaction (as Ctrl-C does)
        Collect b = new Collect();
        ChangeStream stopped = new ChangeStream(s.profile(db), s.superuserSecrets(),
                new StreamOptions().plugin(p).slot("resume_me"));
        b.hook = e -> stopped.cancel();
        stopped.run(b);
        assertEquals(1, b.size());
        assertEquals(0, b.commits.size(), "stopped inside the third transaction");
        Collect c = stream(s, db, new StreamOptions().plugin(p).slot("resume_me").untilLsn(until));
        // the third transaction again, whole, then the fourth: none lost, none twice
        assertEquals(List.of("insert nokey {a=6, b=null}", "insert nokey {a=7, b=null}", "insert nokey {a=8, b=null}",
                "insert nokey {a=9, b=null}", "insert nokey {a=10, b=null}", "insert nokey {a=11, b=null}"), c.rows());
        s.sql(db, "SELECT pg_drop_replication_slot('resume_me')");
    }
}
