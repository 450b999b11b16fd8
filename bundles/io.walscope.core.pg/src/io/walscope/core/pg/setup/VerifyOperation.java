package io.walscope.core.pg.setup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.Hba;
import io.walscope.core.check.Progress;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.check.CatalogReader;
import io.walscope.core.pg.stream.ChangeStream;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.VerifyChange;
import io.walscope.core.setup.VerifyPlan;
import io.walscope.core.setup.VerifyResult;
import io.walscope.core.setup.VerifyRules;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.JsonLinesWriter;
import io.walscope.core.stream.Op;

/**
 * The source guide's step 5 done for real ({@code walscope verify}, the wizard's test step): a test table (and for
 * pgoutput a publication of it), a temporary slot with the plugin on a replication connection — as a CDC pipeline
 * reads, so REPLICATION, pg_hba.conf and output_plugin_libraries are all tested — one insert, one update and one
 * delete, the changes read back through the plugin and compared with what was written, then the table, the
 * publication and the slot dropped whatever happened (see {@link VerifyCleanup}).
 * <p>
 * The writer creates and writes (it needs CREATE on the schema); the reader, by default the same, creates the slot
 * and reads: the CDC user.
 */
public final class VerifyOperation {
    private final ConnectionProfile writer;
    private final Secrets writerSecrets;
    private final Plugin plugin;
    private final VerifyPlan plan;
    private ConnectionProfile reader;
    private Secrets readerSecrets;
    private Duration timeout = Duration.ofSeconds(30);
    private PgConnector connector = new PgConnector();

    public VerifyOperation(ConnectionProfile profile, Secrets secrets, Plugin plugin, String schema) {
        this.writer = profile;
        this.writerSecrets = secrets;
        this.reader = profile;
        this.readerSecrets = secrets;
        this.plugin = plugin;
        this.plan = VerifyPlan.fresh(schema, plugin);
    }

    /** Creates the slot and reads as another role (the CDC user); the writer still creates the table and writes. */
    public VerifyOperation readAs(ConnectionProfile p, Secrets s) {
        this.reader = p;
        this.readerSecrets = s;
        return this;
    }

    /** How long to wait for the slot, and then for the changes (default 30 s each). */
    public VerifyOperation timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    public VerifyOperation connector(PgConnector c) {
        this.connector = c;
        return this;
    }

    /** What will run (the names are fixed when the operation is made). */
    public VerifyPlan plan() {
        return plan;
    }

    /**
     * Runs the test. Returns a result for everything the test itself finds (the changes came back or, in one
     * sentence, why not); throws only when the writer cannot connect at all.
     */
    public VerifyResult run(Progress progress) throws WalscopeException {
        long t0 = System.nanoTime();
        progress.begin("Testing " + plugin.id() + " on " + writer.describe(), 6);
        Connection w = connector.connect(writer, writerSecrets);
        Attempt a = new Attempt();
        try {
            a.attempt(w, progress);
        } finally {
            a.stopStream(w);
            progress.subTask("dropping the test table" + (plan.publication() == null ? "" : ", its publication")
                    + " and the slot");
            VerifyCleanup c = new VerifyCleanup(writer, writerSecrets, connector);
            c.run(w, plan, a.slot());
            a.cleanup.addAll(c.done);
            a.leftovers.addAll(c.leftovers);
            progress.worked(1);
        }
        if (a.reason == null && !a.leftovers.isEmpty()) {
            a.reason = "The changes came back, but the cleanup left objects on the server: drop them with the SQL shown.";
        }
        return new VerifyResult(a.reason == null, a.reason, plugin.id(), a.version, reader.getUser(), plan.table(),
                plan.publication(), a.slot(), a.got.stream().map(VerifyChange::jsonLine).toList(), a.verdict, a.cleanup,
                a.leftovers, (System.nanoTime() - t0) / 1e9);
    }

    /** The state of one run. */
    private final class Attempt {
        String reason;
        String version = "";
        final List<VerifyChange> got = Collections.synchronizedList(new ArrayList<>());
        List<String> verdict = List.of();
        final List<String> cleanup = new ArrayList<>();
        final List<String> leftovers = new ArrayList<>();
        ChangeStream stream;
        CompletableFuture<Void> done;
        String database = "";

