package io.walscope.core.stream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The messages of one streamed in-progress transaction, kept in a temporary file until it commits or aborts. */
final class StreamSpool {
    interface Replay {
        void message(long lsn, byte[] buf, int off, int len) throws Exception;
    }

    private final Path file;
    private final Set<Long> abortedSubs = new HashSet<>();
    private DataOutputStream out;

    StreamSpool(Path dir, long xid) {
        try {
            file = Files.createTempFile(dir, "walscope-tx" + xid + "-", ".spool");
            file.toFile().deleteOnExit();
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool a streamed transaction in " + dir + ": " + e.getMessage(), e);
        }
    }

    void append(long lsn, long subXid, byte[] a, int off, int len) throws IOException {
        out.writeLong(lsn);
        out.writeLong(subXid);
        out.writeInt(len);
        out.write(a, off, len);
    }

    void abortSub(long subXid) {
        abortedSubs.add(subXid);
    }

    void replay(Replay r) throws Exception {
        out.close();
        byte[] buf = new byte[8192];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                long lsn;
                try {
                    lsn = in.readLong();
                } catch (EOFException end) {
                    return;
                }
                long sub = in.readLong();
                int len = in.readInt();
                if (len > buf.length) {
                    buf = new byte[Math.max(len, buf.length * 2)];
                }
                in.readFully(buf, 0, len);
                if (!abortedSubs.contains(sub)) {
                    r.message(lsn, buf, 0, len);
                }
            }
        }
    }

    void delete() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file; deleteOnExit gets it
        }
    }
}
