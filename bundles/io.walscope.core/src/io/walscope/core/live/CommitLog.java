package io.walscope.core.live;

/**
 * What the commits told about the transactions in the live buffer, by the transaction number
 * {@link LiveEvent#txn()}: commit LSN, commit time and the number of changes. Needed because some plugins
 * (test_decoding, decoderbufs) tell the commit LSN or time only at the commit, after the changes went into the
 * buffer. A ring: only the newest {@code capacity} transactions are held. Thread-safe.
 */
public final class CommitLog {
    private final long[] txn;
    private final long[] commitLsn;
    private final long[] commitMicros;
    private final int[] changes;

    public CommitLog(int capacity) {
        txn = new long[capacity];
        commitLsn = new long[capacity];
        commitMicros = new long[capacity];
        changes = new int[capacity];
    }

    /** Records the commit of transaction {@code t} (a number from 1). */
    public synchronized void committed(long t, long lsn, long micros, int changeCount) {
        int i = (int) (t % txn.length);
        txn[i] = t;
        commitLsn[i] = lsn;
        commitMicros[i] = micros;
        changes[i] = changeCount;
    }

    /** True when the commit of {@code t} is known (still held). */
    public synchronized boolean isCommitted(long t) {
        return t > 0 && txn[(int) (t % txn.length)] == t;
    }

    /** Commit LSN of {@code t}, 0 when unknown. */
    public synchronized long commitLsn(long t) {
        int i = (int) (t % txn.length);
        return t > 0 && txn[i] == t ? commitLsn[i] : 0;
    }

    /** Commit time of {@code t} in microseconds since the epoch, 0 when unknown. */
    public synchronized long commitMicros(long t) {
        int i = (int) (t % txn.length);
        return t > 0 && txn[i] == t ? commitMicros[i] : 0;
    }

    /** Changes of {@code t} in the stream (filters aside), -1 when not known yet. */
    public synchronized int changes(long t) {
        int i = (int) (t % txn.length);
        return t > 0 && txn[i] == t ? changes[i] : -1;
    }
}
