package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.pg.PgConnector;
import io.walscope.core.profile.TargetSessionAttrs;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.StandbyPair;
import io.walscope.testbed.TestServer;

/**
 * {@code info}, {@code check}, {@code apply} and {@code tail} against a primary with a streaming standby; on the newest
 * failover-slot version of the run, the whole story: check, fix, tail on a failover slot with both hosts in
 * the URL, promote the standby in the middle of a write load, and find every transaction exactly once in the output.
 */
class ReplicationCliTest {
    static final List<String> PAIRS = List.of("15", "16", "17", "18");

    static Stream<String> versions() {
        return PgTestBed.versions().stream().filter(PAIRS::contains);
    }

    /** The version that runs the failover story: 18, else 17 (one promotion per run is enough for the CLI). */
    static String storyVersion() {
        List<String> v = PgTestBed.versions();
        return v.contains("18") ? "18" : v.contains("17") ? "17" : null;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void infoCheckAndApplyKnowTheRole(String major) throws Exception {
        StandbyPair pair = PgTestBed.pair(major);
        String db = pair.primary().createDatabase("clirole");
        pair.primary().sql(db, "CREATE TABLE t (id int PRIMARY KEY)");
        pair.waitReplayed();
        String primaryAt = "127.0.0.1:" + pair.primary().port();

        CliRun r = CliRun.run(CliRun.env(pair.primary(), db), "info");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("Server role  primary with 1 standby: standby1 (127.0.0.1, streaming, async, slot"
                + " standby1, lag "), r.out);
        r = CliRun.run(CliRun.env(pair.standby(), db), "info", "--json");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("\"server_role\" : \"standby\",\n  \"primary\" : \"" + primaryAt + "\",\n  \"standbys\" : [ ]"),
                r.out);
        r = CliRun.run(CliRun.env(pair.primary(), db), "info", "--json");
        assertTrue(r.out.contains("\"server_role\" : \"primary\",\n  \"primary\" : null,\n  \"standbys\" : [ {\n"
                + "    \"name\" : \"standby1\",\n    \"address\" : \"127.0.0.1\",\n    \"state\" : \"streaming\""), r.out);

        r = CliRun.run(CliRun.env(pair.standby(), db), "check");
        assertTrue(r.out.contains("server.role"), r.out);
        assertTrue(r.out.contains("on the primary " + primaryAt + ": ALTER TABLE public.t REPLICA IDENTITY FULL;"), r.out);
        r = CliRun.run(CliRun.env(pair.standby(), db), "apply", "--only", "table.replica_identity");
        assertTrue(r.out.contains("skipped     ALTER TABLE public.t REPLICA IDENTITY FULL;\n"
                + "            not on this standby: run it on the primary " + primaryAt), r.out);
        assertTrue(r.out.contains("This server is a standby: fixes marked for the primary " + primaryAt
                + " were not run here"), r.out);
        r = CliRun.run(CliRun.env(pair.standby(), db), "tail", "--slot", "x", "--create-slot", "--failover");
        assertEquals(2, r.exit, r.toString());
        assertEquals(Integer.parseInt(major) < 16 ? "walscope tail: The server at 127.0.0.1:" + pair.standby().port()
                + " is a PostgreSQL " + major + " standby, and logical decoding on a standby needs PostgreSQL 16: connect"
                + " to the primary " + primaryAt + "." : Integer.parseInt(major) < 17 ? "walscope tail: --failover needs"
                + " PostgreSQL 17 or newer (failover slots); the server at 127.0.0.1:" + pair.standby().port() + " is "
                + StandbyPair.query(pair.standby(), "postgres", "SHOW server_version") + ": without it a slot is lost"
                + " when a standby is promoted." : "walscope tail: The server at 127.0.0.1:" + pair.standby().port()
                + " is a standby: failover slots are made on the primary (the primary " + primaryAt
                + ") and synced to standbys; connect to the primary.", r.err.strip());

