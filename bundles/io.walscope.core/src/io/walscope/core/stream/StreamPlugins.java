package io.walscope.core.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.profile.Plugin;

/** For each output plugin Walscope tails: the options it starts the slot with, and the decoder of its output. */
public final class StreamPlugins {
    private StreamPlugins() {
    }

    /** What the stream should ask of the plugin. */
    public record Settings(Plugin plugin, int serverVersionNum, List<String> publications, boolean binary,
            boolean streaming,
            int wal2jsonFormat, List<String> tables) {
        /** pgoutput protocol version: 2 when streaming in-progress transactions (PG 14+), else 1. */
        public int protoVersion() {
            return streaming && serverVersionNum >= 140000 ? 2 : 1;
        }
    }

    /** A decoder for the plugin's output. */
    public static Decoder decoder(Settings s) {
        switch (s.plugin()) {
        case PGOUTPUT:
            return new PgOutputDecoder();
        case TEST_DECODING:
            return new TestDecodingDecoder();
        case WAL2JSON:
            return new Wal2JsonDecoder(s.wal2jsonFormat());
        case DECODERBUFS:
            return new DecoderbufsDecoder();
        default:
            throw new IllegalArgumentException(s.plugin().id()
                    + " cannot be tailed: it reads WAL files through SQL functions, not through a replication slot."
                    + " Use pgoutput, wal2json, decoderbufs or test_decoding.");
        }
    }

    /** The slot options ({@code START_REPLICATION ... (name 'value', ...)}). */
    public static Map<String, String> options(Settings s) {
        Map<String, String> o = new LinkedHashMap<>();
        switch (s.plugin()) {
        case PGOUTPUT:
            o.put("proto_version", Integer.toString(s.protoVersion()));
            o.put("publication_names", String.join(",", s.publications().stream().map(StreamPlugins::quoteIdent)
                    .toList()));
            if (s.serverVersionNum() >= 140000) {
                o.put("messages", "true");
                if (s.binary()) {
                    o.put("binary", "true");
                }
                if (s.protoVersion() >= 2) {
                    o.put("streaming", "on");
                }
            }
            break;
        case TEST_DECODING:
            o.put("include-xids", "1");
            o.put("include-timestamp", "1");
            o.put("skip-empty-xacts", "1");
            break;
        case WAL2JSON:
            o.put("format-version", Integer.toString(s.wal2jsonFormat()));
            o.put("include-xids", "1");
            o.put("include-timestamp", "1");
            o.put("include-lsn", "1");
            o.put("include-type-oids", "1");
            // the key from wal2json's own data (the primary key as the change was decoded), not today's catalog
            o.put("include-pk", "1");
            if (s.tables() != null && !s.tables().isEmpty()) {
                o.put("add-tables", wal2jsonTables(s.tables()));
            }
            break;
        case DECODERBUFS:
        default:
            break;
        }
        return o;
    }

    /** {@code "name"} with inner quotes doubled, as PostgreSQL's identifier lists want. */
    public static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** wal2json's {@code add-tables}: {@code schema.table} items, comma-separated, special characters escaped. */
    static String wal2jsonTables(List<String> tables) {
        StringBuilder b = new StringBuilder();
        for (String t : tables) {
            String[] st = Idents.qualified(t);
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(st[0] == null ? "*" : escape(st[0])).append('.').append(escape(st[1]));
        }
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == ',' || c == '.' || c == '*' || c == '\\' || c == ' ' || c == '"' || c == '\'') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
