package io.walscope.ui.live;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.profile.SecretStore;
import io.walscope.demo.DemoDatabase;
import io.walscope.demo.TrafficGenerator;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.WalscopeUi;
import io.walscope.ui.WorkbenchRun;

/**
 * The live viewer's benchmark (issue 7, "Speed and memory"), run by {@code releng/bench-view}; not part of the
 * suite (surefire runs only *Test and *Tests classes). It opens the real workbench under Xvfb with the real
 * Live Changes view, against Debian's PostgreSQL 15, and prints numbers, asserting none of them:
 * <ul>
 * <li>stream: W1 (10,000 inserts a transaction; {@code walscope.bench.events} of them, 1,000,000 = W1 twice) is
 * written with two slots waiting; {@code pg_recvlogical} drains one to a file (timed to its last write), then the view drains
 * the other: receive rate and its ratio, the display thread's latency, rows shown, heap after a full GC.</li>
 * <li>sustained ({@code walscope.bench.sustained} minutes): the demo traffic generator writes at
 * {@code walscope.bench.rate} changes/s into the demo schema while the view follows; heap after GC every 30 s.</li>
 * </ul>
 */
class LiveViewBench {
    private static final String BIN = "/usr/lib/postgresql/15/bin";
    private static final int TX_ROWS = 10_000;
    private final long events = Long.getLong("walscope.bench.events", 1_000_000);
    private final int minutes = Integer.getInteger("walscope.bench.sustained", 0);
    private final double rate = Double.parseDouble(System.getProperty("walscope.bench.rate", "5000"));
    private BenchOut out;