        if (major.equals(storyVersion())) {
            story(major);
        }
    }

    static boolean synced(StandbyPair pair) {
        return "t".equals(StandbyPair.query(pair.standby(), "postgres", "SELECT synced AND NOT temporary AND"
                + " invalidation_reason IS NULL FROM pg_replication_slots WHERE slot_name = 'pipeline'"));
    }

    /** The "done when", through the command line. */
    private static void story(String major) throws Exception {
        try (StandbyPair pair = PgTestBed.newPair(major, "cli-story")) {
            TestServer pr = pair.primary();
            String db = pr.createDatabase("story");
            pr.sql(db, "CREATE TABLE orders (id int PRIMARY KEY, note text)");
            String url = "postgresql://" + pr.cluster().superuser() + "@127.0.0.1:" + pr.port() + ",127.0.0.1:"
                    + pair.standby().port() + "/" + db + "?target_session_attrs=primary&sslmode=disable";
            Map<String, String> env = new HashMap<>(Map.of("PGPASSWORD", pr.cluster().password()));
            CliRun check = CliRun.run(env, "check", url);
            assertEquals(1, check.exit, check.toString());
            assertTrue(check.out.contains("publication.exists"), check.out);
            CliRun apply = CliRun.run(env, "apply", url);
            assertEquals(0, apply.exit, apply.toString());
            check = CliRun.run(env, "check", url);
            assertEquals(0, check.exit, check.toString());
            pair.waitReplayed();

            int total = 2000;
            Path out = Files.createTempFile("walscope-failover", ".jsonl");
            CliRun[] tail = new CliRun[1];
            Thread t = new Thread(() -> tail[0] = CliRun.run(env, "tail", url, "--slot", "pipeline", "--create-slot",
                    "--failover", "--max-events", String.valueOf(total), "--output", out.toString()), "cli-tail");
            t.start();
            AutoCloseable snapshots = null;
            try {
                Await.until("the tail to stream", Duration.ofSeconds(30), () -> "t".equals(StandbyPair.query(pr, "postgres",
                        "SELECT active FROM pg_replication_slots WHERE slot_name = 'pipeline'")));
                int written = 0;
                boolean promoted = false;
                // the standby holds the slot once its consumer confirmed a transaction past a running-transactions record of
                // the primary (the bgwriter logs one every 15 s; the pump every 200 ms)
                snapshots = pair.snapshots();
                Connection c = new PgConnector().connect(pair.profileBoth(db, TargetSessionAttrs.PRIMARY),
                        pr.superuserSecrets());
                while (written < total) {
                    try {
                        if (c == null) {
                            c = new PgConnector().connect(pair.profileBoth(db, TargetSessionAttrs.PRIMARY),
                                    pr.superuserSecrets());
                            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                                    "SELECT count(*) FROM orders WHERE id = " + (written + 1))) {
                                rs.next();
                                written += rs.getInt(1);
                                continue;
                            }
                        }
                        try (Statement st = c.createStatement()) {
                            st.execute("INSERT INTO orders VALUES (" + (written + 1) + ", 'order')");
                        }
                        written++;
                        if (!promoted && written >= total / 2 && synced(pair)) {
                            snapshots.close();
                            pair.stopPrimary();
                            pair.promote();
                            promoted = true;
                        }
                        assertTrue(promoted || written < total - 200, "the standby did not hold slot pipeline ready in time");
                    } catch (Exception e) {
                        try {
                            c.close();
                        } catch (Exception closing) {
                            // gone
                        }
                        c = null;
                        synchronized (t) {
                            t.wait(100);
                        }
                    }
                }
                c.close();
                t.join(120_000);
                assertTrue(!t.isAlive(), "the tail ended at --max-events");
                assertEquals(0, tail[0].exit, tail[0].toString());
                assertTrue(tail[0].err.contains("walscope tail: The stream continues on 127.0.0.1:" + pair.standby().port()
                        + " (now a primary) from slot \"pipeline\" after "), tail[0].err);
                assertTrue(tail[0].err.contains("events=" + total + " transactions="), tail[0].err);
            } finally {
                if (snapshots != null) {
                    snapshots.close();
                }
                if (t.isAlive()) {
                    // a failure above: the in-process tail must end before the test does (its Ctrl-C hook would
                    // end the test JVM with status 0)
                    pair.close();
                    t.join(120_000);
                }
            }
            List<Integer> ids = new ArrayList<>();
            Pattern id = Pattern.compile("\"after\":\\{\"id\":(\\d+)");
            for (String line : Files.readAllLines(out)) {
                Matcher m = id.matcher(line);
                assertTrue(m.find(), line);
                ids.add(Integer.valueOf(m.group(1)));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= total; i++) {
                expected.add(i);
            }
            assertEquals(expected, ids, "every transaction exactly once, in commit order");
            Files.delete(out);
        }
    }
}
