package io.walscope.demo.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL cluster (data directory) of a {@link PgDistribution}, listening on loopback only.
 * <p>
 * PostgreSQL refuses to run as root; when this JVM is root, the server runs as the unprivileged user
 * {@code nobody} through {@code runuser}, and the data directory belongs to that user. A watchdog process
 * stops the server when this JVM dies without stopping it, so no stray {@code postgres} survives a crash;
 * a stale {@code postmaster.pid} left by anything else is cleared on the next start.
 */
public final class PgCluster {
    private static final String RUN_AS = "nobody";

    private final PgDistribution dist;
    private final Path dataDir;
    private String superuser = "walscope";
    private String password;
    private final List<String> conf = new ArrayList<>();
    private final List<String> hba = new ArrayList<>();
    private int port;
    private Process watchdog;

    public PgCluster(PgDistribution dist, Path dataDir) {
        this.dist = dist;
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** The superuser created by {@link #init()}; default {@code walscope}. */
    public PgCluster superuser(String name, String pw) {
        this.superuser = name;
        this.password = pw;
        return this;
    }

    /** Lines appended to postgresql.conf at init (e.g. {@code ssl = on}). */
    public PgCluster conf(String... lines) {
        conf.addAll(List.of(lines));
        return this;
    }

    /** pg_hba.conf lines placed before the default password lines (first match wins). */
    public PgCluster hba(String... lines) {
        hba.addAll(List.of(lines));
        return this;
    }

    public PgDistribution distribution() {
        return dist;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String superuser() {
        return superuser;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** True when this JVM runs as root and the server therefore runs as {@code nobody}. */
    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public boolean initialized() {
        return Files.exists(dataDir.resolve("PG_VERSION"));
    }

    /** The authentication method of the default pg_hba lines: scram-sha-256 where the server has it. */
    public String authMethod() {
        return dist.major() >= 10 ? "scram-sha-256" : "md5";
    }

    /** Creates the cluster: initdb, the superuser with its password, loopback-only settings, logical WAL. */
    public void init() throws IOException {
        if (password == null) {
            throw new IllegalStateException("superuser password not set");
        }
        Files.createDirectories(dataDir.getParent());
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        Path pwfile = dataDir.getParent().resolve(dataDir.getFileName() + ".pw");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        chownToServerUser(dataDir);
        chownToServerUser(pwfile);
        try {
            List<String> cmd = new ArrayList<>(List.of(dist.bin("initdb").toString(), "-D", dataDir.toString(),
                    "-U", superuser, "--pwfile=" + pwfile, "-A", authMethod(), "-E", "UTF8", "--no-locale"));
            if (dist.major() >= 10) {
                cmd.add("--no-sync");
            } else {
                cmd.add("--nosync");
            }
            run(cmd, 120);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        String m = authMethod();
        List<String> hbaLines = new ArrayList<>();
        hbaLines.add("# written by Walscope: loopback only");
        hbaLines.addAll(hba);
        hbaLines.add("local all all " + m);
        hbaLines.add("host all all 127.0.0.1/32 " + m);
        hbaLines.add("host all all ::1/128 " + m);
        hbaLines.add("local replication all " + m);
        hbaLines.add("host replication all 127.0.0.1/32 " + m);
        hbaLines.add("host replication all ::1/128 " + m);
        writeAsServerUser(dataDir.resolve("pg_hba.conf"), String.join("\n", hbaLines) + "\n");
        List<String> settings = new ArrayList<>(List.of("", "# written by Walscope",
                "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "wal_level = logical",
                "max_replication_slots = 20", "max_wal_senders = 20", "max_connections = 60",
                "shared_buffers = 64MB", "log_min_messages = warning", "log_line_prefix = '%m [%p] '"));
        if (dist.major() >= 10) {
            settings.add("password_encryption = 'scram-sha-256'");
        }
        settings.addAll(conf);
        String existing = Files.readString(dataDir.resolve("postgresql.conf"));
        writeAsServerUser(dataDir.resolve("postgresql.conf"), existing + String.join("\n", settings) + "\n");
    }

    /**
     * A streaming standby of this cluster, made the way the zonky builds allow (they have no pg_basebackup): a cold copy
     * of this cluster's data directory, which must be stopped, into {@code standbyDir}, with an empty
     * {@code pg_replslot}, {@code standby.signal} (12+; {@code recovery.conf} before) and {@code primary_conninfo} to
     * this cluster's port, {@code primary_slot_name} = {@code slot} (a physical slot made before the copy) and
     * {@code settings} appended to postgresql.conf. The copy shares the superuser and password; it is not started.
     *
     * @param dbname the database named in primary_conninfo (the slot sync worker of 17+ needs one)
     */
    public PgCluster standbyCopy(Path standbyDir, String slot, String dbname, List<String> settings) throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("stop the primary before copying its data directory");
        }
        PgCluster s = new PgCluster(dist, standbyDir);
        s.superuser = superuser;
        s.password = password;
        Files.createDirectories(s.dataDir);
        Files.setPosixFilePermissions(s.dataDir, PosixFilePermissions.fromString("rwx------"));
        chownToServerUser(s.dataDir);
        run(List.of("cp", "-a", dataDir + "/.", s.dataDir.toString()), 120);
        try (var files = Files.list(s.dataDir.resolve("pg_replslot"))) {
            for (Path slotDir : files.toList()) {
                try (var inner = Files.walk(slotDir)) {
                    for (Path f : inner.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        Files.deleteIfExists(s.dataDir.resolve("postmaster.pid"));
        Files.deleteIfExists(s.dataDir.resolve("walscope-server.log"));
        // the password in a passfile (mode 0600, the server user's), so that primary_conninfo itself holds no secret
        Path passfile = s.writeDataFile("walscope.pgpass", ("127.0.0.1:" + port + ":*:" + superuser + ":"
                + password.replace("\\", "\\\\").replace(":", "\\:") + "\n").getBytes(StandardCharsets.UTF_8));
        String conninfo = "host=127.0.0.1 port=" + port + " user=" + superuser + " passfile=" + passfile
                + " dbname=" + dbname + " application_name=" + slot;
        List<String> lines = new ArrayList<>(List.of("", "# standby of port " + port + ", written by Walscope",
                "primary_conninfo = '" + conninfo.replace("'", "''") + "'", "primary_slot_name = '" + slot + "'"));
        if (dist.major() >= 12) {
            s.writeAsServerUser(s.dataDir.resolve("standby.signal"), "");
        } else {
            s.writeAsServerUser(s.dataDir.resolve("recovery.conf"), "standby_mode = 'on'\n" + String.join("\n", lines) + "\n");
            lines.clear();
        }
        lines.addAll(settings);
        String conf = Files.readString(s.dataDir.resolve("postgresql.conf"));
        s.writeAsServerUser(s.dataDir.resolve("postgresql.conf"), conf + String.join("\n", lines) + "\n");
        return s;
    }

    /** Takes over a server that another process started on this data directory (it is not stopped by us). */
    public synchronized void adoptRunning(int runningPort) {
        this.port = runningPort;
    }

    /** Rewrites pg_hba.conf (then {@link #reload()}). */
    public void writeHba(List<String> lines) throws IOException {
        writeAsServerUser(dataDir.resolve("pg_hba.conf"), String.join("\n", lines) + "\n");
    }

    /** Writes a file into the data directory, owned by the server user with mode 0600 (e.g. SSL keys). */
    public Path writeDataFile(String name, byte[] content) throws IOException {
        Path f = dataDir.resolve(name);
        Files.write(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        chownToServerUser(f);
        return f;
    }

    /** Starts the server on a free loopback port (or {@code port} when not 0) and waits until it accepts connections. */
    public synchronized void start(int wanted) throws IOException {
        clearStalePid();
        this.port = wanted != 0 ? wanted : freePort();
        Path log = dataDir.resolve("walscope-server.log");
        run(List.of(dist.bin("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log.toString(), "-w", "-t", "90",
                "-o", "-p " + port, "start"), 120);
        startWatchdog();
    }

    /** Stops the server (fast shutdown) and waits for it to exit. Does nothing when it is not running. */
    public synchronized void stop() throws IOException {
        if (watchdog != null) {
            watchdog.destroy();
            watchdog = null;
        }
        if (isRunning()) {
            run(List.of(dist.bin("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
        }
    }

    /** Reloads the configuration (pg_hba.conf, postgresql.conf). */
    public void reload() throws IOException {
        run(List.of(dist.bin("pg_ctl").toString(), "-D", dataDir.toString(), "reload"), 30);
    }

    /** Restarts on the same port. */
    public synchronized void restart() throws IOException {
        int p = port;
        stop();
        start(p);
    }

    /**
     * {@code pg_ctl restart -m mode} on the same port: {@code fast}, {@code smart}, or {@code immediate} (a crash:
     * the server recovers from its WAL).
     */
    public synchronized void restart(String mode) throws IOException {
        run(List.of(dist.bin("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                dataDir.resolve("walscope-server.log").toString(), "-m", mode, "-w", "-t", "90", "restart"), 120);
    }

    /** True when a postmaster runs on this data directory. */
    public boolean isRunning() throws IOException {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return false;
        }
        return runStatus(List.of(dist.bin("pg_ctl").toString(), "-D", dataDir.toString(), "status")) == 0;
    }

    /** The tail of the server log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dataDir.resolve("walscope-server.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void clearStalePid() throws IOException {
        Path pid = dataDir.resolve("postmaster.pid");
        if (Files.exists(pid)) {
            if (isRunning()) {
                // a server left over by a crash whose watchdog did not run: stop it, it may use an old port
                run(List.of(dist.bin("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), 90);
            } else {
                Files.deleteIfExists(pid);
            }
        }
    }

    private void startWatchdog() throws IOException {
        long me = ProcessHandle.current().pid();
        String script = "while [ -d /proc/" + me + " ]; do sleep 1; done; exec '" + dist.bin("pg_ctl")
                + "' -D '" + dataDir + "' -m fast stop";
        // in a session of its own (setsid): a signal to the JVM's whole process group (timeout, a closed terminal, a
        // session manager's SIGTERM) would otherwise end the watchdog together with the JVM and leave the server running
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(asServerUser(List.of("/bin/sh", "-c", script)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        watchdog = pb.start();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<String> asServerUser(List<String> cmd) {
        if (!runningAsRoot()) {
            return cmd;
        }
        List<String> c = new ArrayList<>(List.of("runuser", "-u", RUN_AS, "--"));
        c.addAll(cmd);
        return c;
    }

    private void writeAsServerUser(Path f, String content) throws IOException {
        Files.writeString(f, content, StandardCharsets.UTF_8);
        chownToServerUser(f);
    }

    /** Gives a path to the server user when this JVM is root (the server cannot read root's files). */
    public static void chownToServerUser(Path p) throws IOException {
        if (runningAsRoot()) {
            UserPrincipal u = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
            Files.setOwner(p, u);
        }
    }

    private int runStatus(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(asServerUser(cmd)).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        try {
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void run(List<String> cmd, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(asServerUser(cmd)).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        pb.directory(dataDir.getParent().toFile());
        Path out = Files.createTempFile("walscope-pgcmd", ".log");
        pb.redirectOutput(out.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                String tool = Path.of(cmd.get(runningAsRoot() ? 4 : 0)).getFileName().toString();
                throw new IOException(tool + " failed (exit " + p.exitValue() + "): " + Files.readString(out).strip()
                        + (tool.equals("pg_ctl") ? "\n" + logTail(15) : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
