package io.walscope.core.stream;

/**
 * Receives the decoded stream, in order, on the reader's thread: {@link #begin}, the transaction's changes,
 * {@link #commit}; non-transactional messages and snapshot reads arrive outside transactions.
 * <p>
 * The reader confirms an LSN to the server (letting it recycle WAL) only after {@link #commit} returned for the
 * transaction ending there and {@link #flush()} returned after that: a listener that writes somewhere makes its
 * output durable in {@code flush()}. Events and tuples may be reused after the callback returns
 * ({@link ChangeEvent#copy()}). A listener that throws stops the stream; nothing after the last flush is
 * confirmed.
 * <p>
 * Not tied to any output: the CLI writes JSON Lines ({@link JsonLinesWriter}), a viewer can hand copies to a
 * bounded buffer (io.walscope.core.live.LiveCapture).
 */
public interface ChangeListener {
    /** A transaction starts. {@code tx} is reused by the source. */
    default void begin(Transaction tx) throws Exception {
    }

    /** One change. */
    void change(ChangeEvent e) throws Exception;

    /** The transaction is complete: {@link Transaction#endLsn()} is known. */
    default void commit(Transaction tx) throws Exception {
    }

    /** Makes everything received so far durable; the reader then confirms the last committed LSN. */
    default void flush() throws Exception {
    }

    /**
     * After {@link #flush()}: the LSN the reader may confirm, at most {@code upTo} (the end of the last transaction
     * handed over, or while idle the server's WAL end). A listener that makes data durable less often than it is
     * flushed (an fsync interval) answers the end of the last transaction that is durable.
     */
    default long confirmable(long upTo) {
        return upTo;
    }

    /**
     * Whether {@link #raw} is wanted. Asked once when the stream starts (not per message): when false, raw
     * messages cost nothing.
     */
    default boolean wantsRaw() {
        return false;
    }

    /**
     * Called before each message is decoded when {@link #wantsRaw()}: {@code msg} is the plugin's message exactly
     * as received (pgoutput's or decoderbufs' bytes, wal2json's JSON, test_decoding's line, UTF-8), from its
     * position to its limit. A read-only view, valid during the call only: copy what is kept.
     *
     * @param lsn the LSN the server sent with the message
     */
    default void raw(long lsn, java.nio.ByteBuffer msg) throws Exception {
    }

    /**
     * A snapshot starts: its rows follow as {@link Op#READ} changes (outside transactions) until
     * {@link #snapshotEnd()}. {@code xid} is the id of the transaction that reads them (-1 when unknown);
     * {@code tables} the tables to be read ({@code schema.table}), in reading order.
     */
    default void snapshotStart(long xid, java.util.List<String> tables) throws Exception {
    }

    /** The snapshot's last row was delivered. */
    default void snapshotEnd() throws Exception {
    }

    /**
     * After a dropped connection the reader resumes from the last confirmed LSN; the transaction that was open
     * continues where it stopped (changes already delivered are not delivered again).
     */
    default void reconnected(long resumeLsn, int attempt) {
    }
}
