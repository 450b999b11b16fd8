package io.walscope.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.walscope.core.clickhouse.ChTable;
import io.walscope.core.clickhouse.ClickHouseWriter;
import io.walscope.core.output.DurableFiles;
import io.walscope.core.output.OutputIdentity;
import io.walscope.core.pg.ServerIdentity;
import io.walscope.core.pg.catalog.ClickHouseTables;

/**
 * {@code walscope tail --format clickhouse}: {@link ClickHouseWriter} rows for Walscope's ClickHouse DDL, on stdout
 * or {@code --output FILE} (every table, each row with {@code _table}), or with {@code --output-dir DIR} one file
 * per table, {@code DIR/<schema>.<table>.jsonl}, beside its DDL {@code DIR/<schema>.<table>.sql}, written exactly
 * once like {@code --output} ({@link DurableFiles#openDir}: one checkpoint for the directory).
 */
final class ClickHouseTail {
    private ClickHouseTail() {
    }

    /** {@code --output-dir DIR}, checked against the format and {@code --output}; null when not given. */
    static String outputDir(Args a, TailFormat format, String output) throws UsageException {
        String dir = a.option("--output-dir", null);
        if (dir == null) {
            return null;
        }
        if (!format.isClickHouse()) {
            throw new UsageException("--output-dir applies to --format clickhouse only; add --format clickhouse or use"
                    + " --output FILE.");
        }
        if (output != null) {
            throw new UsageException("--output and --output-dir both name where to write: choose one.");
        }
        return dir;
    }

    /** The writer of every table's rows into {@code out}; reads the catalog over a connection of its own. */
    static TailFormat.Sink shared(Cli cli, Cli.Target target, OutputStream out) throws Exception {
        Connection catalog = cli.connect(target);
        try {
            ClickHouseWriter w = ClickHouseWriter.shared(out, new ClickHouseTables(catalog));
            return sink(w, catalog);
        } catch (Exception e) {
            closeQuietly(catalog);
            throw e;
        }
    }

    /** The exactly-once output directory. */
    static TailOutput openDir(Cli cli, Cli.Target target, String dir, Duration fsync, TailOutput.Identity identity)
            throws Exception {
        Path p = Path.of(dir);
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new UsageException(dir + " is not a directory: --output-dir takes a directory (created when missing).");
        }
        ServerIdentity server;
        try (Connection c = cli.connect(target)) {
            server = ServerIdentity.read(c);
        }
        OutputIdentity id = identity.of(server.systemIdentifier(), server.database());
        DurableFiles files = DurableFiles.openDir(p, n -> n.endsWith(".jsonl"), id, fsync);
        Connection catalog = null;
        try {
            TailOutput.report(cli, dir, id, files.recovery());
            catalog = cli.connect(target);
            Path abs = p.toAbsolutePath();
            ClickHouseWriter w = ClickHouseWriter.perTable(t -> {
                String base = fileName(t);
                Files.writeString(abs.resolve(base + ".sql"), t.ddl(), StandardCharsets.UTF_8);
                return files.stream(base + ".jsonl");
            }, new ClickHouseTables(catalog));
            return new TailOutput(null, false, sink(w, catalog), files);
        } catch (Exception e) {
            closeQuietly(catalog);
            files.close();
            throw e;
        }
    }

    /** {@code schema.table}, with {@code %} and {@code /} written as {@code %25} and {@code %2F}. */
    static String fileName(ChTable t) {
        return (t.schema() + "." + t.table()).replace("%", "%25").replace("/", "%2F");
    }

    private static TailFormat.Sink sink(ClickHouseWriter w, Connection catalog) {
        return new TailFormat.Sink(w, () -> {
            try {
                w.close();
            } finally {
                closeQuietly(catalog);
            }
        });
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // closing
        }
    }

}
