package io.walscope.core.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import io.walscope.core.WalscopeException;
import io.walscope.core.stream.Lsn;

/**
 * Append-only output files that hold whole transactions only, across restarts and crashes: one file
 * ({@link #openFile}) or several in a directory ({@link #openDir}, e.g. one per table), under one
 * {@link Checkpoint} sidecar.
 * <p>
 * Writers write into {@link #stream}s; {@link #commit} marks a transaction boundary (every file's current length);
 * {@link #sync} writes the buffered bytes, fsyncs the files and then replaces the checkpoint, which records the
 * boundary — so the checkpoint never claims more than the disk holds, and {@link #durableEndLsn()} is what a reader
 * may confirm to the server. On open, bytes after the checkpoint's boundary (a torn line, an unfinished or
 * unconfirmed transaction left by a crash) are cut off and the stream resumes after the last complete transaction
 * ({@link Recovery#endLsn()}), whatever the slot says. {@link #close()} cuts an unfinished transaction off, so a
 * normal end leaves whole transactions only. A file written by another server, database, slot or format is
 * refused with one sentence ({@link OutputIdentity#refusal}).
 * <p>
 * One thread uses an instance.
 */
public final class DurableFiles implements AutoCloseable {
    /** The sidecar of a single output file: {@code FILE.walscope}. */
    public static final String SIDECAR_SUFFIX = ".walscope";
    /** The sidecar of an output directory. */
    public static final String DIR_SIDECAR = "walscope.checkpoint";

    /**
     * What opening found.
     *
     * @param found the checkpoint of an earlier run, or null for a new output
     * @param droppedBytes bytes cut off after its last complete transaction
     * @param droppedFiles files removed that held no complete transaction
     */
    public record Recovery(Checkpoint found, long droppedBytes, int droppedFiles) {
        /** True when an earlier run's output is continued. */
        public boolean resumed() {
            return found != null;
        }

        /** Where the stream resumes: just past the last complete transaction, or {@link Lsn#INVALID}. */
        public long endLsn() {
            return found == null ? Lsn.INVALID : found.endLsn();
        }
    }

    private final Path dir;
    private final Path sidecar;
    private final String single;
    private final Predicate<String> owned;
    private final OutputIdentity identity;
    private final long intervalNanos;
    private final Map<String, TrackedStream> open = new LinkedHashMap<>();
    private final Map<String, Long> boundaries = new LinkedHashMap<>();
    private final Recovery recovery;
    private FileChannel lockChannel;
    private long commitLsn;
    private long endLsn;
    private long transactions;
    private long durableEndLsn;
    private boolean pending;
    private boolean dirChanged;
    private long lastFsync = System.nanoTime();
    private boolean closed;

    private DurableFiles(Path dir, Path sidecar, String single, Predicate<String> owned, OutputIdentity identity,
            Duration fsyncInterval, String display) throws WalscopeException {
        this.dir = dir;
        this.sidecar = sidecar;
        this.single = single;
        this.owned = owned;
        this.identity = identity;
        this.intervalNanos = fsyncInterval == null ? -1 : fsyncInterval.toNanos();
        try {
            lock(display);
            this.recovery = recover(display);
        } catch (IOException e) {
            unlock();
            throw new WalscopeException("Cannot continue " + display + ": " + e.getMessage() + ".", e);
        } catch (WalscopeException | RuntimeException e) {
            unlock();
            throw e;
        }
    }

