package io.walscope.core.pg.check;

import java.util.List;

/**
 * What applying fixes did, statement by statement.
 *
 * @param committed true when the transaction of the transactional statements committed (or had nothing to do)
 * @param failure   one sentence naming the failing statement and the reason, or {@code null}
 */
public record ApplyReport(List<Step> steps, boolean committed, String failure) {
    /** What happened to one statement. */
    public enum Outcome {
        /** Ran (and, inside the transaction, committed). */
        APPLIED,
        /** Failed: the reason is in the message. */
        FAILED,
        /** Ran, then was undone by the rollback after a later failure. */
        ROLLED_BACK,
        /** Not attempted because an earlier statement failed or the user cancelled. */
        NOT_RUN,
        /** Not attempted because the login role may not run it (needs a superuser or the owner). */
        SKIPPED
    }

    /** One statement of one finding's fix and its outcome. */
    public record Step(String findingId, String subject, String sql, Outcome outcome, String message) {
    }

    public ApplyReport {
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return failure == null;
    }
}
