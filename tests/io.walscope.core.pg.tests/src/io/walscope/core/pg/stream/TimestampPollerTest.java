package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.Scripts;
import io.walscope.core.conn.Secrets;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Timestamp polling against real servers (the oldest, 9.6, included: its pg_stat_activity has no backend_type):
 * each insert and update once, in (last_update, key) order with ties broken by the key, across batches; a row
 * written by a transaction open during polls still arrives after it commits; deletes never arrive; the errors.
 */
class TimestampPollerTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    /** A table with the column and trigger exactly as {@code walscope script last-update} makes them. */
    static String setUp(TestServer s, String... tables) {
        String db = s.createDatabase("poll");
        List<String> sql = new ArrayList<>();
        for (String t : tables) {
            sql.add("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        }
        sql.addAll(Scripts.lastUpdate("public", List.of(tables)));
        s.sql(db, sql.toArray(String[]::new));
        return db;
    }

    static PollOptions fast() {
        return new PollOptions().interval(Duration.ofMillis(50)).delay(Duration.ZERO).batchSize(2);
    }

    /** The ids, from the events' canonical JSON keys. */
    static List<Integer> ids(List<String> json) {
        List<Integer> out = new ArrayList<>();
        for (String j : json) {
            out.add(Integer.valueOf(j.replaceFirst(".*\"key\":\\{\"id\":(\\d+)\\}.*", "$1")));
        }
        return out;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void insertsAndUpdatesArriveOnceInOrderAndDeletesNever(String v) throws Exception {
        TestServer s = PgTestBed.server(v);
        String db = setUp(s, "t");
        s.sql(db, "INSERT INTO t VALUES (0, 'before the start')");
        try (PollRun r = PollRun.start(s, db, fast().tables(List.of("public.t")))) {
            r.awaitRounds(1);
            // one transaction: five rows with the same last_update, inserted out of key order, over 3 batches
            s.sql(db, "INSERT INTO t VALUES (5, 'e'), (3, 'c'), (1, 'a'), (4, 'd'), (2, 'b')");
            r.awaitEvents(5);
            assertEquals(List.of(1, 2, 3, 4, 5), ids(r.json()));
            assertTrue(r.json().get(0).matches("\\{\"lsn\":null,\"commit_lsn\":null,\"xid\":null,\"commit_ts\":null,"
                    + "\"op\":\"read\",\"schema\":\"public\",\"table\":\"t\",\"key\":\\{\"id\":1\\},\"before\":null,"
                    + "\"after\":\\{\"id\":1,\"v\":\"a\",\"last_update\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]{15}Z\"\\},"
                    + "\"unchanged_toast\":\\[\\]\\}"), r.json().get(0));
            s.sql(db, "UPDATE t SET v = 'c2' WHERE id = 3");
            r.awaitEvents(6);
            assertTrue(r.json().get(5).contains("\"after\":{\"id\":3,\"v\":\"c2\""), r.json().get(5));
            s.sql(db, "DELETE FROM t WHERE id IN (1, 3)");
            r.awaitRounds(3);
            assertEquals(6, r.events().size(), "nothing twice, deletes not seen: " + r.json());
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void aTransactionOpenDuringPollsIsDeliveredAfterItCommits(String v) throws Exception {
        TestServer s = PgTestBed.server(v);
        String db = setUp(s, "t");
        s.sql(db, "INSERT INTO t VALUES (1, 'a')");
        try (PollRun r = PollRun.start(s, db, fast()); Connection x = s.connect(db); Statement st = x.createStatement()) {
            r.awaitRounds(1);
            x.setAutoCommit(false);
            st.execute("UPDATE t SET v = 'late' WHERE id = 1"); // last_update = the start of this transaction
            s.sql(db, "INSERT INTO t VALUES (2, 'b')"); // later timestamp, committed at once
            r.awaitRounds(3);
            assertEquals(List.of(), r.json(), "nothing at or after the open transaction's start is read yet");
            x.commit();
            r.awaitEvents(2);
            assertEquals(List.of(1, 2), ids(r.json()));
            assertTrue(r.json().get(0).contains("\"v\":\"late\""), r.json().get(0));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void aRoleThatCannotSeeOtherSessionsIsToldOnlyTheDelayProtects(String v) throws Exception {
        TestServer s = PgTestBed.server(v);
        String db = setUp(s, "t");
        String role = "poller_" + db;
        s.sql(db, "CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");
        WalscopeException denied = assertThrows(WalscopeException.class, () -> new TimestampPoller(
                s.profile(db).setUser(role), Secrets.of("pw", null), fast()).run(new Collect()));
        assertTrue(denied.getMessage().startsWith("Role " + role + " may not read what polling needs ("),
                denied.getMessage());
        assertTrue(denied.getMessage().endsWith("with `walscope script user " + role + " --schema public`."),
                denied.getMessage());
        s.sql(db, "GRANT SELECT ON t TO " + role);
        try (Connection x = s.connect(db); Statement st = x.createStatement()) {
            x.setAutoCommit(false);
            st.execute("INSERT INTO t VALUES (1, 'a')"); // a superuser's writing transaction, hidden from the role
            try (PollRun r = PollRun.start(s.profile(db).setUser(role), Secrets.of("pw", null),
                    fast().delay(Duration.ofMillis(1500)))) {
                r.awaitRounds(2);
                assertEquals(List.of("1 other session(s) write in transactions whose start pg_stat_activity does not"
                        + " show to " + role + ": only the 1.5 s delay protects their rows; grant pg_read_all_stats or"
                        + " raise the delay above the longest transaction."), r.notices());
                x.commit();
                r.awaitEvents(1);
            }
        } finally {
            s.sql(db, "DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void snapshotPagesThroughEveryRowAndStopsAtMaxEvents(String v) throws Exception {
        TestServer s = PgTestBed.server(v);
        String db = setUp(s, "big", "small");
        // 2,500 rows on 10 distinct timestamps: ties everywhere, 25 batches of 100
        s.sql(db, "INSERT INTO big SELECT i, 'v' || i, timestamptz '2026-01-01' + (i % 10) * interval '1 s'"
                + " FROM generate_series(1, 2500) i", "INSERT INTO small VALUES (1, 'x')");
        try (PollRun r = PollRun.start(s, db, fast().batchSize(100).snapshot(true))) {
            r.awaitEvents(2501);
            List<Integer> ids = ids(r.json().stream().filter(j -> j.contains("\"table\":\"big\"")).toList());
            assertEquals(2500, ids.stream().distinct().count());
            for (int i = 1; i < ids.size(); i++) {
                int a = ids.get(i - 1);
                int b = ids.get(i);
                assertTrue(a % 10 < b % 10 || a % 10 == b % 10 && a < b, "order at " + i + ": " + a + ", " + b);
            }
            r.awaitRounds(2);
            assertEquals(2501, r.events().size());
        }
        Collect c = new Collect();
        StreamResult res = new TimestampPoller(s.profile(db), s.superuserSecrets(), fast().snapshot(true).maxEvents(7))
                .run(c);
        assertEquals(7, c.size());
        assertEquals("max-events", res.reason());
        assertEquals(7, res.events());
        assertEquals(0, res.transactions());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void tablesItCannotPollAreOneSentence(String v) throws Exception {
        TestServer s = PgTestBed.server(v);
        String db = s.createDatabase("pollerr");
        s.sql(db, "CREATE TABLE nocol (id int PRIMARY KEY)",
                "CREATE TABLE nokey (a int, last_update timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE wrongtype (id int PRIMARY KEY, last_update bigint)");
        assertEquals("Table public.nocol has no last_update column to poll: add it and its trigger with"
                + " `walscope script last-update --table public.nocol`.", fail(s, db, "public.nocol"));
        assertEquals("Table public.nokey has no primary key: timestamp polling orders rows by (last_update, key) and"
                + " needs one (ctid is not stable); add a primary key, or use logical decoding.",
                fail(s, db, "nokey"));
        assertTrue(fail(s, db, "wrongtype").startsWith("Column last_update of public.wrongtype is bigint:"));
        assertTrue(fail(s, db, "public.missing").startsWith("Table public.missing does not exist"));
        s.sql(db, "DROP TABLE nokey", "DROP TABLE wrongtype");
        assertEquals("No table in schema public has a last_update column to poll: add it with"
                + " `walscope script last-update --schema public`, or name tables with --table.", fail(s, db));
    }

    private static String fail(TestServer s, String db, String... tables) {
        return assertThrows(WalscopeException.class, () -> new TimestampPoller(s.profile(db), s.superuserSecrets(),
                fast().tables(List.of(tables))).run(new Collect())).getMessage();
    }
}
