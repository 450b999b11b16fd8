package io.walscope.core.profile;

import java.util.Locale;

/** Logical decoding output plugins Walscope knows, with the one line a user needs to choose. */
public enum Plugin {
    PGOUTPUT("pgoutput", 100000, "Built into PostgreSQL 10+; needs a publication, and REPLICA IDENTITY FULL for full before-images."),
    WAL2JSON("wal2json", 90400, "JSON per transaction or per row; tables need a primary key (or REPLICA IDENTITY FULL) for updates and deletes."),
    DECODERBUFS("decoderbufs", 90600, "Debezium's protobuf plugin, PostgreSQL 9.6+; must be installed on the server."),
    TEST_DECODING("test_decoding", 90400, "Text output shipped with PostgreSQL (contrib); for looking and testing, not for production pipelines."),
    WALMINER("walminer", 90600, "Reads WAL files through SQL functions; needs superuser and no slot. Not supported for tailing.");

    private final String id;
    private final int minVersionNum;
    private final String description;

    Plugin(String id, int minVersionNum, String description) {
        this.id = id;
        this.minVersionNum = minVersionNum;
        this.description = description;
    }

    /** The name PostgreSQL knows the plugin by. */
    public String id() {
        return id;
    }

    /** Lowest {@code server_version_num} the plugin works with. */
    public int minVersionNum() {
        return minVersionNum;
    }

    public String description() {
        return description;
    }

    /** True for the plugins whose output Walscope can tail. */
    public boolean canTail() {
        return this != WALMINER;
    }

    /** Parses a plugin name as users write it ({@code pgoutput}, {@code test_decoding}, ...). */
    public static Plugin parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Plugin p : values()) {
            if (p.id.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown plugin '" + name
                + "': choose one of pgoutput, wal2json, decoderbufs, test_decoding.");
    }
}
