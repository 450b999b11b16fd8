package io.walscope.core.live;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.walscope.core.stream.Lsn;
import io.walscope.core.stream.Times;

/**
 * Prints the fields of one pgoutput message (protocol 1, as PostgreSQL's "Logical Replication Message Formats"
 * names them): the message type, relation id, the tuples' kinds ({@code K} key, {@code O} old, {@code N} new) and
 * each column's kind ({@code t} text, {@code b} binary, {@code n} null, {@code u} unchanged TOAST) and value. A
 * pure function for the live view's raw tab; a message cut short prints what could be read and says so.
 */
public final class PgOutputDump {
    private static final int VALUE_MAX = 2000;

    private PgOutputDump() {
    }

    /**
     * The fields of {@code msg} (its bytes from 0 to {@code msg.length}), one per line. {@code names}, when not
     * null, names the relation's columns by position.
     */
    public static String dump(byte[] msg, List<String> names) {
        return dump(msg, names, names, null);
    }

    /**
     * As {@link #dump(byte[], List)}, with the column names an event tells: {@code oldNames} by position for the
     * old tuple ({@code O}, or {@code K}); for the new tuple ({@code N}) {@code newNames} name the columns that were
     * sent and {@code toastNames} the unchanged TOAST ones ({@code u}), each in column order — as the emitted JSON's
     * {@code after} object and {@code unchanged_toast} list give them. {@code toastNames} null: {@code newNames} by
     * position. Any list may be null.
     */
    public static String dump(byte[] msg, List<String> oldNames, List<String> newNames, List<String> toastNames) {
        StringBuilder sb = new StringBuilder();
        ByteBuffer b = ByteBuffer.wrap(msg);
        Names names = new Names(oldNames, newNames, toastNames);
        try {
            body(b, names, sb);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            sb.append("(the message ends here: ").append(msg.length).append(" bytes kept)\n");
        }
        return sb.toString();
    }

    /** The names to print beside a tuple's columns. */
    private record Names(List<String> old, List<String> sent, List<String> toast) {
        String name(char tuple, char kind, int i, int[] next) {
            if (tuple != 'N') {
                return get(old, i);
            }
            if (toast == null) {
                return get(sent, i);
            }
            return kind == 'u' ? get(toast, next[1]++) : get(sent, next[0]++);
        }

        private static String get(List<String> l, int i) {
            return l != null && i < l.size() ? l.get(i) : null;
        }
    }

