package io.walscope.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands' fast start, from the unpacked linux x86_64 archive as a user runs it: the short commands run on a
 * plain class path (no OSGi framework) and print what the OSGi runtime prints; a command that needs secure storage
 * (here: the demo database, whose password is kept there) hands over to the OSGi runtime before it has done or
 * printed anything. Which runtime ran is seen from the outside: the product is marked read-only (as installed
 * packages are), so only the OSGi runtime writes its configuration area into the Walscope home. The server is a real
 * PostgreSQL 15 (Debian's, which releng/test installs) on a free loopback port.
 */
class PlainStartTest {
    static Path dir;
    static Path product;
    static Path home;
    static Path pgData;
    static int port;
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @BeforeAll
    static void unpackAndStartServer() throws Exception {
        Path archive = ProductArchivesTest.PRODUCTS.resolve("walscope-linux.gtk.x86_64.tar.gz");
        assertTrue(Files.isRegularFile(archive), archive + " was not built");
        dir = Files.createTempDirectory("walscope-plain-start");
        // the demo server runs as nobody when the tests run as root: it must reach its data under the home
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        run(List.of("tar", "xzf", archive.toString(), "-C", dir.toString()), Map.of(), 120);
        product = dir.resolve("walscope");
        Files.createFile(product.resolve(".read-only"));
        home = Files.createDirectories(dir.resolve("home"));
        pgData = dir.resolve("pg");
        Files.createDirectories(pgData);
        if (ROOT) {
            run(List.of("chown", "-R", "nobody", pgData.toString(), home.toString()), Map.of(), 30);
        }
        Path bin = Path.of("/usr/lib/postgresql/15/bin");
        assertTrue(Files.isExecutable(bin.resolve("initdb")), "Debian's postgresql-15 is missing: apt-get install postgresql-15");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result init = asServerUser(List.of(bin.resolve("initdb").toString(), "-D", pgData.resolve("data").toString(),
                "-U", "walscope", "-A", "trust"));
        assertEquals(0, init.code, init.err);
        Result start = asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", pgData.resolve("data").toString(),
                "-l", pgData.resolve("log").toString(), "-w", "-o", "-p " + port + " -k " + pgData
                        + " -c listen_addresses=127.0.0.1 -c wal_level=logical", "start"));
        assertEquals(0, start.code, start.err + start.out);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (pgData != null && Files.exists(pgData.resolve("data/postmaster.pid"))) {
            asServerUser(List.of("/usr/lib/postgresql/15/bin/pg_ctl", "-D", pgData.resolve("data").toString(), "-m",
                    "immediate", "stop"));
        }
        if (dir != null) {
            run(List.of("rm", "-rf", dir.toString()), Map.of(), 60);
        }
    }

    @Test
    void versionOnThePlainClassPathPrintsWhatOsgiPrints() throws Exception {
        forgetOsgiArea();
        Result plain = walscope(Map.of(), "version");
        assertEquals(0, plain.code, plain.err);
        assertFalse(osgiRan(), "version started the OSGi runtime");
        Result osgi = walscope(Map.of("WALSCOPE_OSGI", "1"), "version");
        assertEquals(0, osgi.code, osgi.err);
        assertTrue(osgiRan(), "WALSCOPE_OSGI=1 did not start the OSGi runtime");
        assertEquals(osgi.out, plain.out);
        assertTrue(plain.out.matches("(?s)Walscope .*\nJava .*\nSWT      3\\.\\d+.*\npgjdbc   .*"), plain.out);
    }

    @Test
    void checkOnThePlainClassPathFindsWhatOsgiFinds() throws Exception {
        String url = "postgresql://walscope@127.0.0.1:" + port + "/postgres";
        forgetOsgiArea();
        Result plain = walscope(Map.of(), "check", url, "--json");
        assertEquals(1, plain.code, plain.err + plain.out); // wal_level is logical, but the rest is not prepared
        assertFalse(osgiRan(), "check started the OSGi runtime");
        Result osgi = walscope(Map.of("WALSCOPE_OSGI", "1"), "check", url, "--json");
        assertEquals(1, osgi.code, osgi.err);
        assertEquals(findings(osgi.out), findings(plain.out));
        assertTrue(plain.out.contains("\"server.wal_level\""), plain.out);

        Result refused = walscope(Map.of(), "check", "postgresql://walscope@127.0.0.1:1/postgres");
        assertEquals(2, refused.code, refused.err);
        assertFalse(refused.err.contains("Exception"), refused.err);
        assertTrue(refused.err.startsWith("walscope check: "), refused.err);
    }

    @Test
    void aCommandThatNeedsSecureStorageRunsInOsgiOnce() throws Exception {
        forgetOsgiArea();
        Result demo = walscope(Map.of(), "check", "--demo", "--json");
        assertTrue(demo.code == 0 || demo.code == 1, demo.err + demo.out);
        assertTrue(osgiRan(), "check --demo did not hand over to the OSGi runtime");
        assertTrue(demo.out.strip().startsWith("{") && demo.out.contains("\"findings\""), demo.out);
        // nothing printed twice: the plain start printed nothing before it handed over
        assertEquals(1, count(demo.err, "Starting the demo server"), demo.err);
        assertEquals(1, count(demo.out, "\"findings\""), demo.out);
    }

    @Test
    void theWindowsFirstStartMakesAClassArchiveForTheJavaInUse() throws Exception {
        String display = System.getenv("DISPLAY");
        assertTrue(display != null && !display.isEmpty(), "no DISPLAY: run the tests under Xvfb, as releng/test does");
        Path cds = home.resolve("cds");
        Process window = new ProcessBuilder(walscopeCommand(Map.of("DISPLAY", display))).redirectErrorStream(true).redirectOutput(dir.resolve("window.log").toFile())
                .start();
        try {
            Path[] found = new Path[1];
            // the script starts the archive's dump in the background before it starts the window: wait for the
            // archive, whatever the window does meanwhile (the window itself is tested by the UI and package tests)
            until(120, () -> {
                if (Files.isDirectory(cds)) {
                    try (var files = Files.list(cds)) {
                        found[0] = files.filter(f -> f.getFileName().toString().matches("window-.*\\.jsa")).findFirst()
                                .orElse(null);
                    }
                }
                return found[0] != null;
            });
            Path jsa = found[0];
            assertTrue(jsa != null, "no class archive in " + cds + " (the window " + (window.isAlive() ? "runs" : "ended with "
                    + window.exitValue()) + "); its log:\n" + Files.readString(dir.resolve("window.log")));
            // the archive maps on the Java the script used (-Xshare:on fails when it cannot)
            Result on = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:on",
                    "-XX:SharedArchiveFile=" + jsa, "-version"), Map.of(), 60);
            assertEquals(0, on.code, on.err);
        } finally {
            run(List.of("pkill", "-f", "jna.tmpdir=" + home), Map.of(), 30);
            window.destroy();
            window.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledProcessGroupLeavesNoDemoServerRunning() throws Exception {
        // `walscope demo-server` in a process group of its own; then SIGKILL to the whole group, as a crash of the
        // terminal's session or `timeout -s KILL` does: no shutdown hook runs, only the watchdog can stop the server
        Path log = dir.resolve("demo-server.log");
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(walscopeCommand(Map.of(), "demo-server"));
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String dataDir = home.resolve("demo").toString();
        try {
            until(120, () -> Files.readString(log).contains("Demo server running") || !server.isAlive());
            assertTrue(Files.readString(log).contains("Demo server running"), Files.readString(log));
            assertEquals(0, run(List.of("pgrep", "-f", "postgres -D " + dataDir), Map.of(), 30).code, "no demo postgres");
            run(List.of("kill", "-KILL", "--", "-" + server.pid()), Map.of(), 30);
            server.waitFor(30, TimeUnit.SECONDS);
            // the watchdog looks for the JVM once a second
            boolean gone = until(30, () -> run(List.of("pgrep", "-f", "postgres -D " + dataDir), Map.of(), 30).code != 0);
            assertTrue(gone, "the demo's postgres outlived the killed process group");
        } finally {
            server.destroyForcibly();
            // never leave a server behind, whatever failed above
            asServerUser(List.of("sh", "-c", "for d in " + home + "/pg/*/bin; do \"$d/pg_ctl\" -D " + dataDir
                    + " -m immediate stop; done > /dev/null 2>&1; true"));
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** (id, status, subject) of each finding, in order. */
    private static List<String> findings(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"status\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"subject\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        assertTrue(out.size() > 5, json);
        return out;
    }

    private static boolean osgiRan() {
        return Files.exists(home.resolve("cli-configuration"));
    }

    private static void forgetOsgiArea() throws Exception {
        run(List.of("rm", "-rf", home.resolve("cli-configuration").toString()), Map.of(), 30);
    }

    record Result(int code, String out, String err) {
    }

    private static Result walscope(Map<String, String> env, String... args) throws Exception {
        return run(walscopeCommand(env, args), Map.of(), 180);
    }

    /** The product's start script with {@code args}, as the test's user with a clean environment plus {@code env}. */
    private static List<String> walscopeCommand(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "-i", "HOME=" + home, "WALSCOPE_HOME=" + home,
                "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "JAVA_HOME=" + System.getProperty("java.home")));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add(product.resolve("walscope").toString());
        cmd.addAll(List.of(args));
        return asUser(cmd);
    }

    /** {@code command} as nobody when the tests run as root (PostgreSQL refuses root), else as it is. */
    private static List<String> asUser(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (ROOT) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(command);
        return cmd;
    }

    private static Result asServerUser(List<String> command) throws Exception {
        return run(asUser(command), Map.of(), 120);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Waits up to {@code seconds} for what another process does (a file it writes, a process it ends): there is no
     * event in this JVM to wait on, so it looks every 200 ms. Returns whether the condition came true.
     */
    private static boolean until(int seconds, Condition c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.holds()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static Result run(List<String> cmd, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("walscope-out", ".txt");
        Path err = Files.createTempFile("walscope-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not end within " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
