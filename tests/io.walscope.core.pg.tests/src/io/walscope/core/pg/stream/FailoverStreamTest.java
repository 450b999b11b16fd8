package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Status;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.check.CheckRunner;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.profile.TargetSessionAttrs;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.StandbyPair;

/**
 * A tail through a failover, with a steady writer: the primary stops, the standby is promoted with
 * {@code pg_promote()}, and every transaction arrives exactly once. 17 and 18: a failover slot, both hosts in the
 * profile. 16: a tail on the standby, through its own promotion. 15: the slot is lost, and the stream says so. Each
 * scenario runs once per version on a pair of its own (the shared pair is never promoted).
 */
class FailoverStreamTest {
    static final Pattern ID = Pattern.compile("\"after\":\\{\"id\":(\\d+)");

    static Stream<String> versions() {
        return PgTestBed.versions().stream().filter(v -> List.of("15", "16", "17", "18").contains(v));
    }

    /** The scenario that proves the point on each version. */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void throughAFailover(String major) throws Exception {
        long t0 = System.nanoTime();
        String what = switch (major) {
            case "15" -> slotLostAtFailoverIsSaidInOneSentence(major);
            case "16" -> tailOnAStandbySurvivesItsPromotion(major);
            default -> tailFollowsAFailoverOnAFailoverSlot(major);
        };
        System.out.printf("PostgreSQL %s %s scenario: %.1f s%n", major, what, (System.nanoTime() - t0) / 1e9);
    }

    /** Inserts one row per transaction through the profile's hosts; after a failover it continues on the new primary. */
    static final class Writer implements AutoCloseable {
        final List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean stop;
        volatile int failures;