    private static void body(ByteBuffer b, Names names, StringBuilder sb) {
        char type = (char) b.get();
        switch (type) {
            case 'B' -> {
                sb.append("B  Begin\n");
                sb.append("final_lsn   ").append(Lsn.format(b.getLong())).append('\n');
                sb.append("commit_time ").append(time(b.getLong())).append('\n');
                sb.append("xid         ").append(Integer.toUnsignedLong(b.getInt())).append('\n');
            }
            case 'C' -> {
                sb.append("C  Commit\n");
                sb.append("flags       ").append(b.get()).append('\n');
                sb.append("commit_lsn  ").append(Lsn.format(b.getLong())).append('\n');
                sb.append("end_lsn     ").append(Lsn.format(b.getLong())).append('\n');
                sb.append("commit_time ").append(time(b.getLong())).append('\n');
            }
            case 'R' -> {
                sb.append("R  Relation\n");
                sb.append("relation_id ").append(Integer.toUnsignedLong(b.getInt())).append('\n');
                sb.append("namespace   ").append(cstring(b)).append('\n');
                sb.append("name        ").append(cstring(b)).append('\n');
                sb.append("replica_identity ").append((char) b.get()).append('\n');
                int n = b.getShort();
                sb.append("columns     ").append(n).append('\n');
                for (int i = 0; i < n; i++) {
                    int flags = b.get();
                    String name = cstring(b);
                    long typeOid = Integer.toUnsignedLong(b.getInt());
                    int typmod = b.getInt();
                    sb.append("  ").append(i + 1).append(' ').append(name).append(" type ").append(typeOid)
                            .append(" typmod ").append(typmod).append((flags & 1) != 0 ? " key" : "").append('\n');
                }
            }
            case 'I' -> {
                sb.append("I  Insert\n");
                sb.append("relation_id ").append(Integer.toUnsignedLong(b.getInt())).append('\n');
                tuple((char) b.get(), b, names, sb);
            }
            case 'U' -> {
                sb.append("U  Update\n");
                sb.append("relation_id ").append(Integer.toUnsignedLong(b.getInt())).append('\n');
                char kind = (char) b.get();
                if (kind == 'K' || kind == 'O') {
                    tuple(kind, b, names, sb);
                    kind = (char) b.get();
                }
                tuple(kind, b, names, sb);
            }
            case 'D' -> {
                sb.append("D  Delete\n");
                sb.append("relation_id ").append(Integer.toUnsignedLong(b.getInt())).append('\n');
                tuple((char) b.get(), b, names, sb);
            }
            case 'T' -> {
                sb.append("T  Truncate\n");
                int n = b.getInt();
                int options = b.get();
                sb.append("relations   ").append(n).append('\n');
                sb.append("options     ").append(options).append((options & 1) != 0 ? " cascade" : "")
                        .append((options & 2) != 0 ? " restart identity" : "").append('\n');
                for (int i = 0; i < n; i++) {
                    sb.append("relation_id ").append(Integer.toUnsignedLong(b.getInt())).append('\n');
                }
            }
            case 'M' -> {
                sb.append("M  Message\n");
                sb.append("flags       ").append(b.get()).append(" (1 = transactional)\n");
                sb.append("lsn         ").append(Lsn.format(b.getLong())).append('\n');
                sb.append("prefix      ").append(cstring(b)).append('\n');
                int len = b.getInt();
                sb.append("content     ").append(len).append(" bytes: ").append(value(b, len)).append('\n');
            }
            case 'O' -> {
                sb.append("O  Origin\n");
                sb.append("commit_lsn  ").append(Lsn.format(b.getLong())).append('\n');
                sb.append("name        ").append(cstring(b)).append('\n');
            }
            case 'Y' -> {
                sb.append("Y  Type\n");
                sb.append("type_oid    ").append(Integer.toUnsignedLong(b.getInt())).append('\n');
                sb.append("namespace   ").append(cstring(b)).append('\n');
                sb.append("name        ").append(cstring(b)).append('\n');
            }
            default -> sb.append(type).append("  (a message type this dump does not know; ").append(b.limit())
                    .append(" bytes)\n");
        }
    }

    private static void tuple(char kind, ByteBuffer b, Names names, StringBuilder sb) {
        String what = switch (kind) {
            case 'K' -> "K  key (the replica identity's columns)";
            case 'O' -> "O  old tuple (REPLICA IDENTITY FULL)";
            case 'N' -> "N  new tuple";
            default -> throw new IllegalArgumentException("tuple kind " + kind);
        };
        int n = b.getShort();
        sb.append(what).append(", ").append(n).append(" columns\n");
        int[] next = new int[2];
        for (int i = 0; i < n; i++) {
            char k = (char) b.get();
            sb.append("  ").append(i + 1).append(' ');
            String name = names.name(kind, k, i, next);
            if (name != null) {
                sb.append(name).append(' ');
            }
            sb.append(k).append(' ');
            switch (k) {
                case 'n' -> sb.append("null");
                case 'u' -> sb.append("unchanged TOAST value (not sent)");
                case 't' -> {
                    int len = b.getInt();
                    sb.append(value(b, len));
                }
                case 'b' -> {
                    int len = b.getInt();
                    sb.append(len).append(" bytes ").append(hex(b, len));
                }
                default -> throw new IllegalArgumentException("column kind " + k);
            }
            sb.append('\n');
        }
    }

    private static String value(ByteBuffer b, int len) {
        byte[] v = new byte[len];
        b.get(v);
        String s = new String(v, StandardCharsets.UTF_8);
        return s.length() > VALUE_MAX ? s.substring(0, VALUE_MAX) + "… (" + len + " bytes)" : s;
    }

    private static String hex(ByteBuffer b, int len) {
        StringBuilder sb = new StringBuilder("\\x");
        for (int i = 0; i < len; i++) {
            byte x = b.get();
            if (i < VALUE_MAX / 2) {
                sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
        }
        return len > VALUE_MAX / 2 ? sb.append('…').toString() : sb.toString();
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // up to the terminating zero
        }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
    }

    /** pgoutput's times are microseconds since 2000-01-01. */
    private static String time(long pgMicros) {
        return Times.isoMicros(pgMicros + 946_684_800_000_000L) + " (" + pgMicros + ")";
    }
}
