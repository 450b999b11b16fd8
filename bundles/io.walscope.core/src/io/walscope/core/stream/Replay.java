package io.walscope.core.stream;

import java.io.IOException;

/**
 * Decodes a change again, later, from a copy of the plugin message it came from ({@link ChangeEvent#replay()}).
 * A viewer that keeps hundreds of thousands of changes keeps the message and this handle instead of rendering
 * every change as it arrives, and renders only those it shows. Implementations are immutable and thread-safe.
 */
public interface Replay {
    /**
     * The change that {@code message} (the plugin message, complete, as the server sent it) holds, decoded as it
     * was the first time; {@code tx} gives its transaction. The event and its tuples are new and may be kept.
     *
     * @throws IOException if {@code message} is not the kind of message this handle was made for
     */
    ChangeEvent decode(byte[] message, long lsn, Transaction tx) throws IOException;
}