        Writer(ConnectionProfile p, Secrets secrets) {
            thread = new Thread(() -> {
                int next = 1;
                Connection c = null;
                while (!stop) {
                    try {
                        if (c == null) {
                            c = new PgConnector().connect(p, secrets);
                            // a commit whose answer was lost in the failover may have happened: look before writing again
                            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                                    "SELECT count(*) FROM t WHERE id = " + next)) {
                                rs.next();
                                if (rs.getInt(1) == 1) {
                                    acknowledged.add(next++);
                                }
                            }
                        }
                        try (Statement st = c.createStatement()) {
                            st.execute("INSERT INTO t VALUES (" + next + ", 'row " + next + "')");
                        }
                        acknowledged.add(next++);
                        synchronized (this) {
                            wait(3);
                        }
                    } catch (Exception e) {
                        failures++;
                        close(c);
                        c = null;
                        synchronized (this) {
                            try {
                                wait(100);
                            } catch (InterruptedException ie) {
                                return;
                            }
                        }
                    }
                }
                close(c);
            }, "failover-writer");
            thread.setDaemon(true);
            thread.start();
        }

        private static void close(Connection c) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // gone
            }
        }

        int count() {
            return acknowledged.size();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(30_000);
        }
    }

    /** Runs a stream on its own thread. */
    static final class Tail {
        final Collect collect = new Collect();
        final List<String> notices = Collections.synchronizedList(new ArrayList<>());
        final ChangeStream stream;
        final Thread thread;
        volatile StreamResult result;
        volatile Exception failure;

        Tail(ConnectionProfile p, Secrets secrets, StreamOptions o) {
            stream = new ChangeStream(p, secrets, o.notices(notices::add));
            thread = new Thread(() -> {
                try {
                    result = stream.run(collect);
                } catch (Exception e) {
                    failure = e;
                }
            }, "failover-tail");
            thread.setDaemon(true);
            thread.start();
        }

        List<Integer> ids() {
            List<Integer> out = new ArrayList<>();
            synchronized (collect) {
                for (String j : collect.json) {
                    Matcher m = ID.matcher(j);
                    if (m.find()) {
                        out.add(Integer.valueOf(m.group(1)));
                    }
                }
            }
            return out;
        }

        StreamResult stop() throws Exception {
            stream.cancel();
            thread.join(30_000);
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /**
     * Waits until the tail streams from its slot: the slot is active and consistent (its confirmed_flush_lsn is set once
     * creation found its consistent point; a transaction committing before that point is not in the slot), so the
     * writer's rows, which come after, are all in it.
     */
    static void streaming(io.walscope.testbed.TestServer s, String slot, Tail tail) throws Exception {
        Await.until("the tail to stream from " + slot, Duration.ofSeconds(30), () -> tail.failure != null
                || "t".equals(StandbyPair.query(s, "postgres", "SELECT active AND confirmed_flush_lsn IS NOT NULL FROM"
                        + " pg_replication_slots WHERE slot_name = '" + slot + "'")));
        if (tail.failure != null) {
            throw tail.failure;
        }
    }

    static String setUp(StandbyPair pair) throws Exception {
        String db = pair.primary().createDatabase("failover");
        pair.primary().sql(db, "CREATE TABLE t (id int PRIMARY KEY, v text)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        pair.waitReplayed();
        return db;
    }

    static List<Integer> table(StandbyPair pair, String db) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = pair.standby().connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM t ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** Stops the primary and promotes the standby while the writer writes; returns the seconds it took. */
    static double failover(StandbyPair pair, Writer w) throws Exception {
        int before = w.count();
        long t0 = System.nanoTime();
        pair.stopPrimary();
        pair.promote();
        double s = (System.nanoTime() - t0) / 1e9;
        Await.until("the writer to continue on the new primary", Duration.ofSeconds(60), () -> w.count() > before + 300);
        return s;
    }

    /** {@code [1-300, 302]}: a list of ids, short. */
    static String ranges(List<Integer> ids) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            int start = ids.get(i);
            while (i + 1 < ids.size() && ids.get(i + 1) == ids.get(i) + 1) {
                i++;
            }
            b.append(b.length() > 1 ? ", " : "").append(start).append(ids.get(i) == start ? "" : "-" + ids.get(i));
        }
        return b.append(']').toString();
    }

    static void exactlyOnce(StandbyPair pair, String db, Tail tail) throws Exception {
        List<Integer> written = table(pair, db);
        try {
            Await.until("the tail to deliver all " + written.size() + " rows", Duration.ofSeconds(90),
                    () -> tail.ids().size() >= written.size() || tail.failure != null);
        } catch (AssertionError e) {
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement el : tail.thread.getStackTrace()) {
                stack.append("\n  at ").append(el);
            }
            List<Integer> missing = new ArrayList<>(written);
            missing.removeAll(tail.ids());
            throw new AssertionError(e.getMessage() + "; got " + tail.ids().size() + " " + ranges(tail.ids()) + ", missing "
                    + ranges(missing)
                    + " (written " + written.get(0) + ".." + written.get(written.size() - 1) + "), failure " + tail.failure
                    + ", notices " + tail.notices + ", tail thread:" + stack, e);
        }
        if (tail.failure != null) {
            throw tail.failure;
        }
        StreamResult r = tail.stop();
        assertNotNull(r);
        List<Integer> got = tail.ids();
        assertEquals(written.size(), got.size(), "every transaction once: " + tail.notices);
        assertEquals(written, got, "in commit order, none lost, none twice");
    }

    String tailFollowsAFailoverOnAFailoverSlot(String major) throws Exception {
        try (StandbyPair pair = PgTestBed.newPair(major, "failover")) {
            String db = setUp(pair);
            // a failover slot whose consumer has not moved since: synced, but not ready (the standby's check says so)
            pair.primary().sql(db, "SELECT pg_create_logical_replication_slot('stale', 'pgoutput')",
                    "INSERT INTO t VALUES (-1, 'x')", "DELETE FROM t");
            try (Connection rc = new PgConnector().connectReplication(pair.primary().profile(db),
                    pair.primary().superuserSecrets()); Statement st = rc.createStatement()) {
                st.execute("ALTER_REPLICATION_SLOT stale (FAILOVER true)");
            }
            ConnectionProfile both = pair.profileBoth(db, TargetSessionAttrs.PRIMARY);
            Secrets secrets = pair.primary().superuserSecrets();
            Tail tail = new Tail(both, secrets, new StreamOptions().plugin(Plugin.PGOUTPUT).slot("cdc").createSlot(true)
                    .failover(true));
            streaming(pair.primary(), "cdc", tail);
            try (Writer w = new Writer(both, secrets)) {
                Await.until("changes to flow", Duration.ofSeconds(60), () -> tail.ids().size() > 300 || tail.failure != null);
                long s0 = System.nanoTime();
                // the primary's slot moves its catalog horizon at running-transactions records (bgwriter: every 15 s)
                try (AutoCloseable snapshots = pair.snapshots()) {
                    pair.waitSynced("cdc");
                }
                System.out.printf("PostgreSQL %s: slot cdc synced and ready on the standby in %.1f s%n", major,
                        (System.nanoTime() - s0) / 1e9);
                CheckReport sb = new CheckRunner(pair.standby().profile(db), secrets)
                        .run(CheckOptions.of(List.of("public"), Plugin.PGOUTPUT).withProve(false), Progress.NONE);
                assertEquals(Status.OK, sb.find(CheckId.SLOT_FAILOVER, "cdc").status(), sb.find(CheckId.SLOT_FAILOVER, "cdc").message());
                assertEquals(Status.WARN, sb.find(CheckId.SLOT_FAILOVER, "stale").status(),
                        String.valueOf(sb.byId(CheckId.SLOT_FAILOVER)));
                double promote = failover(pair, w);
                System.out.printf("PostgreSQL %s failover: stop + pg_promote() %.1f s%n", major, promote);
            }
            exactlyOnce(pair, db, tail);
            assertTrue(tail.notices.stream().anyMatch(n -> n.startsWith("The stream continues on 127.0.0.1:"
                    + pair.standby().port() + " (now a primary) from slot \"cdc\" after ")), tail.notices.toString());
            assertTrue(tail.result.reconnects() >= 1);
        }
        return "failover-slot";
    }

    String tailOnAStandbySurvivesItsPromotion(String major) throws Exception {
        try (StandbyPair pair = PgTestBed.newPair(major, "standby-tail")) {
            String db = setUp(pair);
            Secrets secrets = pair.primary().superuserSecrets();
            Tail tail = new Tail(pair.standby().profile(db), secrets, new StreamOptions().plugin(Plugin.PGOUTPUT)
                    .slot("on_standby").createSlot(true));
            // creating the slot waits for the primary's running-transactions record, and says so
            Await.until("the waiting notice", Duration.ofSeconds(20), () -> !tail.notices.isEmpty());
            assertTrue(tail.notices.get(0).startsWith("Waiting: creating a slot on a standby waits for a running-transactions"
                    + " record from the primary 127.0.0.1:" + pair.primary().port()), tail.notices.get(0));
            try (AutoCloseable pump = pair.snapshots()) {
                streaming(pair.standby(), "on_standby", tail);
            }
            try (Writer w = new Writer(pair.profileBoth(db, TargetSessionAttrs.PRIMARY), secrets)) {
                Await.until("changes to flow", Duration.ofSeconds(60), () -> tail.ids().size() > 300 || tail.failure != null);
                System.out.printf("PostgreSQL %s standby tail before the promotion: %s of %d written%n", major,
                        ranges(tail.ids()), w.count());
                double promote = failover(pair, w);
                System.out.printf("PostgreSQL %s standby promotion: stop + pg_promote() %.1f s%n", major, promote);
            }
            exactlyOnce(pair, db, tail);
        }
        return "standby-tail";
    }

    String slotLostAtFailoverIsSaidInOneSentence(String major) throws Exception {
        try (StandbyPair pair = PgTestBed.newPair(major, "lost")) {
            String db = setUp(pair);
            ConnectionProfile both = pair.profileBoth(db, TargetSessionAttrs.PRIMARY);
            Secrets secrets = pair.primary().superuserSecrets();
            Tail tail = new Tail(both, secrets, new StreamOptions().plugin(Plugin.PGOUTPUT).slot("cdc").createSlot(true));
            streaming(pair.primary(), "cdc", tail);
            try (Writer w = new Writer(both, secrets)) {
                Await.until("changes to flow", Duration.ofSeconds(60), () -> tail.ids().size() > 100 || tail.failure != null);
                failover(pair, w);
            }
            tail.thread.join(90_000);
            assertTrue(tail.failure instanceof WalscopeException, String.valueOf(tail.failure));
            String m = tail.failure.getMessage();
            assertTrue(m.startsWith("Slot \"cdc\" did not survive the failover to 127.0.0.1:" + pair.standby().port()
                    + " (PostgreSQL 15 has no failover slots): the changes after "), m);
            assertTrue(m.endsWith(" are in no slot there; start over on a new slot with a snapshot (walscope tail --slot NEW"
                    + " --create-slot --snapshot)."), m);
        }
        return "lost-slot";
    }
}