        String slot() {
            return stream == null ? null : stream.slotName();
        }

        void attempt(Connection w, Progress p) {
            String stage = "reading the server's settings";
            try {
                ServerInfo info = ServerInfo.read(w);
                version = info.version();
                database = writer.getDatabase();
                if (info.versionNum() < plugin.minVersionNum() || !plugin.canTail()) {
                    reason = plugin.id() + (plugin.canTail() ? " needs PostgreSQL " + ServerInfo.versionName(plugin.minVersionNum())
                            + " or newer; this server is " + info.version() : " cannot be tailed") + ": choose another plugin.";
                    return;
                }
                stage = "creating the test table";
                step(p, stage + " " + plan.table() + (plan.publication() == null ? "" : " and its publication"));
                create(w);
                stage = "creating the slot";
                step(p, "creating a temporary slot with " + plugin.id() + " as " + reader.getUser());
                startStream();
                if (!awaitSlot(w, p)) {
                    return;
                }
                stage = "writing the test rows";
                step(p, "writing an insert, an update and a delete");
                try (Statement st = w.createStatement()) {
                    for (String sql : plan.writes()) {
                        st.execute(sql);
                    }
                }
                step(p, "reading the changes back through " + plugin.id());
                if (!awaitChanges(p)) {
                    return;
                }
                VerifyRules.Verdict v = VerifyRules.judge(plan.expected(), List.copyOf(got));
                verdict = v.lines();
                if (!v.ok()) {
                    reason = "The changes did not come back as written through " + plugin.id() + ": " + v.firstProblem() + ".";
                }
            } catch (SQLException e) {
                reason = VerifyCleanup.isConnectionLoss(e)
                        ? "The connection to " + where() + " was lost while " + stage + " (" + PgErrors.explainSql(e)
                                + "): run the test again."
                        : "Could not finish " + stage + ": " + PgErrors.explainSql(e) + ".";
            } catch (WalscopeException e) {
                reason = e.getMessage();
            }
        }

        private void step(Progress p, String what) throws WalscopeException {
            if (p.isCanceled()) {
                throw new WalscopeException("The test was cancelled; what it made was dropped.");
            }
            p.subTask(what);
            p.worked(1);
        }

        private void create(Connection w) throws SQLException {
            boolean auto = w.getAutoCommit();
            w.setAutoCommit(false);
            try (Statement st = w.createStatement()) {
                for (String sql : plan.create()) {
                    st.execute(sql);
                }
                w.commit();
            } catch (SQLException e) {
                w.rollback();
                throw e;
            } finally {
                w.setAutoCommit(auto);
            }
        }

        private void startStream() {
            StreamOptions o = new StreamOptions().plugin(plugin).tables(List.of(plan.table()))
                    .reconnectFor(Duration.ZERO).binary(false);
            if (plan.publication() != null) {
                o.publication(plan.publication());
            }
            stream = new ChangeStream(reader, readerSecrets, o, connector);
            Collector collector = new Collector();
            done = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    stream.run(collector);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "walscope-verify-" + plugin.id());
            t.setDaemon(true);
            t.start();
        }

