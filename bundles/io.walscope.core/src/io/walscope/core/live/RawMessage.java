package io.walscope.core.live;

import java.nio.ByteBuffer;

/**
 * A decoding plugin's message as it arrived, kept with the changes decoded from it (one instance shared by all of
 * them: wal2json format-version 1 sends a whole transaction in one message). Large messages are cut at
 * {@link #CAP} bytes; {@link #size()} tells the full size.
 *
 * @param lsn the LSN the server sent with the message
 * @param bytes the message's first bytes (at most {@link #CAP}); do not modify
 * @param size the message's full size in bytes
 */
public record RawMessage(long lsn, byte[] bytes, int size) {
    /** The most bytes kept of one message. */
    public static final int CAP = 64 * 1024;

    /** Copies {@code msg} from its position to its limit (at most {@link #CAP} bytes); leaves it unchanged. */
    public static RawMessage copyOf(long lsn, ByteBuffer msg) {
        int size = msg.remaining();
        byte[] b = new byte[Math.min(size, CAP)];
        msg.duplicate().get(b);
        return new RawMessage(lsn, b, size);
    }

    /** True when only the first {@link #CAP} bytes were kept. */
    public boolean truncated() {
        return bytes.length < size;
    }
}
