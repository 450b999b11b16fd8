package io.walscope.core.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.JsonLinesWriter;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Transaction;
import io.walscope.core.stream.Tuple;

/**
 * The listener between a change stream and the live view: turns every change into a compact
 * {@link LiveEvent} (with its {@code walscope tail} JSON line, PostgreSQL's text of its values and the plugin
 * message it came from) and appends it to a {@link LiveBuffer}, never waiting for anyone. Numbers the
 * transactions and logs their commits ({@link #commits()}) so the view can group changes by transaction. Keeps
 * the counters the status line shows. Runs on the reader's thread; the counters may be read from any thread.
 */
public final class LiveCapture implements ChangeListener {
    private static final int SUMMARY_MAX = 160;
    private final LiveBuffer buffer;
    private final Bytes bytes = new Bytes();
    private final ValueText text = new ValueText();
    private StringBuilder pairsText = new StringBuilder(256);
    private final JsonLinesWriter writer;
    private volatile long received;
    private volatile long transactions;
    private volatile long lastLsn;
    private volatile long lastCommitMicros;
    private volatile int reconnects;
    private final CommitLog commits;
    private final LiveTexts texts = new LiveTexts();
    private RawMessage currentRaw;
    /** The last message's bytes, kept as a {@link RawMessage} only when a change comes from it (not B, C, R...). */
    private byte[] rawScratch = new byte[1024];
    private int rawLength = -1;
    private int rawSize;
    private long rawLsn;
    private long txnCounter;
    private long currentTxn;
    private int currentTxnChanges;
    private boolean lastWasSnapshotRead;
    private volatile long firstChangeNanos;
    private volatile long lastChangeNanos;

    public LiveCapture(LiveBuffer buffer, String database) {
        this.buffer = buffer;
        this.commits = new CommitLog(buffer.capacity());
        try {
            this.writer = new JsonLinesWriter(bytes, JsonLinesWriter.Format.JSONL, database);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void change(ChangeEvent e) throws IOException {
        writer.change(e);
        writer.flush();
        byte[] line = bytes.takeLine();
        Transaction tx = e.tx();
        long txn;
        if (tx != null) {
            if (currentTxn == 0) {
                currentTxn = ++txnCounter;
                currentTxnChanges = 0;
            }
            currentTxnChanges++;
            txn = currentTxn;
            lastWasSnapshotRead = false;
        } else {
            // snapshot reads share one number; a message outside a transaction is one of its own
            boolean read = e.op() == Op.READ;
            txn = read && lastWasSnapshotRead ? txnCounter : ++txnCounter;
            lastWasSnapshotRead = read;
        }
        long commitMicros = tx == null || tx.commitTimeMicros() == Transaction.UNKNOWN_TIME ? 0 : tx.commitTimeMicros();
        LiveEvent ev = new LiveEvent(buffer.nextSeq(), e.lsn(), tx == null ? 0 : tx.commitLsn(),
                tx == null ? -1 : tx.xid(), commitMicros, e.op(), e.schema(), e.table(),
                e.key() == null ? null : pairs(e.key(), SUMMARY_MAX), summary(e), line, txn,
                e.op() == Op.MESSAGE || e.op() == Op.TRUNCATE ? null : texts.encode(e.key(), e.before(), e.after()),
                pendingRaw());
        buffer.add(ev);
        long now = System.nanoTime();
        if (received == 0) {
            firstChangeNanos = now;
        }
        lastChangeNanos = now;
        received++;
        if (Long.compareUnsigned(e.lsn(), lastLsn) > 0) {
            lastLsn = e.lsn();
        }
    }

    @Override
    public void commit(Transaction tx) {
        if (currentTxn != 0) {
            commits.committed(currentTxn, tx.commitLsn(),
                    tx.commitTimeMicros() == Transaction.UNKNOWN_TIME ? 0 : tx.commitTimeMicros(), currentTxnChanges);
            currentTxn = 0;
        }
        currentRaw = null;
        rawLength = -1;
        transactions++;
        if (Long.compareUnsigned(tx.endLsn(), lastLsn) > 0) {
            lastLsn = tx.endLsn();
        }
        if (tx.commitTimeMicros() != 0) {
            lastCommitMicros = tx.commitTimeMicros();
        }
    }

    /** The viewer shows each change's plugin message: yes. */
    @Override
    public boolean wantsRaw() {
        return true;
    }

    /** Keeps a copy of the message (at most {@link RawMessage#CAP} bytes) for the changes decoded from it. */
    @Override
    public void raw(long lsn, java.nio.ByteBuffer msg) {
        rawSize = msg.remaining();
        rawLength = Math.min(rawSize, RawMessage.CAP);
        if (rawScratch.length < rawLength) {
            rawScratch = new byte[Math.max(rawLength, rawScratch.length * 2)];
        }
        msg.duplicate().get(rawScratch, 0, rawLength);
        rawLsn = lsn;
        currentRaw = null;
    }

    /** The message the current change came from, copied once for all the changes decoded from it. */
    private RawMessage pendingRaw() {
        if (currentRaw == null && rawLength >= 0) {
            currentRaw = new RawMessage(rawLsn, java.util.Arrays.copyOf(rawScratch, rawLength), rawSize);
        }
        return currentRaw;
    }

    /** The commits of the transactions in the buffer, by {@link LiveEvent#txn()}. */
    public CommitLog commits() {
        return commits;
    }

    @Override
    public void reconnected(long resumeLsn, int attempt) {
        reconnects++;
    }

    /** Changes received since the start. */
    public long received() {
        return received;
    }

    /** {@link System#nanoTime()} when the first change arrived (0 none yet); the benchmark's receive rate. */
    public long firstChangeNanos() {
        return firstChangeNanos;
    }

    /** {@link System#nanoTime()} when the last change arrived (0 none yet). */
    public long lastChangeNanos() {
        return lastChangeNanos;
    }

    public long transactions() {
        return transactions;
    }

    /** The highest LSN received (a change's or a commit's end). */
    public long lastLsn() {
        return lastLsn;
    }

    /** Commit time of the last transaction received, microseconds since the epoch (0 none). */
    public long lastCommitMicros() {
        return lastCommitMicros;
    }

    public int reconnects() {
        return reconnects;
    }

    /** "what changed": the changed columns of an update, the first values of an insert, the key of a delete. */
    String summary(ChangeEvent e) {
        Op op = e.op();
        switch (op) {
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
                String text = e.messageText();
                return e.messagePrefix() + ": " + (text == null ? "(binary)" : text);
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
            return line;
        }
    }
}
