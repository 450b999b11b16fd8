package io.walscope.core.types;

/**
 * The documented plugin limits per type (what the differential test counts apart), for the type inspector's note:
 * where a decoding plugin cannot carry a value of the type as exactly as pgoutput and test_decoding do.
 */
public final class PluginNotes {
    private PluginNotes() {
    }

    /** The plugin limits for a column of {@code type} (a domain as its base, an array as its element), or "". */
    public static String of(PgColumnType type) {
        PgColumnType t = type;
        for (int i = 0; i < 16 && t.element() != null && (t.typtype() == 'd' || t.isArray()); i++) {
            t = t.element();
        }
        switch (t.typname()) {
        case "numeric":
        case "float4":
        case "float8":
            return "wal2json prints NaN and ±Infinity as null";
        case "timetz":
            return "decoderbufs folds it to UTC";
        default:
            return "";
        }
    }

    /** {@code note} with the plugin limits of {@code type} appended. */
    public static String withNote(String note, PgColumnType type) {
        String p = of(type);
        return p.isEmpty() ? note : note == null || note.isEmpty() ? p : note + "; " + p;
    }
}
