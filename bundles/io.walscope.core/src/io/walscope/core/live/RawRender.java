package io.walscope.core.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Lsn;

/**
 * Renders a {@link RawMessage} for people, per plugin: test_decoding's line as it is, wal2json's JSON indented,
 * pgoutput's fields ({@link PgOutputDump}) and decoderbufs' protobuf with the field names of Debezium's
 * {@code pg_logicaldec.proto}. A pure function.
 */
public final class RawRender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ROW_FIELDS = { null, "transaction_id", "commit_time", "table", "op", "new_tuple",
        "old_tuple", "new_typeinfo" };
    private static final String[] DATUM_FIELDS = { null, "column_name", "column_type", "datum_int32", "datum_int64",
        "datum_float", "datum_double", "datum_bool", "datum_string", "datum_bytes", "datum_point", "datum_missing" };
    private static final String[] POINT = { null, "x", "y" };
    private static final String[] TYPEINFO = { null, "modifier", "value_optional" };
    private static final String[] OPS = { "INSERT", "UPDATE", "DELETE", "BEGIN", "COMMIT" };

    private RawRender() {
    }

    /**
     * A header line (plugin, size, LSN; whether it was cut) and the message. {@code names} names pgoutput's
     * columns by position (may be null).
     */
    public static String render(Plugin plugin, RawMessage raw, List<String> names) {
        return render(plugin, raw, names, names, null);
    }

    /** As {@link #render(Plugin, RawMessage, List)}, naming pgoutput's columns as {@link PgOutputDump#dump(byte[], List, List, List)}. */
    public static String render(Plugin plugin, RawMessage raw, List<String> oldNames, List<String> newNames,
            List<String> toastNames) {
        if (raw == null) {
            return "No plugin message is kept for this change (snapshot reads are read by SQL, not from a plugin).";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(plugin.id()).append(" message at ").append(Lsn.format(raw.lsn())).append(", ").append(raw.size())
                .append(" bytes");
        if (raw.truncated()) {
            sb.append(" (the first ").append(raw.bytes().length).append(" bytes are kept)");
        }
        sb.append("\n\n");
        switch (plugin) {
            case PGOUTPUT -> sb.append(PgOutputDump.dump(raw.bytes(), oldNames, newNames, toastNames));
            case WAL2JSON -> sb.append(prettyJson(raw));
            case DECODERBUFS -> sb.append(protobuf(raw.bytes()));
            default -> sb.append(new String(raw.bytes(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String prettyJson(RawMessage raw) {
        String text = new String(raw.bytes(), StandardCharsets.UTF_8);
        if (raw.truncated()) {
            return text;
        }
        try {
            JsonNode n = JSON.readTree(raw.bytes());
            return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(n);
        } catch (IOException e) {
            return text;
        }
    }

    /** decoderbufs' RowMessage with field names; unknown fields by number. */
    static String protobuf(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        try {
            message(CodedInputStream.newInstance(bytes), ROW_FIELDS, "", sb);
        } catch (IOException | RuntimeException e) {
            sb.append("(the message ends here: ").append(bytes.length).append(" bytes kept)\n");
        }
        return sb.toString();
    }

    private static void message(CodedInputStream in, String[] fields, String indent, StringBuilder sb)
            throws IOException {
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return;
            }
            int f = WireFormat.getTagFieldNumber(tag);
            String name = f < fields.length && fields[f] != null ? fields[f] : Integer.toString(f);
            sb.append(indent).append(name);
            switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT -> {
                    long v = in.readInt64();
                    sb.append(": ").append(fields == ROW_FIELDS && f == 1 ? v & 0xFFFFFFFFL : v);
                    if (fields == ROW_FIELDS && f == 4 && v >= 0 && v < OPS.length) {
                        sb.append(" (").append(OPS[(int) v]).append(')');
                    }
                    if (fields == DATUM_FIELDS && f == 7) {
                        sb.append(v != 0 ? " (true)" : " (false)");
                    }
                    sb.append('\n');
                }
                case WireFormat.WIRETYPE_FIXED32 -> sb.append(": ").append(fields == DATUM_FIELDS && f == 5
                        ? Float.toString(Float.intBitsToFloat(in.readRawLittleEndian32())) : in.readRawLittleEndian32())
                        .append('\n');
                case WireFormat.WIRETYPE_FIXED64 -> sb.append(": ").append(fields == DATUM_FIELDS || fields == POINT
                        ? Double.toString(Double.longBitsToDouble(in.readRawLittleEndian64())) : in.readRawLittleEndian64())
                        .append('\n');
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    boolean nested = fields == ROW_FIELDS && (f == 5 || f == 6 || f == 7)
                            || fields == DATUM_FIELDS && f == 10;
                    if (nested) {
                        sb.append(" {\n");
                        int limit = in.pushLimit(in.readRawVarint32());
                        message(in, fields == DATUM_FIELDS ? POINT : f == 7 ? TYPEINFO : DATUM_FIELDS, indent + "  ", sb);
                        in.popLimit(limit);
                        sb.append(indent).append("}\n");
                    } else if (fields == DATUM_FIELDS && f == 9) {
                        byte[] v = in.readByteArray();
                        sb.append(": ").append(v.length).append(" bytes\n");
                    } else {
                        sb.append(": \"").append(in.readStringRequireUtf8()).append("\"\n");
                    }
                }
                default -> {
                    sb.append(" (skipped)\n");
                    in.skipField(tag);
                }
            }
        }
    }
}
