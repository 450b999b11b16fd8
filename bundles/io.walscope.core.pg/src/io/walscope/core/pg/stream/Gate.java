package io.walscope.core.pg.stream;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Lsn;
import io.walscope.core.stream.Transaction;

/**
 * Stands between the decoder and the user's listener: counts, enforces --max-events (at a transaction boundary)
 * and --until-lsn, remembers
 * the end LSN of the last whole transaction (what may be confirmed), and after a reconnect skips the changes of
 * the interrupted transaction that were already delivered, so nothing arrives twice.
 */
final class Gate implements ChangeListener {
    /** Thrown through the decoder to end the stream cleanly. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        Stop(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    private final ChangeListener user;
    private final long maxEvents;
    private final long untilLsn;
    long events;
    long transactions;
    long committedLsn;
    long startNanos = System.nanoTime();
    long lastEventNanos;
    private long openXid = -1;
    private long openDelivered;
    private boolean open;
    private long skipXid = -1;
    private long skipRemaining;
    private boolean skippingTx;

    Gate(ChangeListener user, long maxEvents, long untilLsn) {
        this.user = user;
        this.maxEvents = maxEvents;
        this.untilLsn = untilLsn;
    }

    ChangeListener user() {
        return user;
    }

    /** The stream starts now (for the events/s figure). */
    void started() {
        startNanos = System.nanoTime();
        lastEventNanos = startNanos;
    }

    double seconds() {
        return Math.max(0, lastEventNanos - startNanos) / 1e9;
    }

    @Override
    public void begin(Transaction tx) throws Exception {
        if (untilLsn != 0 && tx.commitLsn() != Lsn.INVALID && Long.compareUnsigned(tx.commitLsn(), untilLsn) > 0) {
            throw new Stop("until-lsn");
        }
        if (skipXid >= 0 && tx.xid() == skipXid) {
            skippingTx = true;
            skipXid = -1;
            open = true;
            openXid = tx.xid();
            openDelivered = skipRemaining;
            return;
        }
        skipXid = -1;
        skippingTx = false;
        open = true;
        openXid = tx.xid();
        openDelivered = 0;
        user.begin(tx);
    }

    @Override
    public void change(ChangeEvent e) throws Exception {
        if (skippingTx && skipRemaining > 0) {
            skipRemaining--;
            return;
        }
        Transaction tx = e.tx();
        if (untilLsn != 0 && tx != null && tx.events() <= 1 && tx.commitLsn() == Lsn.INVALID
                && Long.compareUnsigned(e.lsn(), untilLsn) > 0) {
            // plugins that tell the commit LSN only at the end: a transaction whose first change lies beyond
            // the limit commits beyond it too
            throw new Stop("until-lsn");
        }
        user.change(e);
        if (open) {
            openDelivered++;
        }
        events++;
        lastEventNanos = System.nanoTime();
        if (maxEvents >= 0 && events >= maxEvents && !open) {
            // outside a transaction (snapshot rows, non-transactional messages); inside one, at its commit
            throw new Stop("max-events");
        }
    }

    @Override
    public void commit(Transaction tx) throws Exception {
        user.commit(tx);
        skippingTx = false;
        open = false;
        transactions++;
        committedLsn = tx.endLsn();
        if (untilLsn != 0 && Long.compareUnsigned(tx.endLsn(), untilLsn) >= 0) {
            throw new Stop("until-lsn");
        }
        if (maxEvents >= 0 && events >= maxEvents) {
            // --max-events ends at a transaction boundary: a transaction is never cut, the count is a lower bound
            throw new Stop("max-events");
        }
    }

    @Override
    public boolean wantsRaw() {
        return user.wantsRaw();
    }

    @Override
    public void raw(long lsn, java.nio.ByteBuffer msg) throws Exception {
        user.raw(lsn, msg);
    }

    @Override
    public void flush() throws Exception {
        user.flush();
    }

    /**
     * After {@link #flush()}: what may be confirmed, at most {@code upTo} (the listener may hold back what is not
     * yet durable).
     */
    @Override
    public long confirmable(long upTo) {
        return user.confirmable(upTo);
    }

    /** Whether the limit is reached: the server has sent everything up to it and no transaction is open. */
    boolean untilReached(long serverLsn, boolean inTransaction) {
        return untilLsn != 0 && !inTransaction && Long.compareUnsigned(serverLsn, untilLsn) >= 0;
    }

    /** Before resuming on a new connection: the open transaction will come again; skip what was delivered. */
    @Override
    public void reconnected(long resumeLsn, int attempt) {
        if (open) {
            skipXid = openXid;
            skipRemaining = openDelivered;
            open = false;
        }
        user.reconnected(resumeLsn, attempt);
    }

    /** Before the stream starts again on the same connection (binary to text): like a reconnect, silently. */
    void restarted() {
        if (open) {
            skipXid = openXid;
            skipRemaining = openDelivered;
            open = false;
        }
    }

    @Override
    public void snapshotStart(long xid, java.util.List<String> tables) throws Exception {
        user.snapshotStart(xid, tables);
    }

    @Override
    public void snapshotEnd() throws Exception {
        user.snapshotEnd();
    }

    /** Counts a snapshot read (delivered outside transactions). */
    void read(ChangeEvent e) throws Exception {
        change(e);
    }
}
