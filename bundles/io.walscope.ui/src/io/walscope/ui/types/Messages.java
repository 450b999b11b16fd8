package io.walscope.ui.types;

/** The texts of the Type Mapping view. */
final class Messages {
    static final String COL_NAME = "Name";
    static final String COL_PG = "PostgreSQL type";
    static final String COL_CANONICAL = "Canonical";
    static final String COL_JSON = "JSON form";
    static final String COL_CLICKHOUSE = "ClickHouse";
    static final String COL_STATUS = "Status";
    static final String COL_NOTE = "Note";
    static final String COL_SAMPLE_PG = "Sample (PostgreSQL)";
    static final String COL_SAMPLE_JSON = "Sample (Walscope emits)";
    static final String COL_SAMPLE_CH = "Sample (ClickHouse holds)";
    static final String SEARCH_HINT = "Search schema, table, column or type";
    static final String LOSSY_ONLY = "Lossy or unsupported only";
    static final String NONE_LOSSY = "No lossy or unsupported column: every column maps in full.\nUntick \"" + LOSSY_ONLY + "\" to see them all.";
    static final String NONE_MATCH = "No schema, table or column matches \"%s\".";
    static final String COPY_DDL = "Copy ClickHouse DDL";
    static final String SELECT_PROFILE = "Select a connection in the Connections view to see what its columns become.";
    static final String DEMO_NOT_RUNNING = "The demo database is not running yet.";
    static final String READING = "Reading the catalog of %s ...";
    static final String READ = "%s: %d tables, %d columns (%d full, %d lossy, %d unsupported) in %s";
    static final String SAMPLING = "; reading sample rows ...";
    static final String NO_TABLES = "%s: no tables in %s.";
    static final String COPIED = "Copied the ClickHouse DDL of %s.";
    static final String JOB = "Reading column types of %s";
    static final String TOO_LARGE = "(larger than 64 kB: not read)";
    static final String NOT_CONVERTED = "(cannot convert: %s)";
    static final String NO_SAMPLE = "(no sample: %s)";
    static final String EMPTY_TABLE = "(no rows)";
    static final String NOT_SAMPLED = "(not sampled: only the first %d tables are)";

    private Messages() {
    }
}
