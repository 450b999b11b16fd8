package io.walscope.testbed;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real ClickHouse (26.7) for tests and benchmarks: chDB, ClickHouse as an in-process library, from npm
 * ({@code chdb@3.4.0} + {@code @chdb/lib-linux-x64-gnu@26.7.3-stable.1}, installed by {@code releng/test} into
 * {@code tests/clickhouse-engine/node_modules}), driven through {@code tests/clickhouse-engine/chdb-serve.js} in a
 * Node.js child process: one query at a time, answers as text. A missing engine is a failure naming the install
 * command, never a skip.
 */
public final class ClickHouseEngine implements AutoCloseable {
    /** How to install the engine. */
    public static final String INSTALL_LINE = "(cd tests/clickhouse-engine && npm install)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final Path dataDir;

    private ClickHouseEngine(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The directory with chdb-serve.js and node_modules: {@code walscope.chdb} or {@code ../clickhouse-engine}. */
    public static Path home() {
        String p = System.getProperty("walscope.chdb", System.getenv("WALSCOPE_CHDB"));
        if (p != null) {
            return Path.of(p).toAbsolutePath();
        }
        for (Path c : List.of(Path.of("../clickhouse-engine"), Path.of("tests/clickhouse-engine"),
                Path.of("../../tests/clickhouse-engine"))) {
            if (Files.isRegularFile(c.resolve("chdb-serve.js"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        return Path.of("../clickhouse-engine").toAbsolutePath().normalize();
    }

    /** Starts an engine with a fresh data directory. */
    public static ClickHouseEngine start() throws IOException {
        Path home = home();
        if (!Files.isDirectory(home.resolve("node_modules/chdb"))
                || !Files.isDirectory(home.resolve("node_modules/@chdb/lib-linux-x64-gnu"))) {
            throw new IllegalStateException("chDB (the ClickHouse engine of the tests) is not installed in " + home
                    + ": run " + INSTALL_LINE + " from the repository root (releng/test does it).");
        }
        Path data = Files.createTempDirectory("walscope-chdb");
        ProcessBuilder pb = new ProcessBuilder("node", home.resolve("chdb-serve.js").toString(), data.toString())
                .directory(home.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Node.js runs chDB, the ClickHouse engine of the tests, and it cannot be"
                    + " started (" + e.getMessage() + "): install it (apt-get install -y nodejs npm), then run "
                    + INSTALL_LINE + ".", e);
        }
        ClickHouseEngine e = new ClickHouseEngine(p, data);
        e.query("SELECT 1"); // fails here when the library cannot load
        return e;
    }

    /** Runs one statement; returns its output in {@code JSONEachRow}. */
    public String query(String sql) throws IOException {
        return call(sql, null, "JSONEachRow");
    }

    /** Runs {@code INSERT ... FORMAT JSONEachRow} with the rows of {@code file} appended. */
    public void insertFile(String insertSql, Path file) throws IOException {
        call(insertSql, file, "JSONEachRow");
    }

    /** The rows of a SELECT, each as a JSON object. */
    public List<JsonNode> rows(String sql) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : query(sql).split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private synchronized String call(String sql, Path file, String format) throws IOException {
        ObjectNode req = JSON.createObjectNode().put("sql", sql).put("format", format);
        if (file != null) {
            req.put("file", file.toAbsolutePath().toString());
        }
        in.write(JSON.writeValueAsString(req));
        in.write('\n');
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("chDB ended (exit " + waitExit() + ") while running: " + abbreviate(sql));
        }
        JsonNode a = JSON.readTree(line);
        if (!a.path("ok").asBoolean()) {
            throw new ClickHouseException(a.path("error").asText(), sql);
        }
        return a.path("out").asText();
    }

    private int waitExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String abbreviate(String sql) {
        return sql.length() > 300 ? sql.substring(0, 300) + "..." : sql;
    }

    /** ClickHouse refused a statement. */
    public static final class ClickHouseException extends IOException {
        private static final long serialVersionUID = 1L;

        ClickHouseException(String error, String sql) {
            super(error.strip() + " (running: " + abbreviate(sql) + ")");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        waitExit();
        try (var s = Files.walk(dataDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
