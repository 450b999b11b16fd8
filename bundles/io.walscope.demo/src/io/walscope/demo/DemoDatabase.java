package io.walscope.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

import io.walscope.core.Walscope;
import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.profile.SecretStore;
import io.walscope.core.profile.SslMode;
import io.walscope.demo.server.PgCluster;
import io.walscope.demo.server.PgDistribution;

/**
 * The built-in demo database: a real PostgreSQL 18 (zonky build shipped in the product) with the
 * {@code shop} schema, on loopback and a free port, password authentication with a generated password
 * kept in secure storage, and {@code wal_level=logical}. Its data stays in {@code ~/.walscope/demo}
 * (as root, {@code /var/lib/walscope/demo}, because the server runs as {@code nobody}, which cannot enter
 * root's home) and is reused between runs.
 */
public final class DemoDatabase {
    public static final String PG_VERSION = "18.7.0";
    public static final String USER = "walscope";
    public static final String DATABASE = "walscope_demo";
    public static final String SCHEMA = "shop";
    private static final String BINARIES_BUNDLE = "io.zonky.postgres.binaries.linux.amd64";
    private static final String TXZ = "postgres-linux-x86_64.txz";

    private final Path home;
    private final SecretStore secrets;
    private PgCluster cluster;
    private boolean startedHere;

    public DemoDatabase(Path home, SecretStore secrets) {
        this.home = home;
        this.secrets = secrets;
    }

    /** Where the demo keeps its server binaries and data for this user. */
    public static Path defaultHome() {
        return PgCluster.runningAsRoot() && System.getenv("WALSCOPE_HOME") == null
                && System.getProperty("walscope.home") == null ? Path.of("/var/lib/walscope")
                : Walscope.home();
    }

    public Path dataDir() {
        return home.resolve("demo");
    }

    /** The profile that reaches the demo server (its port is the running server's). */
    public ConnectionProfile profile() {
        return new ConnectionProfile().setName(ConnectionProfile.DEMO_NAME).setDemo(true).setHost("127.0.0.1")
                .setPort(cluster != null ? cluster.port() : 0).setDatabase(DATABASE).setUser(USER)
                .setSchemas(List.of(SCHEMA)).setPlugin(Plugin.PGOUTPUT).setSslMode(SslMode.DISABLE);
    }

    public Secrets secretsForConnect() throws WalscopeException {
        return new Secrets(secrets.get(ConnectionProfile.DEMO_NAME, SecretStore.Kind.PASSWORD), null);
    }

    /** True when this object started the server (and so stops it). */
    public boolean startedHere() {
        return startedHere;
    }

