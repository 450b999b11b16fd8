package io.walscope.core.live;

import java.nio.charset.StandardCharsets;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Replay;
import io.walscope.core.stream.Transaction;

/**
 * One change as the live view keeps it: small fixed fields for the table; its key and "what changed" summary;
 * the change's JSON line (the {@code walscope tail --format jsonl} line, UTF-8) for the detail pane and exports;
 * PostgreSQL's text of its values packed by {@link LiveTexts}; and the plugin message it was decoded from (shared
 * with the other changes of that message).
 * <p>
 * Two kinds, the same to their users:
 * <ul>
 * <li><b>replayed</b> (pgoutput's row messages): only the fixed fields, the message and the relation it was
 * decoded with ({@link Replay}) are kept — about 150 bytes and three objects a change for a narrow row. Key,
 * summary, line and texts are decoded again from the message each time they are asked for, which the view does
 * for the rows it paints, an export for each change it writes.</li>
 * <li><b>rendered</b> (the other plugins, and messages too large to keep whole): all of it is rendered on
 * arrival, about 300–900 bytes a change.</li>
 * </ul>
 * Either way the default buffer of 200,000 changes stays under 200 MB for narrow rows; the buffer's byte budget
 * bounds wide ones.
 */
public final class LiveEvent {
    private final long seq;
    private final long lsn;
    private final long commitLsn;
    private final long xid;
    private final long commitMicros;
    private final Op op;
    private final String schema;
    private final String table;
    private final long txn;
    private final RawMessage raw;
    /** Rendered kind: the rendered fields; replayed kind: null. */
    private final String key;
    private final String summary;
    private final byte[] line;
    private final byte[] texts;
    /** Replayed kind: how to decode {@link #raw} again; rendered kind: null. */
    private final Replay replay;

    /**
     * A rendered change.
     *
     * @param seq arrival number, from 1, without gaps
     * @param lsn the change's LSN (0 when the plugin gives none)
     * @param commitLsn its transaction's commit LSN (0 unknown)
     * @param xid transaction id (-1 unknown)
     * @param commitMicros commit time, microseconds since the Unix epoch (0 unknown)
     * @param op the operation
     * @param schema schema name
     * @param table table name
     * @param key the key as {@code a=1, b="x"}, or null
     * @param summary what changed, for the table's last column
     * @param line the JSON line
     * @param txn the capture's number of the transaction (from 1, in stream order; a snapshot's reads share one);
     *        0 unknown
     * @param texts PostgreSQL's text of the values ({@link LiveTexts}), or null when the plugin sent none
     * @param raw the plugin message, or null
     */
    public LiveEvent(long seq, long lsn, long commitLsn, long xid, long commitMicros, Op op, String schema,
            String table, String key, String summary, byte[] line, long txn, byte[] texts, RawMessage raw) {
        this(seq, lsn, commitLsn, xid, commitMicros, op, schema, table, txn, raw, key, summary, line, texts, null);
    }

    /** A rendered change without transaction number, texts or raw message. */
    public LiveEvent(long seq, long lsn, long commitLsn, long xid, long commitMicros, Op op, String schema,
            String table, String key, String summary, byte[] line) {
        this(seq, lsn, commitLsn, xid, commitMicros, op, schema, table, key, summary, line, 0, null, null);
    }

    /**
     * A replayed change: {@code raw} holds the whole plugin message, which {@code replay} decodes again. The fixed
     * fields are as for a rendered change.
     */
    public static LiveEvent replayed(long seq, long lsn, long commitLsn, long xid, long commitMicros, Op op,
            String schema, String table, long txn, RawMessage raw, Replay replay) {
        if (raw == null || raw.truncated() || replay == null) {
            throw new IllegalArgumentException("a replayed change needs its whole message and a replay");
        }
        return new LiveEvent(seq, lsn, commitLsn, xid, commitMicros, op, schema, table, txn, raw, null, null, null,
                null, replay);
    }

    private LiveEvent(long seq, long lsn, long commitLsn, long xid, long commitMicros, Op op, String schema,
            String table, long txn, RawMessage raw, String key, String summary, byte[] line, byte[] texts,
            Replay replay) {
        this.seq = seq;
        this.lsn = lsn;
        this.commitLsn = commitLsn;
        this.xid = xid;
        this.commitMicros = commitMicros;
        this.op = op;
        this.schema = schema;
        this.table = table;
        this.txn = txn;
        this.raw = raw;
        this.key = key;
        this.summary = summary;
        this.line = line;
        this.texts = texts;
        this.replay = replay;
    }

    public long seq() {
        return seq;
    }

    public long lsn() {
        return lsn;
    }

    public long commitLsn() {
        return commitLsn;
    }

    public long xid() {
        return xid;
    }

    public long commitMicros() {
        return commitMicros;
    }

    public Op op() {
        return op;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public long txn() {
        return txn;
    }

    /** The plugin message, or null. */
    public RawMessage raw() {
        return raw;
    }

    /** Whether key, summary, line and texts are decoded again from the message when asked for. */
    public boolean replayed() {
        return replay != null;
    }

    /** The key as {@code a=1, b="x"}, or null. */
    public String key() {
        return replay == null ? key : render(LiveRender::key);
    }

    /** What changed, for the table's last column. */
    public String summary() {
        return replay == null ? summary : render(LiveRender::summary);
    }

    /** The JSON line, UTF-8, without newline; do not modify. */
    public byte[] line() {
        return replay == null ? line : render(LiveRender::line);
    }

    /** PostgreSQL's text of the values ({@link LiveTexts}), or null when the plugin sent none. */
    public byte[] texts() {
        return replay == null ? texts : render(LiveRender::texts);
    }

    /**
     * About how many bytes this change holds beyond its fixed fields, its raw message left out (the buffer counts
     * a shared message once).
     */
    int ownBytes() {
        if (replay != null) {
            return 0;
        }
        long w = len(line) + len(texts) + 2L * (str(key) + str(summary));
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    private static int len(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static int str(String s) {
        return s == null ? 0 : s.length();
    }

    /**
     * {@code what} of the change decoded again from its message, by this thread's renderer. The renderer keeps the
     * last change it decoded, so asking one change for its key, summary and texts in a row decodes it once.
     */
    private <T> T render(java.util.function.BiFunction<LiveRender, ChangeEvent, T> what) {
        LiveRender r = LiveRender.get();
        ChangeEvent c = r.decoded(this);
        if (c == null) {
            Transaction tx = new Transaction().begin(xid, commitLsn,
                    commitMicros == 0 ? Transaction.UNKNOWN_TIME : commitMicros);
            try {
                c = replay.decode(raw.bytes(), lsn, tx);
            } catch (java.io.IOException e) {
                // the message was checked when the change arrived: this is a bug, not bad input
                throw new IllegalStateException(e.getMessage(), e);
            }
            r.remember(this, c);
        }
        return what.apply(r, c);
    }

    /** {@code schema.table}. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** The JSON line as text. */
    public String json() {
        return new String(line(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LiveEvent[" + seq + " " + op + " " + qualifiedTable() + " at " + io.walscope.core.stream.Lsn.format(lsn)
                + "]";
    }
}
