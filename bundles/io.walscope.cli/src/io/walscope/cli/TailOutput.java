package io.walscope.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import io.walscope.core.WalscopeException;
import io.walscope.core.output.DurableFiles;
import io.walscope.core.output.ExactlyOnceListener;
import io.walscope.core.output.OutputIdentity;
import io.walscope.core.pg.ServerIdentity;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Lsn;

/**
 * Where {@code walscope tail} writes: stdout ({@code --output -} or none), a device or pipe (written as it comes),
 * or a regular file, which is appended to exactly once ({@link DurableFiles}: whole transactions only, resumed
 * after its last complete transaction, LSNs confirmed only after fsync, a file of another writer refused).
 */
final class TailOutput implements AutoCloseable {
    private final OutputStream raw;
    private final boolean ownsRaw;
    private final TailFormat.Sink writer;
    private final DurableFiles files;
    private final ChangeListener listener;
    private boolean closed;

    TailOutput(OutputStream raw, boolean ownsRaw, TailFormat.Sink writer, DurableFiles files) {
        this.raw = raw;
        this.ownsRaw = ownsRaw;
        this.writer = writer;
        this.files = files;
        this.listener = files == null ? writer.listener() : new ExactlyOnceListener(writer.listener(), files);
    }

    /** Who writes, asked only when the output is a file that needs it. */
    interface Identity {
        OutputIdentity of(String systemIdentifier, String database);
    }

    /**
     * Opens the output named by {@code --output} (null or "-": stdout). For a regular file, connects once to learn
     * the server's identity, then checks and recovers the file; one line on stderr says what it continues.
     */
    static TailOutput open(Cli cli, Cli.Target target, String output, TailFormat fmt, Duration fsync,
            Identity identity) throws Exception {
        if (output == null || output.equals("-")) {
            OutputStream out = new BufferedOutputStream(cli.out(), 1 << 20);
            return new TailOutput(out, false, fmt.open(cli, target, out), null);
        }
        Path p = Path.of(output);
        if (Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p)) {
            // /dev/null, a pipe, a terminal: nothing to resume, nothing to fsync
            OutputStream out = new BufferedOutputStream(open(output), 1 << 20);
            return new TailOutput(out, true, fmt.open(cli, target, out), null);
        }
        ServerIdentity server;
        try (Connection c = cli.connect(target)) {
            server = ServerIdentity.read(c);
        }
        OutputIdentity id = identity.of(server.systemIdentifier(), server.database());
        DurableFiles files = DurableFiles.openFile(p, id, fsync);
        try {
            report(cli, output, id, files.recovery());
            return new TailOutput(null, false, fmt.open(cli, target, files.stream()), files);
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    static void report(Cli cli, String output, OutputIdentity id, DurableFiles.Recovery r) {
        if (!r.resumed()) {
            return;
        }
        StringBuilder b = new StringBuilder("walscope tail: ");
        if (id.temporary() || "poll".equals(id.source())) {
            b.append("appending to ").append(output).append("; ").append(id.temporary()
                    ? "a temporary slot keeps nothing between runs, so changes made while no tail ran are not in it"
                            + " (use --slot NAME for a file without gaps)"
                    : "polling starts from now, so rows changed while no tail ran are not in it");
        } else {
            b.append("continuing ").append(output).append(" after its last complete transaction (")
                    .append(r.found().endLsn() == Lsn.INVALID ? "none yet" : "end " + Lsn.format(r.found().endLsn()))
                    .append(", ").append(r.found().transactions()).append(" transactions in the file)");
        }
        if (r.droppedBytes() > 0) {
            b.append("; cut off ").append(r.droppedBytes()).append(" bytes after it (an unfinished transaction or a"
                    + " torn line")
                    .append(id.temporary() || "poll".equals(id.source()) ? ")" : ", which the slot sends again)");
        }
        cli.err().println(b);
        cli.err().flush();
    }

    /** The LSN a named slot's stream resumes after (the file's last complete transaction), or 0. */
    long resumeLsn() {
        return files == null || !files.recovery().resumed() ? 0 : files.recovery().endLsn();
    }

    ChangeListener listener() {
        return listener;
    }

    /** Ends the output: the writer's last bytes, an unfinished transaction cut off, fsync, the file closed. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = null;
        try {
            writer.close();
        } catch (Exception e) {
            failure = e;
        }
        try {
            if (files != null) {
                files.close();
            } else if (ownsRaw) {
                raw.close();
            } else {
                raw.flush();
            }
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw new WalscopeException("Writing the output failed: " + failure.getMessage(), failure);
        }
    }

    static OutputStream open(String file) throws WalscopeException {
        try {
            return new FileOutputStream(file, true);
        } catch (IOException e) {
            throw new WalscopeException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code --fsync-interval SECONDS}: null option = fsync at every confirmation (Duration.ZERO); {@code 0} = never
     * fsync (null, as pg_recvlogical's 0); else at most that often.
     */
    static Duration fsyncInterval(String v) throws UsageException {
        if (v == null) {
            return Duration.ZERO;
        }
        BigDecimal s;
        try {
            s = new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--fsync-interval takes a number of seconds, such as 10 or 0.5; '" + v
                    + "' is not one.");
        }
        if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(86400)) > 0) {
            throw new UsageException("--fsync-interval takes 0 to 86400 seconds; '" + v + "' is out of range.");
        }
        return s.signum() == 0 ? null : Duration.ofNanos(s.movePointRight(9).longValue());
    }
}