    /**
     * One writer at a time: a second tail's recovery would cut off what the first has written but not yet
     * checkpointed. An advisory lock on the file (a directory: on {@code walscope.lock} in it), released by the
     * system when the process ends however it ends.
     */
    private void lock(String display) throws IOException, WalscopeException {
        Path target = single != null ? dir.resolve(single) : dir.resolve("walscope.lock");
        lockChannel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            throw new WalscopeException(display + " is being written by another walscope tail: stop that one"
                    + " first, or write to another file.");
        }
    }

    private void unlock() {
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock
            } catch (IOException e) {
                // closing
            }
            lockChannel = null;
        }
    }

    /**
     * One output file with its sidecar {@code FILE.walscope}.
     *
     * @param fsyncInterval null: never fsync (a crash of the machine may lose confirmed changes); zero: at every
     *            {@link #sync}; else at most that often, confirming only what was fsynced
     */
    public static DurableFiles openFile(Path file, OutputIdentity identity, Duration fsyncInterval)
            throws WalscopeException {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new WalscopeException(file + " is a directory: name a file.");
        }
        Path parent = abs.getParent();
        if (!Files.isDirectory(parent)) {
            throw new WalscopeException("Cannot write " + file + ": the directory " + parent + " does not exist.");
        }
        String name = abs.getFileName().toString();
        return new DurableFiles(parent, parent.resolve(name + SIDECAR_SUFFIX), name, name::equals, identity,
                fsyncInterval, file.toString());
    }

    /**
     * Several output files in {@code dir} (created when missing) with the sidecar {@value #DIR_SIDECAR};
     * {@code owned} tells the names of files this output writes (others in the directory are left alone).
     */
    public static DurableFiles openDir(Path dir, Predicate<String> owned, OutputIdentity identity,
            Duration fsyncInterval) throws WalscopeException {
        Path abs = dir.toAbsolutePath();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new WalscopeException("Cannot create the directory " + dir + ": " + e.getMessage() + ".", e);
        }
        return new DurableFiles(abs, abs.resolve(DIR_SIDECAR), null,
                owned.and(n -> !n.startsWith(DIR_SIDECAR) && !n.equals("walscope.lock")),
                identity, fsyncInterval, dir.toString());
    }

    private Recovery recover(String display) throws IOException, WalscopeException {
        Checkpoint cp = null;
        if (Files.exists(sidecar)) {
            try {
                cp = Checkpoint.read(sidecar);
            } catch (IOException e) {
                throw new WalscopeException("Cannot continue " + display + ": its checkpoint " + sidecar + " is damaged ("
                        + e.getMessage() + "); write to another file.", e);
            }
        }
        if (cp == null) {
            for (String name : ownedFiles()) {
                long size = Files.size(dir.resolve(name));
                if (size > 0) {
                    throw new WalscopeException((single != null ? display : dir.resolve(name).toString())
                            + " already holds " + size + " bytes that walscope tail did not write (there is no "
                            + sidecar.getFileName() + " beside it): write to another file, or remove it.");
                }
            }
            // the sidecar comes before any data: a crash before the first checkpoint leaves a file to cut back
            if (single != null) {
                boundaries.put(single, 0L);
            }
            new Checkpoint(identity, Lsn.INVALID, Lsn.INVALID, 0, new LinkedHashMap<>(boundaries))
                    .write(sidecar, intervalNanos >= 0);
            return new Recovery(null, 0, 0);
        }
        String refusal = identity.refusal(cp.identity(), display);
        if (refusal != null) {
            throw new WalscopeException(refusal);
        }
        long dropped = 0;
        for (Map.Entry<String, Long> e : cp.offsets().entrySet()) {
            dropped += cut(e.getKey(), e.getValue(), display);
            boundaries.put(e.getKey(), e.getValue());
        }
        int droppedFiles = 0;
        for (String name : ownedFiles()) {
            if (!cp.offsets().containsKey(name)) {
                Path f = dir.resolve(name);
                long size = Files.size(f);
                if (single != null) {
                    dropped += cut(name, 0, display);
                    boundaries.put(name, 0L);
                } else {
                    // created after the last checkpoint: it holds no complete transaction
                    dropped += size;
                    Files.delete(f);
                    droppedFiles++;
                    dirChanged = true;
                }
            }
        }
        commitLsn = cp.commitLsn();
        endLsn = cp.endLsn();
        durableEndLsn = endLsn;
        transactions = cp.transactions();
        return new Recovery(cp, dropped, droppedFiles);
    }

    /** Cuts {@code name} back to {@code offset}; returns the bytes cut off. */
    private long cut(String name, long offset, String display) throws IOException, WalscopeException {
        Path f = dir.resolve(name);
        long size = Files.exists(f) ? Files.size(f) : -1;
        if (size < offset) {
            throw new WalscopeException("Cannot continue " + display + ": " + (size < 0 ? f + " is missing"
                    : f + " holds " + size + " bytes")
                    + " but its checkpoint says its complete transactions take " + offset
                    + " bytes (was it truncated, or lost in a crash with --fsync-interval 0?): write to another file.");
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (offset > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, offset - 1);
                if (last.get(0) != '\n') {
                    throw new WalscopeException("Cannot continue " + display + ": " + f + " does not end a line"
                            + " where its checkpoint says its last complete transaction ends (byte " + offset
                            + "): it was changed by something else; write to another file.");
                }
            }
            if (size > offset) {
                ch.truncate(offset);
                ch.force(true);
            }
        }
        return size - offset;
    }

    private java.util.List<String> ownedFiles() throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (single != null) {
            if (Files.isRegularFile(dir.resolve(single))) {
                out.add(single);
            }
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && owned.test(n)) {
                    out.add(n);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** What opening found. */
    public Recovery recovery() {
        return recovery;
    }

    /** The stream of the single output file. */
    public OutputStream stream() throws IOException {
        if (single == null) {
            throw new IllegalStateException("a directory output has one stream per file: stream(name)");
        }
        return stream(single);
    }

    /**
     * The stream that appends to {@code name} (a plain file name in the directory), opened on first use. Its
     * {@code flush()} and {@code close()} do nothing: {@link #sync} and {@link #close()} of this object do the work.
     */
    public OutputStream stream(String name) throws IOException {
        TrackedStream t = open.get(name);
        if (t == null) {
            if (name.contains("/") || name.equals(".") || name.equals("..") || !owned.test(name)) {
                throw new IllegalArgumentException("not a file name of this output: " + name);
            }
            Path f = dir.resolve(name);
            boolean existed = Files.exists(f);
            long at = boundaries.getOrDefault(name, 0L);
            FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (ch.size() > at) {
                ch.truncate(at);
            }
            ch.position(at);
            t = new TrackedStream(ch, at);
            open.put(name, t);
            boundaries.putIfAbsent(name, 0L);
            dirChanged |= !existed;
        }
        return t;
    }

    /** A transaction ends here: every file's current length is its boundary. */
    public void commit(long commitLsn, long endLsn) {
        markBoundaries();
        if (commitLsn != Lsn.INVALID) {
            this.commitLsn = commitLsn;
        }
        if (Long.compareUnsigned(endLsn, this.endLsn) > 0) {
            this.endLsn = endLsn;
        }
        transactions++;
    }

    /**
     * A change outside any transaction (a snapshot row, a non-transactional message) was written whole: it is a
     * boundary; {@code lsn} (its position, or {@link Lsn#INVALID}) moves the resume point when it lies beyond it.
     */
    public void complete(long lsn) {
        markBoundaries();
        if (lsn != Lsn.INVALID && Long.compareUnsigned(lsn, endLsn) > 0) {
            endLsn = lsn;
        }
    }

    private void markBoundaries() {
        for (Map.Entry<String, TrackedStream> e : open.entrySet()) {
            boundaries.put(e.getKey(), e.getValue().position());
        }
        pending = true;
    }

    /**
     * Writes what is buffered and, when due ({@code force}, or the fsync interval elapsed), fsyncs the files and
     * replaces the checkpoint. Returns true when a checkpoint was written.
     */
    public boolean sync(boolean force) throws IOException {
        for (TrackedStream t : open.values()) {
            t.drain();
        }
        if (!pending) {
            return false;
        }
        long now = System.nanoTime();
        if (!force && intervalNanos > 0 && now - lastFsync < intervalNanos) {
            return false;
        }
        boolean fsync = intervalNanos >= 0;
        if (fsync) {
            for (TrackedStream t : open.values()) {
                t.force();
            }
            if (dirChanged) {
                Checkpoint.syncDirectory(dir);
                dirChanged = false;
            }
        }
        new Checkpoint(identity, commitLsn, endLsn, transactions, new LinkedHashMap<>(boundaries)).write(sidecar, fsync);
        durableEndLsn = endLsn;
        pending = false;
        lastFsync = now;
        return true;
    }

    /** The end LSN of the last transaction the checkpoint on disk holds: what may be confirmed to the server. */
    public long durableEndLsn() {
        return durableEndLsn;
    }

    /** True when the checkpoint on disk holds every boundary marked so far. */
    public boolean allDurable() {
        return !pending;
    }

    /** Transactions in the output so far (over every run). */
    public long transactions() {
        return transactions;
    }

    /** Cuts an unfinished transaction off every file, writes and fsyncs the rest, and closes the files. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            for (Map.Entry<String, TrackedStream> e : open.entrySet()) {
                e.getValue().cutTo(boundaries.getOrDefault(e.getKey(), 0L));
            }
            sync(true);
        } catch (IOException e) {
            failure = e;
        }
        for (TrackedStream t : open.values()) {
            try {
                t.ch.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        unlock();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * What a SIGKILL leaves (tests): the files closed by the system as they are — bytes still in this process's
     * buffers lost, nothing cut off, nothing synced, the lock released.
     */
    void crash() throws IOException {
        closed = true;
        for (TrackedStream t : open.values()) {
            t.ch.close();
        }
        unlock();
    }

    /** The sidecar's path. */
    public Path sidecar() {
        return sidecar;
    }
}
