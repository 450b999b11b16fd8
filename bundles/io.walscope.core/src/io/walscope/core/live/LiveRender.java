package io.walscope.core.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.JsonLinesWriter;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Tuple;

/**
 * What the live view shows of a change, rendered from the decoded change: its {@code walscope tail} JSON line, its
 * key, the "what changed" summary and PostgreSQL's texts ({@link LiveTexts}). Reuses its generator and buffers, so
 * one per thread: {@link #get()}.
 */
final class LiveRender {
    static final int SUMMARY_MAX = 160;
    private static final ThreadLocal<LiveRender> PER_THREAD = ThreadLocal.withInitial(LiveRender::new);

    private final Bytes bytes = new Bytes();
    private final ValueText text = new ValueText();
    private final LiveTexts texts = new LiveTexts();
    private final JsonLinesWriter writer;
    private StringBuilder pairsText = new StringBuilder(256);
    /** The last change decoded again for this thread, and the event it belongs to. */
    private LiveEvent lastEvent;
    private ChangeEvent lastDecoded;

    LiveRender() {
        try {
            // the jsonl line has no database field (only Debezium's source block has)
            this.writer = new JsonLinesWriter(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This thread's renderer. */
    static LiveRender get() {
        return PER_THREAD.get();
    }

    /** The decoded change of {@code e} if it is the last one {@link #remember}ed, else null. */
    ChangeEvent decoded(LiveEvent e) {
        return e == lastEvent ? lastDecoded : null;
    }

    /** Keeps {@code e}'s decoded change (its tuples are its own, not reused) for the next question about it. */
    void remember(LiveEvent e, ChangeEvent decoded) {
        lastEvent = e;
        lastDecoded = decoded;
    }

    /** The change's JSON line, UTF-8, without its newline. */
    byte[] line(ChangeEvent e) {
        try {
            writer.change(e);
            writer.flush();
        } catch (IOException x) {
            throw new UncheckedIOException(x); // into memory: cannot fail
        }
        return bytes.takeLine();
    }

    /** The key as {@code a=1, b="x"}, or null when the change has none. */
    String key(ChangeEvent e) {
        return e.key() == null ? null : pairs(e.key(), SUMMARY_MAX);
    }

    /** PostgreSQL's texts of the values, packed ({@link LiveTexts}); null for messages and truncates. */
    byte[] texts(ChangeEvent e) {
        return e.op() == Op.MESSAGE || e.op() == Op.TRUNCATE ? null : texts.encode(e.key(), e.before(), e.after());
    }

    /** "what changed": the changed columns of an update, the first values of an insert, the key of a delete. */
    String summary(ChangeEvent e) {
        switch (e.op()) {
            case UPDATE -> {
                Tuple before = e.before();
                Tuple after = e.after();
                if (after == null) {
                    return "";
                }
                if (before == null) {
                    return "new values: " + pairs(after, SUMMARY_MAX - 12);
                }
                StringBuilder sb = new StringBuilder("changed: ");
                boolean any = false;
                for (int i = 0; i < after.size(); i++) {
                    if (after.state(i) == Tuple.UNCHANGED_TOAST) {
                        continue;
                    }
                    int b = before.indexOf(after.name(i));
                    if (b < 0 || !text.same(before, b, after, i)) {
                        if (any) {
                            sb.append(", ");
                        }
                        sb.append(after.name(i));
                        any = true;
                        if (sb.length() > SUMMARY_MAX) {
                            return sb.append("…").toString();
                        }
                    }
                }
                return any ? sb.toString() : "no column changed";
            }
            case INSERT, READ -> {
                return e.after() == null ? "" : pairs(e.after(), SUMMARY_MAX);
            }
            case DELETE -> {
                Tuple t = e.before() != null ? e.before() : e.key();
                return t == null ? "" : pairs(t, SUMMARY_MAX);
            }
            case TRUNCATE -> {
                return "table truncated" + (e.truncateCascade() ? " (cascade)" : "");
            }
            case MESSAGE -> {
                String content = e.messageText();
                return e.messagePrefix() + ": " + (content == null ? "(binary)" : content);
            }
            default -> {
                return "";
            }
        }
    }

    /** {@code a=1, b="x"} up to about {@code max} characters. */
    String pairs(Tuple t, int max) {
        if (pairsText.capacity() > 1 << 16) {
            pairsText = new StringBuilder(256); // a huge value went through: do not keep its room
        }
        StringBuilder sb = pairsText;
        sb.setLength(0);
        for (int i = 0; i < t.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(t.name(i)).append('=');
            if (t.state(i) == Tuple.UNCHANGED_TOAST) {
                sb.append("(unchanged TOAST)");
            } else {
                text.append(sb, t, i);
            }
            if (sb.length() > max) {
                sb.setLength(max);
                return sb.append('…').toString();
            }
        }
        return sb.toString();
    }

    /** The writer's bytes; a line is copied out once, without its newline. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(1024);
        }

        byte[] takeLine() {
            int n = count;
            while (n > 0 && buf[n - 1] == '\n') {
                n--;
            }
            byte[] line = java.util.Arrays.copyOf(buf, n);
            reset();
            if (buf.length > 1 << 20) {
                buf = new byte[1024]; // a huge change went through: do not keep its room
            }
            return line;
        }
    }
}