        /** Waits until the slot is consistent (its confirmed_flush_lsn is set): writes after that are decoded. */
        private boolean awaitSlot(Connection w, Progress p) throws SQLException, WalscopeException {
            long deadline = System.nanoTime() + timeout.toNanos();
            try (PreparedStatement ps = w.prepareStatement("SELECT confirmed_flush_lsn IS NOT NULL"
                    + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
                while (true) {
                    if (streamFailed()) {
                        return false;
                    }
                    String s = stream.slotName();
                    if (s != null) {
                        ps.setString(1, s);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next() && rs.getBoolean(1)) {
                                return true;
                            }
                        }
                    }
                    if (p.isCanceled()) {
                        throw new WalscopeException("The test was cancelled; what it made was dropped.");
                    }
                    if (System.nanoTime() > deadline) {
                        reason = "Creating the slot took longer than " + timeout.toSeconds() + " s: it waits for the"
                                + " transactions open on the server to end (see pg_stat_activity); run the test again"
                                + " when they have.";
                        return false;
                    }
                    waitForStream(25);
                }
            }
        }

        private boolean awaitChanges(Progress p) throws WalscopeException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (got.size() < plan.expected().size()) {
                if (streamFailed()) {
                    return false;
                }
                if (p.isCanceled()) {
                    throw new WalscopeException("The test was cancelled; what it made was dropped.");
                }
                if (System.nanoTime() > deadline) {
                    reason = (got.isEmpty() ? "No change of the test table" : "Only " + got.size() + " of "
                            + plan.expected().size() + " changes") + " came back through " + plugin.id() + " within "
                            + timeout.toSeconds() + " s" + (plan.publication() == null ? "" : " (pgoutput reads publication "
                            + plan.publication() + ")") + ".";
                    return false;
                }
                waitForStream(25);
            }
            return true;
        }

        /** Waits up to {@code ms} for the stream to end (the usual outcome: it did not, and the caller looks again). */
        private void waitForStream(long ms) {
            try {
                done.get(ms, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still running, or failed: streamFailed() says which
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** True (with the reason set) when the stream ended before the test did. */
        private boolean streamFailed() {
            if (!done.isDone()) {
                return false;
            }
            Throwable e = null;
            try {
                done.get();
            } catch (ExecutionException x) {
                e = x.getCause();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            reason = e == null ? "The stream ended before the changes came back." : explainStream(e);
            return true;
        }

        private String explainStream(Throwable e) {
            if (VerifyCleanup.isConnectionLoss(e)) {
                return "The replication connection to " + reader.getHost() + ":" + reader.getPort()
                        + " was lost during the test (" + PgErrors.rootCause(e).getMessage() + "): run the test again.";
            }
            String m = e instanceof WalscopeException ? e.getMessage() : String.valueOf(e);
            if (m.contains("temporary slot went with it")) {
                return "The replication connection to " + reader.getHost() + ":" + reader.getPort()
                        + " dropped during the test and its temporary slot went with it: run the test again.";
            }
            if (m.contains("pg_hba.conf")) {
                String line = hbaLine();
                return line == null ? m : m.replaceFirst("\\.$", "") + " — for this server: " + line + ".";
            }
            return m;
        }

        /** The pg_hba.conf line the reader's replication connection needs on this server, or null. */
        private String hbaLine() {
            try (Connection c = connector.connect(writer, writerSecrets)) {
                String[] am = new CatalogReader(c).clientAddressAndMethod(ServerInfo.read(c).versionNum());
                return Hba.line(ServerInfo.read(c).versionNum(), reader.getDatabase(), reader.getUser(), am[0], am[1]);
            } catch (WalscopeException | SQLException x) {
                return null;
            }
        }

        /** Ends the stream: cancel, wait; a slot creation stuck behind open transactions has its backend ended. */
        void stopStream(Connection w) {
            if (stream == null) {
                return;
            }
            stream.cancel();
            waitFor(10);
            if (!done.isDone() && stream.slotName() != null) {
                try (PreparedStatement ps = w.prepareStatement("SELECT pg_terminate_backend(active_pid)"
                        + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
                    ps.setString(1, stream.slotName());
                    ps.executeQuery().close();
                } catch (SQLException e) {
                    // not allowed, or the connection is gone: the cleanup reports what stays
                }
                waitFor(5);
            }
        }

        private void waitFor(int seconds) {
            try {
                done.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // ended with a failure, or still stuck
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Keeps the test table's row changes, as they are delivered. */
        private final class Collector implements ChangeListener {
            @Override
            public void change(ChangeEvent e) throws Exception {
                if (!plan.table().equals(e.schema() + "." + e.table())
                        || !(e.op() == Op.INSERT || e.op() == Op.UPDATE || e.op() == Op.DELETE)) {
                    return;
                }
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                try (JsonLinesWriter j = new JsonLinesWriter(buf)) {
                    j.change(e);
                    j.flush();
                }
                got.add(VerifyChange.of(e, buf.toString(StandardCharsets.UTF_8).strip()));
            }
        }
    }

    private String where() {
        return writer.getHost() + ":" + writer.getPort();
    }
}