    /**
     * Connects to the demo server when it is running already (started by another Walscope process), without
     * starting it.
     *
     * @return true when it runs
     */
    public synchronized boolean attach() throws WalscopeException {
        try {
            PgCluster c = new PgCluster(distribution(), dataDir());
            if (!c.initialized() || !c.isRunning()) {
                return false;
            }
            int port = readPort();
            if (port <= 0) {
                return false;
            }
            cluster = new PgCluster(distribution(), dataDir());
            setPort(cluster, port);
            return true;
        } catch (IOException e) {
            throw new WalscopeException("Could not look at the demo server in " + dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the demo server (initializing it the first time), or attaches to the running one. */
    public synchronized ConnectionProfile start(java.util.function.Consumer<String> progress) throws WalscopeException {
        if (attach()) {
            return profile();
        }
        try {
            progress.accept("Preparing PostgreSQL " + PG_VERSION + " binaries");
            PgDistribution dist = distribution();
            cluster = new PgCluster(dist, dataDir());
            char[] pw = secrets.get(ConnectionProfile.DEMO_NAME, SecretStore.Kind.PASSWORD);
            String made = dataMajor();
            if (made != null && !made.equals(String.valueOf(dist.major()))) {
                // an older Walscope made it (the demo was PostgreSQL 16): a server cannot open another major's files
                progress.accept("The demo database was made by PostgreSQL " + made + ": recreating it for "
                        + dist.major() + " (the demo holds no user data)");
                deleteData();
            }
            if (!cluster.initialized() || pw == null) {
                if (cluster.initialized()) {
                    // the password is lost (secure storage removed): start over, the demo holds no user data
                    progress.accept("The demo password is no longer in secure storage: recreating the demo database");
                    deleteData();
                }
                pw = generatePassword();
                secrets.put(ConnectionProfile.DEMO_NAME, SecretStore.Kind.PASSWORD, pw);
                progress.accept("Creating the demo cluster in " + dataDir());
                cluster.superuser(USER, new String(pw)).init();
            }
            progress.accept("Starting the demo server");
            cluster.start(0);
            startedHere = true;
            progress.accept("Loading the shop schema");
            installSchema();
            return profile();
        } catch (IOException e) {
            throw new WalscopeException("The demo server could not start: " + firstLine(e.getMessage()), e);
        }
    }

    /** The major version that made the data directory ({@code PG_VERSION}), or null when there is none. */
    private String dataMajor() throws IOException {
        Path f = dataDir().resolve("PG_VERSION");
        return Files.exists(f) ? Files.readString(f).strip() : null;
    }

    /** Stops the server if this object started it. */
    public synchronized void stop() {
        if (cluster != null && startedHere) {
            try {
                cluster.stop();
            } catch (IOException e) {
                // the watchdog stops it when this JVM exits
            }
            startedHere = false;
        }
    }

    /** Opens a connection to the demo database. */
    public Connection connect() throws WalscopeException {
        return new PgConnector().connect(profile(), secretsForConnect());
    }

    private void installSchema() throws WalscopeException {
        ConnectionProfile admin = profile().setDatabase("postgres");
        try (Connection c = new PgConnector().connect(admin, secretsForConnect()); Statement st = c.createStatement()) {
            if (!st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new WalscopeException("Could not create the demo database: " + e.getMessage(), e);
        }
        try (Connection c = connect(); Statement st = c.createStatement();
                InputStream in = DemoDatabase.class.getResourceAsStream("/sql/shop.sql")) {
            if (in == null) {
                throw new WalscopeException("The demo schema script is missing from the io.walscope.demo bundle.");
            }
            st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException | IOException e) {
            throw new WalscopeException("Could not load the demo schema: " + e.getMessage(), e);
        }
    }

    private PgDistribution distribution() throws IOException {
        Path cache = home.resolve("pg");
        Path ready = cache.resolve(PG_VERSION);
        if (Files.isExecutable(ready.resolve("bin/postgres"))) {
            return PgDistribution.installed(ready, PG_VERSION);
        }
        try (InputStream in = openTxz()) {
            return PgDistribution.fromTxz(in, PG_VERSION, cache);
        }
    }

    private static InputStream openTxz() throws IOException {
        URL url = null;
        try {
            Bundle b = Platform.getBundle(BINARIES_BUNDLE);
            if (b != null) {
                url = b.getEntry(TXZ);
            }
        } catch (RuntimeException | NoClassDefFoundError notInOsgi) {
            url = null;
        }
        if (url == null) {
            url = DemoDatabase.class.getClassLoader().getResource(TXZ);
        }
        if (url == null) {
            throw new IOException("the PostgreSQL binaries bundle " + BINARIES_BUNDLE + " is not installed");
        }
        return url.openStream();
    }

    private int readPort() throws IOException {
        Path pid = dataDir().resolve("postmaster.pid");
        List<String> lines = Files.readAllLines(pid);
        return lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : -1;
    }

    private static void setPort(PgCluster c, int port) {
        c.adoptRunning(port);
    }

    private void deleteData() throws IOException {
        try (var s = Files.walk(dataDir())) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static char[] generatePassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        char[] pw = new char[24];
        for (int i = 0; i < pw.length; i++) {
            pw[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return pw;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
