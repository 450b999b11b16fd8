package io.walscope.core.stream;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One change of the stream: an insert, update, delete or truncate of a table, a row read by the snapshot, or a
 * logical decoding message, with the transaction it belongs to.
 * <p>
 * Row images: {@link #after()} for insert, update and read; {@link #before()} for delete, and for update when the
 * table's replica identity sends it (FULL, or a changed key); {@link #key()} the replica identity columns when
 * the plugin or the catalog names them, else null. A column whose TOASTed value did not change is
 * {@link Tuple#UNCHANGED_TOAST} in {@code after}, never NULL ({@link #unchangedToast()}).
 * <p>
 * Sources reuse one instance for speed: an event and its tuples are valid during
 * {@link ChangeListener#change(ChangeEvent)} only. Keep one with {@link #copy()}.
 */
public final class ChangeEvent {
    private Op op;
    private long lsn;
    private Transaction tx;
    private String schema;
    private String table;
    private Tuple key;
    private Tuple before;
    private Tuple after;
    private String prefix;
    private byte[] content;
    private boolean transactional;
    private boolean cascade;
    private boolean restartIdentity;
    private boolean truncateFlagsKnown = true;
    private Replay replay;

    /** Sets a row change (insert, update, delete, read). */
    public ChangeEvent row(Op op, long lsn, Transaction tx, String schema, String table, Tuple key, Tuple before,
            Tuple after) {
        this.op = op;
        this.lsn = lsn;
        this.tx = tx;
        this.schema = schema;
        this.table = table;
        this.key = key;
        this.before = before;
        this.after = after;
        this.prefix = null;
        this.content = null;
        this.replay = null;
        return this;
    }

    /**
     * Says that this change can be decoded again from a copy of the plugin message it came from (the message the
     * listener last saw in {@link ChangeListener#raw}); set by the decoder after {@link #row}.
     */
    public ChangeEvent replayable(Replay r) {
        this.replay = r;
        return this;
    }

    /**
     * How to decode this change again from a copy of its plugin message, or null when the plugin or the message
     * does not allow it (then render it now). Only pgoutput's row messages outside streamed transactions do.
     */
    public Replay replay() {
        return replay;
    }

    /** Sets a truncate of one table. */
    public ChangeEvent truncate(long lsn, Transaction tx, String schema, String table, boolean cascade,
            boolean restartIdentity) {
        row(Op.TRUNCATE, lsn, tx, schema, table, null, null, null);
        this.cascade = cascade;
        this.restartIdentity = restartIdentity;
        this.truncateFlagsKnown = true;
        return this;
    }

    /** Sets a truncate of one table whose CASCADE / RESTART IDENTITY the plugin does not tell (wal2json). */
    public ChangeEvent truncateFlagsUnknown(long lsn, Transaction tx, String schema, String table) {
        truncate(lsn, tx, schema, table, false, false);
        this.truncateFlagsKnown = false;
        return this;
    }

    /** Sets a logical decoding message. {@code tx} is null for a non-transactional message. */
    public ChangeEvent message(long lsn, Transaction tx, boolean transactional, String prefix, byte[] content) {
        row(Op.MESSAGE, lsn, tx, null, null, null, null, null);
        this.transactional = transactional;
        this.prefix = prefix;
        this.content = content;
        return this;
    }

    public Op op() {
        return op;
    }

    /** The LSN of the change's WAL record (as the plugin's message carries it). */
    public long lsn() {
        return lsn;
    }

    /** The transaction, or null for a non-transactional message and for snapshot reads. */
    public Transaction tx() {
        return tx;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public Tuple key() {
        return key;
    }

    public Tuple before() {
        return before;
    }

    public Tuple after() {
        return after;
    }

    /** The names of the columns whose unchanged TOASTed values the plugin did not send (empty when none). */
    public List<String> unchangedToast() {
        List<String> out = new ArrayList<>(0);
        if (after != null) {
            for (int i = 0; i < after.size(); i++) {
                if (after.state(i) == Tuple.UNCHANGED_TOAST) {
                    out.add(after.name(i));
                }
            }
        }
        return out;
    }

    /** A message's prefix. */
    public String messagePrefix() {
        return prefix;
    }

    /** A message's content bytes. */
    public byte[] messageContent() {
        return content;
    }

    /** A message's content as text: UTF-8 when it is valid UTF-8, else {@code \x} and hex like bytea. */
    public String messageText() {
        if (content == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder b = new StringBuilder("\\x");
            for (byte x : content) {
                b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return b.toString();
        }
    }

    public boolean messageTransactional() {
        return transactional;
    }

    public boolean truncateCascade() {
        return cascade;
    }

    public boolean truncateRestartIdentity() {
        return restartIdentity;
    }

    /** Whether the plugin told CASCADE and RESTART IDENTITY (wal2json does not). */
    public boolean truncateFlagsKnown() {
        return truncateFlagsKnown;
    }

    /** An immutable copy, tuples rendered, that outlives the callback. */
    public ChangeEvent copy() {
        ChangeEvent e = new ChangeEvent();
        e.op = op;
        e.lsn = lsn;
        e.tx = tx == null ? null : tx.copy();
        e.schema = schema;
        e.table = table;
        e.key = key == null ? null : key.copy();
        e.before = before == null ? null : before.copy();
        e.after = after == null ? null : after.copy();
        e.prefix = prefix;
        e.content = content;
        e.transactional = transactional;
        e.cascade = cascade;
        e.restartIdentity = restartIdentity;
        e.truncateFlagsKnown = truncateFlagsKnown;
        return e;
    }

    @Override
    public String toString() {
        return op.json() + " " + (schema == null ? "" : schema + "." + table) + " at " + Lsn.format(lsn)
                + (key != null ? " key " + RenderedTuple.of(key) : "")
                + (before != null ? " before " + RenderedTuple.of(before) : "")
                + (after != null ? " after " + RenderedTuple.of(after) : "")
                + (prefix != null ? " prefix " + prefix + " content " + messageText() : "");
    }
}
