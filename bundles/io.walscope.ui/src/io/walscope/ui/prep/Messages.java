package io.walscope.ui.prep;

/** The words of the Preparation editor and the Slots view. */
final class Messages {
    static final String EDITOR_TITLE = "Preparation: %s";
    static final String RECHECK = "Re-check";
    static final String APPLY = "Apply selected";
    static final String EXPORT = "Export script...";
    static final String FINDINGS_TAB = "Findings";
    static final String TABLES_TAB = "Tables";
    static final String PROBLEMS_ONLY = "Problems only";
    static final String FILTER_HINT = "filter tables";
    static final String CHECKING = "Checking %s ...";
    static final String CHECKED = "%s  —  checked %s";
    static final String APPLYING = "Applying %d statement(s) ...";
    static final String NOTHING_SELECTED = "Select findings with a fix (warn or fail) to apply them.";
    static final String CONFIRM_APPLY = "Apply these statements to %s?\n\n%s";
    static final String WILL_SKIP = "%d statement(s) will be skipped:";
    static final String NOTHING_RUNS = "Nothing of the selection can run with this connection:";
    static final String CONFIRM_DROP = "Drop replication slot %s?\n\nIt retains %s of WAL. A consumer that still needs it loses its position for good.";
    static final String DROP = "Drop slot...";
    static final String REFRESH = "Refresh";
    static final String SLOTS_NO_CONNECTION = "Select a connection in the Connections view to see its slots.";
    static final String SLOTS_OF = "%d slot(s) on %s, refreshed %s";
    static final String SLOTS_RATE = "; WAL written %s/s";
    static final String ACTIVE_REFUSED = "Slot %s is active: Walscope drops inactive slots only.";

    private Messages() {
    }
}
