package io.walscope.ui.about;

/** Texts of the About dialog. */
final class Messages {
    static final String title = "About Walscope";
    static final String tagline = "Make a PostgreSQL database a CDC source for a pipeline into ClickHouse, and watch"
            + " the changes flow.";
    static final String checking = "looking for the OS keyring...";

    private Messages() {
    }
}
