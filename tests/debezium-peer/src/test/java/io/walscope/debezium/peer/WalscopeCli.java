package io.walscope.debezium.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.walscope.testbed.TestServer;

/** Runs the product's {@code walscope} launcher, as a user runs it, against a test server. */
final class WalscopeCli {
    /** What a run printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Path launcher;
    private final TestServer server;
    private final String database;

    WalscopeCli(TestServer server, String database) {
        Path repo = Path.of(System.getProperty("walscope.repo", "../.."));
        this.launcher = repo.resolve("releng/io.walscope.product/target/products/io.walscope.product/linux/gtk/x86_64"
                + "/walscope/walscope");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("The product is missing at " + launcher.toAbsolutePath()
                    + ": build it first (./mvnw verify builds it before this module).");
        }
        this.server = server;
        this.database = database;
    }

    /** {@code walscope ARGS} with the test server's connection in the libpq variables. */
    Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGHOST", "127.0.0.1");
        pb.environment().put("PGPORT", String.valueOf(server.port()));
        pb.environment().put("PGDATABASE", database);
        pb.environment().put("PGUSER", server.cluster().superuser());
        pb.environment().put("PGPASSWORD", server.cluster().password());
        pb.environment().put("PGSSLMODE", "disable");
        Path home = Files.createDirectories(Path.of("target", "walscope-home"));
        pb.environment().put("WALSCOPE_HOME", home.toAbsolutePath().toString());
        Path out = Files.createTempFile(Path.of("target"), "walscope-peer", ".out");
        Path err = Files.createTempFile(Path.of("target"), "walscope-peer", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("walscope " + String.join(" ", args) + " did not end in 300 s");
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
