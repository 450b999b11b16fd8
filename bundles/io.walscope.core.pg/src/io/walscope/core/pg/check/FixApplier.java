package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    private FixApplier() {
    }

    /**
     * @param superuser whether the login role is a superuser: fixes marked {@code needsSuperuser} are
     *                  skipped (and reported) when it is not, rather than failing the whole transaction
     */
    public static ApplyReport apply(Connection c, List<Finding> chosen, boolean superuser, Progress progress)
            throws WalscopeException {
        List<Step> tx = new ArrayList<>();
        List<Step> alone = new ArrayList<>();
        List<Step> skipped = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Finding f : chosen) {
            if (f.fix() == null) {
                continue;
            }
            for (String sql : f.fix().sql()) {
                if (!seen.add(sql)) {
                    continue;
                }
                if (f.fix().needsSuperuser() && !superuser) {
                    skipped.add(new Step(f.id(), f.subject(), sql, Outcome.SKIPPED,
                            "needs a superuser or the owner: export the script for a DBA"));
                } else {
                    (f.fix().transactional() ? tx : alone).add(new Step(f.id(), f.subject(), sql, Outcome.NOT_RUN, ""));
                }
            }
        }
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
                failure = runAlone(c, alone, done, progress);
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

    private static String runAlone(Connection c, List<Step> alone, List<Step> done, Progress progress) {
        for (int i = 0; i < alone.size(); i++) {
            Step s = alone.get(i);
            if (progress.isCanceled()) {
                alone.subList(i, alone.size()).forEach(r -> done.add(new Step(r.findingId(), r.subject(), r.sql(), Outcome.NOT_RUN, "cancelled")));
                return "Cancelled before " + s.sql() + ".";
            }
            progress.subTask(s.sql());
            try {
                if (CheckId.SLOT_INACTIVE.equals(s.findingId()) || CheckId.SLOT_RETAINED_WAL.equals(s.findingId())) {
                    SlotOps.dropInactive(c, s.subject());
                    done.add(new Step(s.findingId(), s.subject(), s.sql(), Outcome.APPLIED, "slot dropped"));
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
