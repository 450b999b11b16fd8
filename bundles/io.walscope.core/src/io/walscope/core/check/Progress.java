package io.walscope.core.check;

/**
 * Progress and cancellation of a long operation, without an Eclipse dependency: the UI adapts an
 * {@code IProgressMonitor}, the CLI passes {@link #NONE}.
 */
public interface Progress {
    /** Reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
    };

    /** Starts a task of {@code totalWork} units. */
    default void begin(String task, int totalWork) {
    }

    /** What is being done now. */
    default void subTask(String name) {
    }

    default void worked(int work) {
    }

    /** Polled between steps; an operation that sees {@code true} stops and rolls back what it started. */
    default boolean isCanceled() {
        return false;
    }
}
