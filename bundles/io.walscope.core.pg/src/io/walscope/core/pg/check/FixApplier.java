package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckId;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.check.ApplyReport.Outcome;
import io.walscope.core.pg.check.ApplyReport.Step;

/**
 * Applies the fixes of chosen findings. Transactional statements run in ONE transaction: the first failure
 * rolls all of them back and the report names the statement and the reason, so nothing is half-applied.
 * Statements PostgreSQL refuses in a transaction block (ALTER SYSTEM) or that cannot be undone (dropping a
 * slot) run afterwards, one by one, and only when the transaction committed. Slots are dropped only when
 * inactive. The caller re-runs the checks afterwards.
 */
public final class FixApplier {
    /** How long a statement may wait for a lock (ALTER TABLE waits behind open transactions). */
    static final String LOCK_TIMEOUT = "10s";

    /** The reload statement of {@code ALTER SYSTEM} fixes. */
    static final String RELOAD = "SELECT pg_reload_conf()";

    private FixApplier() {
    }

    /**
     * Reloads the configuration and waits (at most 5 s) until this session has read it, so that the check that
     * follows sees the new value: {@code pg_reload_conf()} only signals the postmaster, which signals the backends.
     */
    static void reloadAndWait(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            double before = loadTime(st);
            st.execute(RELOAD);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (loadTime(st) <= before && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000L);
            }
        }
    }

    private static double loadTime(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT extract(epoch FROM pg_conf_load_time())::float8")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** Opens a replication connection for replication-protocol fixes ({@code ALTER_REPLICATION_SLOT}). */
    public interface ReplicationConnections {
        Connection open() throws WalscopeException;
    }

    /**
     * What {@link #apply} would do with {@code chosen}, without a connection: the statements that run in the
     * transaction, those that run alone afterwards, and those skipped (each with why). The window says before
     * confirming what will be skipped, and offers no Apply when nothing would run.
     *
     * @param replication whether replication-protocol statements can run (a replication connection is at hand)
     */
    public static Plan plan(List<Finding> chosen, boolean superuser, boolean replication) {
        List<Step> tx = new ArrayList<>();
        List<Step> alone = new ArrayList<>();
        List<Step> skipped = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Step reload = null;
        for (Finding f : chosen) {
            if (f.fix() == null) {
                continue;
            }
            if (f.fix().onPrimary()) {
                for (String sql : f.fix().sql()) {
                    skipped.add(new Step(f.id(), f.subject(), sql, Outcome.SKIPPED, "not on this standby: run it on "
                            + f.fix().primaryName()));
                }
                for (String sql : f.fix().then()) {
                    skipped.add(new Step(f.id(), f.subject(), sql, Outcome.SKIPPED, "on this standby, after the"
                            + " statements above ran on " + f.fix().primaryName()));
                }
                continue;
            }
            for (String sql : f.fix().sql()) {
                if (RELOAD.equals(sql) && !f.fix().transactional() && (!f.fix().needsSuperuser() || superuser)) {
                    // one reload, after the last ALTER SYSTEM: a reload between two of them leaves the second unread
                    reload = new Step(f.id(), f.subject(), sql, Outcome.NOT_RUN, "");
                    continue;
                }
                if (!seen.add(sql)) {
                    continue;
                }
                if (f.fix().replication() && !replication) {
                    skipped.add(new Step(f.id(), f.subject(), sql, Outcome.SKIPPED,
                            "a replication-protocol command: run it on a replication connection (replication=database)"));
                } else if (f.fix().needsSuperuser() && !superuser) {
                    skipped.add(new Step(f.id(), f.subject(), sql, Outcome.SKIPPED,
                            "needs a superuser or the owner: export the script for a DBA"));
                } else {
                    (f.fix().transactional() ? tx : alone).add(new Step(f.id(), f.subject(), sql, Outcome.NOT_RUN, ""));
                }
            }
        }
        if (reload != null) {
            alone.add(reload);
        }
        return new Plan(tx, alone, skipped);
    }

    /** The statements of {@link #plan}: none of them has run. */
    public record Plan(List<Step> transactional, List<Step> alone, List<Step> skipped) {
        /** True when at least one statement would run. */
        public boolean runsSomething() {
            return !transactional.isEmpty() || !alone.isEmpty();
        }
    }

    /**
     * @param superuser whether the login role is a superuser: fixes marked {@code needsSuperuser} are
     *                  skipped (and reported) when it is not, rather than failing the whole transaction
     */
    public static ApplyReport apply(Connection c, List<Finding> chosen, boolean superuser, Progress progress)
            throws WalscopeException {
        return apply(c, null, chosen, superuser, progress);
    }

    /**
     * As {@link #apply(Connection, List, boolean, Progress)}; replication-protocol fixes run on a connection from
     * {@code replication} (skipped when it is {@code null}). Fixes that belong to a standby's primary are never run
     * here: they are reported as skipped, with where they must run.
     */
    public static ApplyReport apply(Connection c, ReplicationConnections replication, List<Finding> chosen,
            boolean superuser, Progress progress) throws WalscopeException {
        Plan plan = plan(chosen, superuser, replication != null);
        List<Step> tx = plan.transactional();
        List<Step> alone = plan.alone();
        List<Step> skipped = plan.skipped();
        progress.begin("Applying fixes", tx.size() + alone.size());
        List<Step> done = new ArrayList<>();
        String failure;
        String txFailure;
        try {
            boolean auto = c.getAutoCommit();
            try {
                txFailure = runTransaction(c, tx, done, progress);
            } finally {
                c.setAutoCommit(auto);
            }
            failure = txFailure;
            if (txFailure == null) {
                failure = runAlone(c, replication, alone, done, progress);
            } else {
                done.addAll(alone);
            }
        } catch (SQLException e) {
            throw new WalscopeException("Could not apply the fixes: " + PgErrors.explainSql(e), e);
        }
        done.addAll(skipped);
        return new ApplyReport(done, txFailure == null, failure);
    }

    private static String runTransaction(Connection c, List<Step> tx, List<Step> done, Progress progress)
            throws SQLException {
        if (tx.isEmpty()) {
            return null;
        }
        c.setAutoCommit(false);
        List<Step> ran = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            for (int i = 0; i < tx.size(); i++) {
                Step s = tx.get(i);
                if (progress.isCanceled()) {
                    c.rollback();
                    finish(done, ran, tx.subList(i, tx.size()), null);
                    return "Cancelled before " + s.sql() + ": everything was rolled back.";
                }
                progress.subTask(s.sql());
                try {
                    st.execute(s.sql());
                    ran.add(s);
                    progress.worked(1);
                } catch (SQLException e) {
                    c.rollback();
                    String why = PgErrors.explainSql(e);
                    Step failed = new Step(s.findingId(), s.subject(), s.sql(), Outcome.FAILED, why);
                    finish(done, ran, tx.subList(i + 1, tx.size()), failed);
                    return "Statement " + (i + 1) + " of " + tx.size() + " failed: " + s.sql() + " — " + why
                            + ". Everything was rolled back; nothing was changed.";
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        for (Step s : ran) {
            done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.APPLIED, "ok"));
        }
        return null;
    }

    private static void finish(List<Step> done, List<Step> ran, List<Step> rest, Step failed) {
        for (Step s : ran) {
            done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.ROLLED_BACK, "rolled back"));
        }
        if (failed != null) {
            done.add(failed);
        }
        for (Step s : rest) {
            if (s != failed) {
                done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.NOT_RUN, "not run"));
            }
        }
    }

    private static String runAlone(Connection c, ReplicationConnections replication, List<Step> alone, List<Step> done,
            Progress progress) {
        for (int i = 0; i < alone.size(); i++) {
            Step s = alone.get(i);
            if (progress.isCanceled()) {
                alone.subList(i, alone.size()).forEach(r -> done.add(new Step(r.findingId(), r.subject(), r.sql(), Outcome.NOT_RUN, "cancelled")));
                return "Cancelled before " + s.sql() + ".";
            }
            progress.subTask(s.sql());
            try {
                if (CheckId.SLOT_INACTIVE.equals(s.findingId()) || CheckId.SLOT_RETAINED_WAL.equals(s.findingId())
                        || CheckId.SLOT_INVALIDATED.equals(s.findingId())) {
                    SlotOps.dropInactive(c, s.subject());
                    done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.APPLIED, "slot dropped"));
                } else if (RELOAD.equals(s.sql())) {
                    reloadAndWait(c);
                } else if (s.sql().startsWith("ALTER_REPLICATION_SLOT ")) {
                    try (Connection rc = replication.open(); Statement st = rc.createStatement()) {
                        st.execute(s.sql());
                    }
                    done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.APPLIED,
                            "ok (on a replication connection)"));
                } else {
                    try (Statement st = c.createStatement()) {
                        st.execute(s.sql());
                    }
                    done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.APPLIED,
                            s.sql().startsWith("ALTER SYSTEM") ? "ok (run on its own: ALTER SYSTEM cannot run inside a transaction block)" : "ok"));
                }
                progress.worked(1);
            } catch (SQLException | WalscopeException e) {
                String why = e instanceof SQLException se ? PgErrors.explainSql(se) : e.getMessage();
                done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.FAILED, why));
                alone.subList(i + 1, alone.size()).forEach(r -> done.add(new Step(r.findingId(), r.subject(), r.sql(), Outcome.NOT_RUN, "not run")));
                return "Statement failed: " + s.sql() + " — " + why + ".";
            }
        }
        return null;
    }
}
