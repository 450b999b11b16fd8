package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * The short version of {@code releng/soak}: a writer commits numbered transactions of 1-100 rows into three tables
 * while {@code walscope tail --slot --output FILE} (a JVM of its own, through a proxy of the test's own) meets each
 * fault several times: SIGKILL (then the same command again), a fast and an immediate server restart, a terminated
 * walsender, a cut TCP connection. Every committed row must be in the file exactly once, whole transactions in
 * commit order, no torn line, and the file must equal pg_recvlogical's reading of a second slot created at the same
 * point. {@code -Dwalscope.soak.faults=N} changes the number of faults of each kind (default 3).
 */
class SoakTest {
    enum Fault { KILL, FAST, IMMEDIATE, TERMINATE, CUT }

    private static final Path PG_RECVLOGICAL = Path.of("/usr/lib/postgresql/15/bin/pg_recvlogical");

    @Test
    void tailIsExactlyOnceThroughKillsRestartsAndCuts() throws Exception {
        assertTrue(Files.isExecutable(PG_RECVLOGICAL), "pg_recvlogical is missing: run '" + PgTestBed.APT_LINE + "'");
        int faults = Integer.getInteger("walscope.soak.faults", 3);
        long seed = Long.getLong("walscope.soak.seed", System.nanoTime());
        Random rnd = new Random(seed);
        String major = PgTestBed.versions().contains("16") ? "16" : PgTestBed.versions().get(PgTestBed.versions().size() - 1);
        if (major.equals("9.6")) {
            major = "15";
        }
        long t0 = System.nanoTime();
        try (TestServer s = PgTestBed.dedicated(major, "soak", c -> c.conf("wal_sender_timeout = 10s"));
                CutProxy proxy = new CutProxy(s.port())) {
            String db = "postgres";
            s.sql(db, "CREATE TABLE t0 (tx bigint, n int, payload text, PRIMARY KEY (tx, n))",
                    "CREATE TABLE t1 (tx bigint, n int, payload text, PRIMARY KEY (tx, n))",
                    "CREATE TABLE t2 (tx bigint, n int, payload text, PRIMARY KEY (tx, n))",
                    "CREATE TABLE txlog (tx bigint PRIMARY KEY, rows int)", "CREATE PUBLICATION soak_pub FOR ALL TABLES",
                    "SELECT pg_create_logical_replication_slot('soak', 'pgoutput')",
                    "SELECT pg_create_logical_replication_slot('ref', 'test_decoding')");
            Path work = Files.createTempDirectory("walscope-soak");
            Path out = work.resolve("changes.jsonl");
            Path log = work.resolve("tail.log");
            Map<String, String> env = new HashMap<>(CliRun.env(s, db));
            env.put("PGPORT", String.valueOf(proxy.port()));
            List<String> cmd = List.of("tail", "--plugin", "pgoutput", "--publication", "soak_pub", "--slot", "soak",
                    "--output", out.toString());
            Child tail = new Child(cmd, env, log);
            tail.ensure();
            waitStreaming(s, db, tail);

            Writer writer = new Writer(s, db, rnd.nextLong());
            writer.start();
            List<Fault> plan = new ArrayList<>();
            for (Fault f : Fault.values()) {
                for (int i = 0; i < faults; i++) {
                    plan.add(f);
                }
            }
            Collections.shuffle(plan, rnd);
            Map<Fault, Integer> done = new EnumMap<>(Fault.class);
            for (Fault f : plan) {
                boolean hit = false;
                while (!hit) {
                    waitStreaming(s, db, tail);
                    sleep(300 + rnd.nextInt(1200));
                    hit = switch (f) {
                        case KILL -> tail.kill();
                        case FAST -> restart(s, "fast");
                        case IMMEDIATE -> restart(s, "immediate");
                        case TERMINATE -> terminate(s, db);
                        case CUT -> proxy.cut() > 0;
                    };
                    tail.ensure();
                }
                done.merge(f, 1, Integer::sum);
            }
            sleep(1000);
            writer.stop = true;
            writer.join();
            assertEquals(null, writer.failure, "the writer failed");

            // ground truth: what the database committed
            Set<String> truth = new HashSet<>();
            Map<Long, Integer> txlog = new HashMap<>();
            String endpos;
            try (Connection c = s.connect(db); Statement st = c.createStatement()) {
                for (String t : List.of("t0", "t1", "t2")) {
                    try (ResultSet rs = st.executeQuery("SELECT tx, n FROM " + t)) {
                        while (rs.next()) {
                            truth.add(t + "/" + rs.getLong(1) + "/" + rs.getInt(2));
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT tx, rows FROM txlog")) {
                    while (rs.next()) {
                        txlog.put(rs.getLong(1), rs.getInt(2));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                    rs.next();
                    endpos = rs.getString(1);
                }
            }
            long lastTx = txlog.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            String marker = "\"after\":{\"tx\":" + lastTx + ",\"rows\":";
            Await.until("the file to hold transaction " + lastTx, Duration.ofMinutes(3), () -> {
                tail.ensure();
                return Files.exists(out) && Files.readString(out).contains(marker);
            });
            int exit = tail.stop();
            assertEquals(0, exit, "walscope tail ends with 0 on SIGTERM; its log:\n" + Files.readString(log));

            Path ref = work.resolve("reference.txt");
            ProcessBuilder pb = new ProcessBuilder(PG_RECVLOGICAL.toString(), "-h", "127.0.0.1", "-p",
                    String.valueOf(s.port()), "-U", s.cluster().superuser(), "-d", db, "-S", "ref", "--start",
                    "--no-loop", "-E", endpos, "-f", ref.toString(), "-o", "include-xids=1", "-o", "skip-empty-xacts=1")
                    .redirectErrorStream(true).redirectOutput(work.resolve("pg_recvlogical.log").toFile());
            pb.environment().put("PGPASSWORD", s.cluster().password());
            Process p = pb.start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "pg_recvlogical did not finish");
            assertEquals(0, p.exitValue(), Files.readString(work.resolve("pg_recvlogical.log")));

            SoakCheck v = new SoakCheck();
            List<SoakCheck.Row> rows = v.readWalscope(out);
            v.check(truth, txlog, rows, v.readReference(ref));
            String summary = "soak (PostgreSQL " + major + ", seed " + seed + "): " + txlog.size() + " transactions, "
                    + truth.size() + " rows; faults " + done + "; tail starts " + tail.starts + ", exits other than"
                    + " SIGKILL " + tail.exits + "; " + v + "; " + (System.nanoTime() - t0) / 1_000_000_000L + " s";
            System.out.println(summary);
            for (Fault f : Fault.values()) {
                assertEquals(faults, done.getOrDefault(f, 0), f + " faults");
            }
            assertTrue(txlog.size() > 50, summary);
            assertEquals(0, v.lost, summary);
            assertEquals(0, v.duplicated, summary);
            assertEquals(0, v.torn, summary);
            assertEquals(0, v.outOfOrder, summary);
            assertEquals(0, v.partial, summary);
            assertEquals(0, v.extra, summary);
            assertEquals(0, v.referenceMismatch, summary);
            assertEquals(truth.size() + txlog.size(), rows.size(), summary);
            try (var files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static boolean restart(TestServer s, String mode) throws Exception {
        s.cluster().restart(mode);
        return true;
    }

    private static boolean terminate(TestServer s, String db) throws SQLException {
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                        + " WHERE slot_name = 'soak' AND active")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void waitStreaming(TestServer s, String db, Child tail) throws Exception {
        Await.until("walscope tail to stream from slot soak (log: " + tail.log + ")", Duration.ofSeconds(90), () -> {
            tail.ensure();
            try (Connection c = s.connect(db); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = 'soak' AND active")) {
                return rs.next();
            } catch (IllegalStateException e) {
                return false; // the server is restarting
            }
        });
    }

    private static void sleep(long ms) throws InterruptedException {
        synchronized (SoakTest.class) {
            SoakTest.class.wait(ms); // a pause between faults, by design random
        }
    }

    /** The tail as a process of its own, started again with the same command whenever it is not running. */
    static final class Child {
        final List<String> cmd;
        final Map<String, String> env;
        final Path log;
        Process p;
        int starts;
        final List<Integer> exits = new ArrayList<>();

        Child(List<String> cmd, Map<String, String> env, Path log) {
            this.cmd = cmd;
            this.env = env;
            this.log = log;
        }

        void ensure() throws Exception {
            if (p != null && !p.isAlive()) {
                exits.add(p.exitValue());
                p = null;
            }
            if (p == null) {
                Files.writeString(log, "--- start " + (starts + 1) + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                p = ChildCli.start(cmd, env, log);
                starts++;
            }
        }

        /** SIGKILL. */
        boolean kill() throws InterruptedException {
            if (p == null || !p.isAlive()) {
                return false;
            }
            p.destroyForcibly();
            p.waitFor();
            p = null;
            return true;
        }

        /** SIGTERM, as Ctrl-C of a script; returns the exit status. */
        int stop() throws InterruptedException {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "walscope tail did not end on SIGTERM");
            return p.exitValue();
        }
    }

    /** Numbered transactions of 1-100 rows into t0..t2 and one txlog row, until stopped; survives restarts. */
    static final class Writer extends Thread {
        private final TestServer s;
        private final String db;
        private final Random rnd;
        volatile boolean stop;
        volatile Throwable failure;
        long tx;

        Writer(TestServer s, String db, long seed) {
            super("soak-writer");
            this.s = s;
            this.db = db;
            this.rnd = new Random(seed);
        }

        @Override
        public void run() {
            try {
                Connection c = connect();
                while (!stop) {
                    long n = tx + 1;
                    int rows = 1 + rnd.nextInt(100);
                    StringBuilder sql = new StringBuilder();
                    for (int i = 1; i <= rows; i++) {
                        sql.append("INSERT INTO t").append(rnd.nextInt(3)).append(" VALUES (").append(n).append(", ")
                                .append(i).append(", 'r").append(n).append('x').append(i).append("');");
                    }
                    sql.append("INSERT INTO txlog VALUES (").append(n).append(", ").append(rows).append(");");
                    try (Statement st = c.createStatement()) {
                        c.setAutoCommit(false);
                        st.execute(sql.toString());
                        c.commit();
                        tx = n;
                    } catch (SQLException e) {
                        // the server went away, maybe during the commit: the database says whether it committed
                        closeQuietly(c);
                        c = connect();
                        try (Statement st = c.createStatement();
                                ResultSet rs = st.executeQuery("SELECT 1 FROM txlog WHERE tx = " + n)) {
                            if (rs.next()) {
                                tx = n;
                            }
                        }
                    }
                    synchronized (this) {
                        wait(25); // about 30 transactions a second
                    }
                }
                closeQuietly(c);
            } catch (Throwable t) {
                failure = t;
            }
        }

        private Connection connect() throws InterruptedException {
            for (int i = 0; i < 600; i++) {
                try {
                    return s.connect(db);
                } catch (IllegalStateException e) {
                    synchronized (this) {
                        wait(200); // the server restarts
                    }
                }
            }
            throw new IllegalStateException("the server did not come back");
        }

        private static void closeQuietly(Connection c) {
            try {
                c.close();
            } catch (SQLException e) {
                // gone anyway
            }
        }
    }
}
