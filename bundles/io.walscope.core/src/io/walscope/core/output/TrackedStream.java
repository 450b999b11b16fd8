package io.walscope.core.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A buffered stream into one file of {@link DurableFiles} that knows the file's length (written and buffered), so a
 * commit can mark where a transaction ends. Its {@code flush()} and {@code close()} do nothing: the owner decides when
 * bytes go to the file and when to the disk.
 */
final class TrackedStream extends OutputStream {
    private static final int BUFFER = 1 << 20;
    final FileChannel ch;
    final byte[] buf = new byte[BUFFER];
    int count;
    long flushed;
    boolean unsynced;

    TrackedStream(FileChannel ch, long at) {
        this.ch = ch;
        this.flushed = at;
    }

    long position() {
        return flushed + count;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            drain();
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - count) {
            drain();
            if (len > buf.length) {
                writeFully(ByteBuffer.wrap(b, off, len));
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    void drain() throws IOException {
        if (count > 0) {
            writeFully(ByteBuffer.wrap(buf, 0, count));
            count = 0;
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        int n = b.remaining();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        flushed += n;
        unsynced = true;
    }

    void force() throws IOException {
        if (unsynced) {
            ch.force(false);
            unsynced = false;
        }
    }

    /** Drops everything after {@code boundary}, buffered or written. */
    void cutTo(long boundary) throws IOException {
        if (position() <= boundary) {
            return;
        }
        if (boundary >= flushed) {
            count = (int) (boundary - flushed);
        } else {
            count = 0;
            ch.truncate(boundary);
            ch.position(boundary);
            flushed = boundary;
            unsynced = true;
        }
    }

    @Override
    public void flush() {
        // the owner decides when bytes go to the file (sync) and to the disk (fsync)
    }

    @Override
    public void close() {
        // closed by the owner
    }
}