    @Test
    @Timeout(value = 120, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void bench() throws Exception {
        out = new BenchOut(Path.of(System.getProperty("walscope.bench.out", "target/bench-view.txt")));
        WorkbenchRun.newHome("walscope-bench-view-");
        // the settings releng/bench gives its server
        TestServer server = PgTestBed.dedicated("15", "bench-view", c -> c.conf("shared_buffers = 256MB",
                "max_wal_size = 4GB", "logical_decoding_work_mem = 64MB", "max_replication_slots = 40",
                // stream phase: no autovacuum of the fresh million rows racing whichever consumer drains first;
                // the sustained phase needs it, as a real server does (the generator updates 50 products ~700
                // times a second: without vacuum their dead versions pile up and the generator slows down)
                minutes > 0 ? "autovacuum = on" : "autovacuum = off"));
        try {
            WorkbenchRun.run(false, (display, w) -> {
                out.line("JVM: %s", BenchOut.jvm());
                out.line("Server: PostgreSQL %s (Debian) on port %d", query(server, "postgres", "SHOW server_version"),
                        server.port());
                if (minutes > 0) {
                    sustained(display, w, server);
                } else {
                    stream(display, w, server);
                }
            });
        } catch (AssertionError e) {
            out.line("FAILED: %s", e.getCause() != null ? e.getCause() : e);
            throw e;
        } finally {
            server.close();
        }
    }

    private void stream(Display d, IWorkbenchWindow w, TestServer server) throws Exception {
        String db = server.createDatabase("bench_view");
        int tx = (int) Math.max(1, (events + TX_ROWS - 1) / TX_ROWS);
        long n = (long) tx * TX_ROWS;
        server.sql(db, "CREATE TABLE w1 (id int PRIMARY KEY, n int, payload text)",
                "CREATE PUBLICATION dbz_publication FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('r_pgoutput', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('v_pgoutput', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('r2_pgoutput', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('r3_pgoutput', 'pgoutput')");
        out.line("Workload: W1 with %,d inserts in %d transactions (W1 = 500,000 in 50), written before either"
                + " consumer starts; both drain the same WAL (pgoutput, proto_version 1, binary)", n, tx);
        String endpos = background(d, "the workload", () -> {
            server.sql(db, "DO $$ BEGIN FOR t IN 0.." + (tx - 1) + " LOOP INSERT INTO w1 SELECT g, g, 'payload ' || g"
                    + " FROM generate_series(t * " + TX_ROWS + " + 1, t * " + TX_ROWS + " + " + TX_ROWS + ") g;"
                    + " COMMIT; END LOOP; END $$", "CHECKPOINT");
            return query(server, db, "SELECT pg_current_wal_insert_lsn()::text");
        });
        // pg_recvlogical drains before the view, after it (once the display thread is idle), and after that
        // with itself and its walsender pinned to one CPU (on two cores, a reader and a walsender on different
        // CPUs wake each other for every message: pinned, they batch, up to twice as fast); the ratio is against
        // the fastest of the three
        double recvSecs = recvlogical(d, server, db, "r_pgoutput", endpos, false);

        LiveView live = openView(w, profile(server, db));
        LatencyProbe probe = new LatencyProbe(d);
        probe.start();
        double[] cpu = BenchOut.cpu();
        live.start(new StreamOptions().plugin(Plugin.PGOUTPUT).slot("v_pgoutput"));
        LiveSession s = live.session();
        Ui.waitUntil(d, () -> s.capture().received() >= n || failed(live), Duration.ofMinutes(30),
                () -> "the view to receive " + n + " events; " + live.statusText());
        check(live);
        Ui.waitUntil(d, () -> lastShown(live) >= n, Duration.ofMinutes(5),
                () -> "the view to show the last event; " + live.statusText());
        long shownNanos = System.nanoTime();
        probe.stop();
        String cpuUse = BenchOut.cpuSince(cpu, BenchOut.readerCpu(), n);
        LiveCaptureTimes t = new LiveCaptureTimes(s);
        Ui.screenshot(w.getShell(), "live-view-bench");
        double heap = BenchOut.heapAfterGcMb();
        live.stop();
        Ui.waitUntil(d, () -> !live.stateText().startsWith("RUNNING"), Duration.ofSeconds(60), live::stateText);
        // the table fills in its older rows after a burst: a busy display thread on the other CPU would speed up
        // the next drain (see above), so it starts once the table is full
        int full = (int) Math.min(n, 200_000); // the view's default buffer
        Ui.waitUntil(d, () -> live.rowCount() >= full, Duration.ofMinutes(2), () -> "the table to fill in");
        Ui.flush(d);
        List<String> sorts = new ArrayList<>();
        for (int c : new int[] { 0, 4, 5, 6 }) {
            // a header click on the full table: the whole sort on the display thread (new changes merge in later)
            long t0 = System.nanoTime();
            live.setSort(c, org.eclipse.swt.SWT.UP);
            Ui.flush(d);
            sorts.add(String.format("%s %.0f ms (sort %.0f)", Rows.COLUMNS[c], (System.nanoTime() - t0) / 1e6,
                    live.sortMillis()[0]));
        }
        live.setSort(-1, org.eclipse.swt.SWT.NONE);
        Ui.flush(d);
        double recv2Secs = recvlogical(d, server, db, "r2_pgoutput", endpos, false);
        double recv3Secs = recvlogical(d, server, db, "r3_pgoutput", endpos, true);
        double recvRate = n / Math.min(recvSecs, Math.min(recv2Secs, recv3Secs));
        out.line("%-44s %,12.0f ev/s  (%,d events in %.2f s, start to last write; before the view)",
                "pg_recvlogical (to its last write)", n / recvSecs, n, recvSecs);
        out.line("%-44s %,12.0f ev/s  (%.2f s; after the view, its display idle)", "pg_recvlogical (to its last write)",
                n / recv2Secs, recv2Secs);
        out.line("%-44s %,12.0f ev/s  (%.2f s; it and its walsender pinned to CPU 0)",
                "pg_recvlogical (to its last write)", n / recv3Secs, recv3Secs);
        double firstToLast = n / t.firstToLastSecs();
        double startToLast = n / t.startToLastSecs();
        out.line("%-44s %,12.0f ev/s  ratio %.2f (target >= 0.80: %s)", "view received, first to last event",
                firstToLast, firstToLast / recvRate, BenchOut.verdict(firstToLast / recvRate >= 0.8));
        out.line("%-44s %,12.0f ev/s  ratio %.2f (%.2f s; connect and slot start included)",
                "view received, Start to last event", startToLast, startToLast / recvRate, t.startToLastSecs());
        out.line("%-44s %,12.0f ev/s  (last event in the table %.2f s after Start)", "view shown, Start to last row",
                n / ((shownNanos - s.startedNanos()) / 1e9), (shownNanos - s.startedNanos()) / 1e9);
        out.line("%-44s %s", "CPU, Start to last row shown", cpuUse);
        out.line("%-44s %,12d of %,d received (buffer %,d: %,d oldest dropped, as designed)", "rows in the table",
                live.rowCount(), s.capture().received(), s.buffer().capacity(), s.buffer().dropped());
        out.line("%-44s %s", "header click on " + live.rowCount() + " rows", String.join(", ", sorts));
        out.line("%-44s %s (target p99 < 100 ms: %s)", "display thread latency (10 ms timer)", probe.summary(),
                BenchOut.verdict(probe.quantileMs(0.99) < 100));
        stalls(probe);
        out.line("%-44s %12.0f MB after %,d events, view open (target < 512 MB: %s)", "heap used after a full GC",
                heap, s.capture().received(), BenchOut.verdict(heap < 512));
        out.line("Status line at the end: %s", live.statusText());
    }

    private void sustained(Display d, IWorkbenchWindow w, TestServer server) throws Exception {
        String db = server.createDatabase("bench_shop");
        try (InputStream in = DemoDatabase.class.getResourceAsStream("/sql/shop.sql")) {
            server.sql(db, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ConnectionProfile profile = profile(server, db);
        LiveView live = openView(w, profile);
        LatencyProbe probe = new LatencyProbe(d);
        probe.start();
        live.start(new StreamOptions().plugin(Plugin.PGOUTPUT));
        LiveSession s = live.session();
        Ui.waitUntil(d, () -> failed(live) || s.slotName() != null && "1".equals(query(server, db,
                "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '" + s.slotName() + "'")),
                Duration.ofSeconds(60), () -> "the stream to run: " + live.stateText());
        check(live);
        Secrets secrets = server.superuserSecrets();
        TrafficGenerator gen = new TrafficGenerator(() -> new PgConnector().connect(profile, secrets), rate);
        out.line("Sustained: the demo traffic generator at %.0f changes/s into the demo schema for %d min, the view"
                + " following (temporary pgoutput slot); heap after a full GC every 30 s", rate, minutes);
        out.line("%6s %10s %9s %10s %9s %9s %9s %8s %10s", "t/s", "written", "written/s", "received", "recv/s", "rows",
                "dropped", "heap MB", "buffer MB");
        List<double[]> series = new ArrayList<>();
        long t0 = System.nanoTime();
        gen.start();
        long end = t0 + TimeUnit.MINUTES.toNanos(minutes);
        long[] last = { 0, 0, t0 };
        for (long next = t0 + 30_000_000_000L; next <= end; next += 30_000_000_000L) {
            long due = next;
            Ui.waitUntil(d, () -> System.nanoTime() >= due || failed(live), Duration.ofMinutes(2), () -> "30 s");
            check(live);
            series.add(sample(probe, gen, s, live, t0, last));
        }
        gen.close();
        double written = gen.changes() / ((System.nanoTime() - t0) / 1e9);
        long[] seen = { -1 };
        long[] stableSince = { System.nanoTime() };
        Ui.waitUntil(d, () -> {
            long r = s.capture().received();
            if (r != seen[0]) {
                seen[0] = r;
                stableSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stableSince[0] > 3_000_000_000L;
        }, Duration.ofMinutes(5), () -> "the view to catch up");
        probe.stop();
        out.line("Generator: %,d changes written, %.0f changes/s reached (asked %.0f)%s", gen.changes(), written, rate,
                gen.lastError() == null ? "" : "; last error: " + gen.lastError());
        out.line("View: %,d events received (%,d changes written),"
                + " %,d rows in the table, %,d dropped from the buffer of %,d", s.capture().received(), gen.changes(),
                live.rowCount(), s.buffer().dropped(), s.buffer().capacity());
        out.line("Display thread latency (10 ms timer): %s (target p99 < 100 ms: %s)", probe.summary(),
                BenchOut.verdict(probe.quantileMs(0.99) < 100));
        growth(series);
        live.stop();
        Ui.waitUntil(d, () -> !live.stateText().startsWith("RUNNING"), Duration.ofSeconds(60), live::stateText);
    }

    /** One row of the sustained series: t, written, received, rows, dropped, heap MB (after GC). */
    private double[] sample(LatencyProbe probe, TrafficGenerator gen, LiveSession s, LiveView live, long t0, long[] last) {
        double[] heap = new double[1];
        probe.excluding(() -> heap[0] = BenchOut.heapAfterGcMb());
        long now = System.nanoTime();
        long written = gen.changes();
        long received = s.capture().received();
        double secs = (now - last[2]) / 1e9;
        double[] row = { (now - t0) / 1e9, written, received, live.rowCount(), s.buffer().dropped(), heap[0] };
        out.line("%6.0f %,10d %,9.0f %,10d %,9.0f %,9d %,9d %8.1f %10.1f", row[0], written, (written - last[0]) / secs,
                received, (received - last[1]) / secs, live.rowCount(), s.buffer().dropped(), heap[0], s.buffer().bytes() / 1048576.0);
        last[0] = written;
        last[1] = received;
        last[2] = now;
        return row;
    }

    /** Heap growth over the samples taken once the buffer was full (it drops the oldest from then on). */
    private void growth(List<double[]> series) {
        List<double[]> full = series.stream().filter(r -> r[4] > 0).toList();
        if (full.size() < 2) {
            out.line("Heap growth after the buffer filled: not measurable (the buffer filled in fewer than 2 samples)");
            return;
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0, min = Double.MAX_VALUE, max = 0;
        for (double[] r : full) {
            double x = r[0] / 60;
            sx += x;
            sy += r[5];
            sxx += x * x;
            sxy += x * r[5];
            min = Math.min(min, r[5]);
            max = Math.max(max, r[5]);
        }
        int k = full.size();
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        double[] first = full.get(0);
        double[] lastRow = full.get(k - 1);
        out.line("Heap after the buffer filled (t=%.0f s to %.0f s, %d samples): %.1f -> %.1f MB (%+.1f MB),"
                + " range %.1f-%.1f MB, trend %+.2f MB/min", first[0], lastRow[0], k, first[5], lastRow[5],
                lastRow[5] - first[5], min, max, slope);
    }

    private static LiveView openView(IWorkbenchWindow w, ConnectionProfile profile) throws Exception {
        LiveView live = (LiveView) w.getActivePage().showView(LiveView.ID);
        live.setProfile(profile);
        return live;
    }

    /** The superuser's profile for {@code db}, its password in secure storage as a saved one would be. */
    private static ConnectionProfile profile(TestServer server, String db) throws Exception {
        ConnectionProfile p = server.profile(db).setName("bench-" + db);
        WalscopeUi.get().secrets().put(p.getName(), SecretStore.Kind.PASSWORD, server.cluster().password().toCharArray());
        return p;
    }

    /** Where the display thread's longest stalls went (the first ten). */
    private void stalls(LatencyProbe probe) {
        List<String> st = probe.stalls();
        out.line("%-44s %d", "display thread stalls over 50 ms", st.size());
        for (String s : st.subList(0, Math.min(10, st.size()))) {
            out.line("    %s", s);
        }
    }

    /**
     * Drains {@code slot} to {@code endpos} with pg_recvlogical (as releng/bench does); seconds from its start to its
     * last write into its output file in /dev/shm (not to its exit, which waits for the server to show the end).
     */
    private static double recvlogical(Display d, TestServer server, String db, String slot, String endpos,
            boolean pinned) throws Exception {
        Path log = Files.createTempFile("walscope-bench-recvlogical", ".log");
        Path out = Files.createTempFile(Path.of("/dev/shm"), "walscope-bench-recvlogical", ".out");
        List<String> cmd = new ArrayList<>();
        String postmaster = null;
        if (pinned) {
            // the walsender forks from the postmaster and inherits its CPU affinity
            postmaster = Files.readAllLines(Path.of(query(server, db, "SHOW data_directory"), "postmaster.pid")).get(0)
                    .trim();
            taskset("-a", "-p", "-c", "0", postmaster);
            cmd.addAll(List.of("taskset", "-c", "0"));
        }
        cmd.addAll(List.of(BIN + "/pg_recvlogical", "-h", "127.0.0.1", "-p",
                String.valueOf(server.port()), "-U", server.cluster().superuser(), "-d", db, "--slot", slot,
                "--start", "--no-loop", "-f", out.toString(), "--endpos", endpos, "-o", "proto_version=1", "-o",
                "publication_names=dbz_publication", "-o", "messages=true", "-o", "binary=true"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGPASSWORD", server.cluster().password());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        java.time.Instant start = java.time.Instant.now();
        Process p = pb.start();
        CompletableFuture<Long> exit = p.onExit().thenApply(x -> System.nanoTime());
        Ui.waitUntil(d, exit::isDone, Duration.ofMinutes(30), () -> "pg_recvlogical to reach " + endpos);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("pg_recvlogical failed (exit " + p.exitValue() + "): " + Files.readString(log));
        }
        if (postmaster != null) {
            taskset("-a", "-p", "-c", "0-" + (Runtime.getRuntime().availableProcessors() - 1), postmaster);
        }
        java.time.Instant last = Files.getLastModifiedTime(out).toInstant();
        Files.delete(out);
        return Duration.between(start, last).toNanos() / 1e9;
    }

    private static void taskset(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("taskset"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + text);
        }
    }

    /** Runs {@code work} on a thread of its own while the event loop runs. */
    private static <T> T background(Display d, String what, Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "bench " + what);
        t.start();
        Ui.waitUntil(d, f::isDone, Duration.ofMinutes(30), () -> what);
        try {
            return f.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String query(TestServer server, String db, String sql) {
        try (Connection c = server.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The sequence number of the last event the table shows (oldest first, follow on). */
    private static long lastShown(LiveView live) {
        int rows = live.rowCount();
        io.walscope.core.live.LiveEvent e = rows == 0 ? null : live.eventAt(rows - 1);
        return e == null ? 0 : e.seq();
    }

    private static boolean failed(LiveView live) {
        return live.stateText().startsWith("FAILED") || live.stateText().startsWith("STOPPED");
    }

    private static void check(LiveView live) {
        if (failed(live)) {
            throw new IllegalStateException("The stream ended: " + live.stateText());
        }
    }

    /** The capture's clock: first and last change, and the session's Start. */
    private record LiveCaptureTimes(LiveSession s) {
        double firstToLastSecs() {
            return (s.capture().lastChangeNanos() - s.capture().firstChangeNanos()) / 1e9;
        }

        double startToLastSecs() {
            return (s.capture().lastChangeNanos() - s.startedNanos()) / 1e9;
        }
    }
}
