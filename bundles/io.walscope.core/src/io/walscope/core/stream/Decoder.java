package io.walscope.core.stream;

import java.nio.ByteBuffer;

/**
 * Turns one output plugin's messages into {@link ChangeListener} calls. A decoder is stateful (open transaction,
 * relation cache) and used by one thread.
 */
public interface Decoder {
    /**
     * Decodes one message.
     *
     * @param lsn the LSN the server sent with the message (its XLogData start)
     * @param msg the message, from its position to its limit; read, not kept
     */
    void decode(long lsn, ByteBuffer msg, ChangeListener listener) throws Exception;

    /** True between a transaction's begin and its commit. */
    boolean inTransaction();

    /** Forgets per-connection state before the stream restarts on a new connection. */
    void reset();

    /** Names key columns for plugins that do not (test_decoding, decoderbufs, wal2json without pk). */
    default void setKeyColumns(KeyColumns keys) {
    }

    /** Resolves types that are not built in (domains to their base type, enums, arrays of them) from the catalog. */
    default void setTypes(TypeLookup types) {
    }
}
