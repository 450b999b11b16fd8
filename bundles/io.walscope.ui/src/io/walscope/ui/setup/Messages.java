package io.walscope.ui.setup;

/** The words of the setup wizard. */
final class Messages {
    static final String TITLE = "Set up CDC";
    static final String APPLY = "Apply";
    static final String TO_SCRIPT = "Add to DBA script";
    static final String RECHECK = "Check again";
    static final String CANCELLED = "Cancelled.";
    static final String NOTHING_TO_APPLY = "Nothing to apply on this page.";
    static final String NEEDS_SUPERUSER = "These changes need a superuser (or the owner of the objects), which %s is not: add them to the DBA script.";
    static final String ADDED_TO_SCRIPT = "Added to the DBA script (see the last page): %d statement(s).";
    static final String NOT_CHECKED = "Not checked yet.";
    static final String RESTART_PENDING = "A changed setting waits for a restart: restart the server, then press Check again.";
    static final String PREVIEW_EMPTY = "-- nothing to change on this page";
    static final String SUMMARY_TITLE = "Summary";
    static final String SUMMARY_DESCRIPTION = "What each step found and did. Save the DBA script, or watch the changes now.";
    static final String WATCH = "Watch Changes";
    static final String SAVE_SCRIPT = "Save script...";
    static final String COPY_SCRIPT = "Copy script";

    private Messages() {
    }
}
