package io.walscope.ui.welcome;

/** Texts of the Welcome page. */
final class Messages {
    static final String TITLE = "Welcome to Walscope";
    static final String WHAT = "Walscope makes a PostgreSQL database a change data capture (CDC) source for ClickHouse"
            + " and shows its live change stream, row by row.";
    static final String DEMO = "Start Demo Database";
    static final String DEMO_WHAT = "A PostgreSQL server with a small shop and its traffic, ready to watch: no setup.";
    static final String DEMO_RUNNING = "The demo database runs: select \"demo\" in Connections, then Watch Changes...";
    static final String DEMO_STARTING = "The demo database is starting (a few seconds): it shows as running in Connections.";
    static final String NEW = "New Connection...";
    static final String NEW_WHAT = "Add your own PostgreSQL server (a postgresql:// URL works too) and test it.";
    static final String SETUP = "Set up CDC...";
    static final String SETUP_WHAT = "Check the selected connection and prepare it step by step: settings, user,"
            + " publication, replica identity.";
    static final String HELP = "Keys: %s New Connection · F2 Rename · Delete · Enter Edit (in Connections) · Ctrl+C Copy"
            + " Row. Help › Welcome shows this page again; Help › About Walscope shows the versions; the README's"
            + " \"Using the window\" lists every menu and key.";

    private Messages() {
    }
}
