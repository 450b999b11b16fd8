package io.walscope.core.live;

import java.io.IOException;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Replay;
import io.walscope.core.stream.Transaction;

/**
 * The listener between a change stream and the live view: turns every change into a compact
 * {@link LiveEvent} and appends it to a {@link LiveBuffer}, never waiting for anyone. A change the decoder can
 * decode again ({@link ChangeEvent#replay()}: pgoutput's rows) is kept as its plugin message and rendered only when
 * shown; any other is rendered now ({@code walscope tail} JSON line, key, summary, PostgreSQL's texts). Numbers the
 * transactions and logs their commits ({@link #commits()}) so the view can group changes by transaction. Keeps
 * the counters the status line shows. Runs on the reader's thread; the counters may be read from any thread.
 */
public final class LiveCapture implements ChangeListener {
    private final LiveBuffer buffer;
    private final LiveRender render = new LiveRender();
    private volatile long received;
    private volatile long transactions;
    private volatile long lastLsn;
    private volatile long lastCommitMicros;
    private volatile int reconnects;
    private final CommitLog commits;
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

    /** A capture into {@code buffer}. */
    public LiveCapture(LiveBuffer buffer) {
        this.buffer = buffer;
        this.commits = new CommitLog(buffer.capacity());
    }

    @Override
    public void change(ChangeEvent e) throws IOException {
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
        long commitLsn = tx == null ? 0 : tx.commitLsn();
        long xid = tx == null ? -1 : tx.xid();
        RawMessage raw = pendingRaw();
        Replay replay = e.replay();
        LiveEvent ev;
        if (replay != null && raw != null && !raw.truncated()) {
            // kept as its message: rendered only when shown or exported
            ev = LiveEvent.replayed(buffer.nextSeq(), e.lsn(), commitLsn, xid, commitMicros, e.op(), e.schema(),
                    e.table(), txn, raw, replay);
        } else {
            ev = new LiveEvent(buffer.nextSeq(), e.lsn(), commitLsn, xid, commitMicros, e.op(), e.schema(), e.table(),
                    render.key(e), render.summary(e), render.line(e), txn, render.texts(e), raw);
        }
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
}
