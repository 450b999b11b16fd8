package io.walscope.core.stream;

/**
 * One transaction of the stream as far as it is known: its id, the LSN of its commit record and its commit time.
 * Plugins tell different amounts at the start: pgoutput and wal2json (format 2) give the commit LSN and time at
 * {@code BEGIN}; test_decoding gives them only at {@code COMMIT}, decoderbufs only the time. Unknown values are
 * {@link Lsn#INVALID} and {@link #UNKNOWN_TIME}.
 * <p>
 * A decoder reuses one instance per transaction; {@link #copy()} keeps one.
 */
public final class Transaction {
    /** Marks an unknown commit time. */
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    private long xid = -1;
    private long commitLsn = Lsn.INVALID;
    private long endLsn = Lsn.INVALID;
    private long commitTimeMicros = UNKNOWN_TIME;
    private String commitTs;
    private long events;

    /** Starts a new transaction (clears everything). */
    public Transaction begin(long xid, long commitLsn, long commitTimeMicros) {
        this.xid = xid;
        this.commitLsn = commitLsn;
        this.endLsn = Lsn.INVALID;
        this.commitTimeMicros = commitTimeMicros;
        this.commitTs = null;
        this.events = 0;
        return this;
    }

    /** Fills in what the commit tells. */
    public Transaction commit(long commitLsn, long endLsn, long commitTimeMicros) {
        if (commitLsn != Lsn.INVALID) {
            this.commitLsn = commitLsn;
        }
        this.endLsn = endLsn;
        if (commitTimeMicros != UNKNOWN_TIME && commitTimeMicros != this.commitTimeMicros) {
            this.commitTimeMicros = commitTimeMicros;
            this.commitTs = null;
        }
        return this;
    }

    /** The transaction id, or -1 when the plugin did not tell it. */
    public long xid() {
        return xid;
    }

    /** The LSN of the commit record (pgoutput's {@code final_lsn}), or {@link Lsn#INVALID} while unknown. */
    public long commitLsn() {
        return commitLsn;
    }

    /**
     * The LSN just past the commit record: what a consumer confirms to the server once it has handled the whole
     * transaction. Known at commit.
     */
    public long endLsn() {
        return endLsn;
    }

    /** Commit time in microseconds since 1970-01-01 UTC, or {@link #UNKNOWN_TIME}. */
    public long commitTimeMicros() {
        return commitTimeMicros;
    }

    /** Commit time as ISO-8601 UTC with 6 fractional digits ({@code 2026-11-23T10:00:00.123456Z}), or null. */
    public String commitTs() {
        if (commitTs == null && commitTimeMicros != UNKNOWN_TIME) {
            commitTs = Times.isoMicros(commitTimeMicros);
        }
        return commitTs;
    }

    /** Number of changes delivered so far in this transaction. */
    public long events() {
        return events;
    }

    /** Counts one delivered change. */
    public void countEvent() {
        events++;
    }

    /** A detached copy. */
    public Transaction copy() {
        Transaction t = new Transaction();
        t.xid = xid;
        t.commitLsn = commitLsn;
        t.endLsn = endLsn;
        t.commitTimeMicros = commitTimeMicros;
        t.commitTs = commitTs;
        t.events = events;
        return t;
    }

    @Override
    public String toString() {
        return "tx " + xid + " commit " + (commitLsn == Lsn.INVALID ? "?" : Lsn.format(commitLsn)) + " end "
                + (endLsn == Lsn.INVALID ? "?" : Lsn.format(endLsn));
    }
}
