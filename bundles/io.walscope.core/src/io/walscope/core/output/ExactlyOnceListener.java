package io.walscope.core.output;

import java.nio.ByteBuffer;
import java.util.List;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Lsn;
import io.walscope.core.stream.Transaction;

/**
 * Puts a writer (any {@link ChangeListener} that writes into {@link DurableFiles#stream streams}: JSON Lines,
 * Debezium, per-table files) under {@link DurableFiles}: every commit marks a transaction boundary in the files,
 * {@link #flush()} makes the boundary durable as the fsync policy allows, and {@link #confirmable} tells the reader
 * to confirm only what is on disk. Changes outside a transaction (snapshot rows, non-transactional messages) are
 * whole on their own.
 * <p>
 * Close the writer first (it pushes its last bytes), then this listener (it cuts an unfinished transaction off and
 * syncs).
 */
public final class ExactlyOnceListener implements ChangeListener, AutoCloseable {
    private final ChangeListener writer;
    private final DurableFiles files;
    private boolean inTx;

    public ExactlyOnceListener(ChangeListener writer, DurableFiles files) {
        this.writer = writer;
        this.files = files;
    }

    @Override
    public void begin(Transaction tx) throws Exception {
        inTx = true;
        writer.begin(tx);
    }

    @Override
    public void change(ChangeEvent e) throws Exception {
        writer.change(e);
        if (!inTx && e.tx() == null) {
            writer.flush();
            files.complete(e.lsn());
        }
    }

    @Override
    public void commit(Transaction tx) throws Exception {
        writer.commit(tx);
        // the writer's own buffer into the files' streams (cheap: they buffer until sync)
        writer.flush();
        files.commit(tx.commitLsn(), tx.endLsn());
        inTx = false;
    }

    @Override
    public void flush() throws Exception {
        writer.flush();
        files.sync(false);
    }

    @Override
    public long confirmable(long upTo) {
        if (files.allDurable()) {
            return upTo;
        }
        long d = files.durableEndLsn();
        return Long.compareUnsigned(d, upTo) < 0 ? d : upTo;
    }

    @Override
    public boolean wantsRaw() {
        return writer.wantsRaw();
    }

    @Override
    public void raw(long lsn, ByteBuffer msg) throws Exception {
        writer.raw(lsn, msg);
    }

    @Override
    public void snapshotStart(long xid, List<String> tables) throws Exception {
        writer.snapshotStart(xid, tables);
    }

    @Override
    public void snapshotEnd() throws Exception {
        // a writer may hold the last snapshot row back until now (Debezium marks it "last"): it is whole too
        writer.snapshotEnd();
        writer.flush();
        files.complete(Lsn.INVALID);
    }

    @Override
    public void reconnected(long resumeLsn, int attempt) {
        writer.reconnected(resumeLsn, attempt);
    }

    /** Cuts an unfinished transaction off, syncs and closes the files. */
    @Override
    public void close() throws Exception {
        files.close();
    }
}
