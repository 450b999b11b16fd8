package io.walscope.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A saved (or ad-hoc) way to reach one PostgreSQL database. Holds no secret: passwords and key passwords
 * live in secure storage and are handed to the connector separately.
 */
public final class ConnectionProfile {
    /** Name of the profile of the built-in demo database. */
    public static final String DEMO_NAME = "demo";

    private String name = "";
    private String host = "localhost";
    private int port = 5432;
    private String database = "postgres";
    private List<String> schemas = new ArrayList<>(List.of("public"));
    private String user = System.getProperty("user.name", "postgres");
    private Plugin plugin = Plugin.PGOUTPUT;
    private SslMode sslMode = SslMode.PREFER;
    private String sslRootCert = "";
    private String sslCert = "";
    private String sslKey = "";
    private boolean savePassword = true;
    private boolean demo;
    // libpq's application_name and connect_timeout ("" / -1: Walscope's defaults)
    private String applicationName = "";
    private int connectTimeout = -1;
    /** Hosts after the first ({@link #host}, {@link #port}), tried in order; empty for one host. */
    private List<HostPort> moreHosts = new ArrayList<>();
    private TargetSessionAttrs targetSessionAttrs = TargetSessionAttrs.ANY;

    public ConnectionProfile() {
    }

    /** A deep copy. */
    public ConnectionProfile copy() {
        ConnectionProfile c = new ConnectionProfile();
        c.name = name;
        c.host = host;
        c.port = port;
        c.database = database;
        c.schemas = new ArrayList<>(schemas);
        c.user = user;
        c.plugin = plugin;
        c.sslMode = sslMode;
        c.sslRootCert = sslRootCert;
        c.sslCert = sslCert;
        c.sslKey = sslKey;
        c.savePassword = savePassword;
        c.demo = demo;
        c.applicationName = applicationName;
        c.connectTimeout = connectTimeout;
        c.moreHosts = new ArrayList<>(moreHosts);
        c.targetSessionAttrs = targetSessionAttrs;
        return c;
    }

    public String getName() { return name; }
    public ConnectionProfile setName(String v) { name = nz(v); return this; }
    public String getHost() { return host; }
    public ConnectionProfile setHost(String v) { host = nz(v); return this; }
    public int getPort() { return port; }
    public ConnectionProfile setPort(int v) { port = v; return this; }
    public String getDatabase() { return database; }
    public ConnectionProfile setDatabase(String v) { database = nz(v); return this; }
    public List<String> getSchemas() { return schemas; }
    public ConnectionProfile setSchemas(List<String> v) { schemas = new ArrayList<>(v == null ? List.of() : v); return this; }
    public String getUser() { return user; }
    public ConnectionProfile setUser(String v) { user = nz(v); return this; }
    public Plugin getPlugin() { return plugin; }
    public ConnectionProfile setPlugin(Plugin v) { plugin = Objects.requireNonNull(v); return this; }
    public SslMode getSslMode() { return sslMode; }
    public ConnectionProfile setSslMode(SslMode v) { sslMode = Objects.requireNonNull(v); return this; }
    public String getSslRootCert() { return sslRootCert; }
    public ConnectionProfile setSslRootCert(String v) { sslRootCert = nz(v); return this; }
    public String getSslCert() { return sslCert; }
    public ConnectionProfile setSslCert(String v) { sslCert = nz(v); return this; }
    public String getSslKey() { return sslKey; }
    public ConnectionProfile setSslKey(String v) { sslKey = nz(v); return this; }
    public boolean isSavePassword() { return savePassword; }
    public ConnectionProfile setSavePassword(boolean v) { savePassword = v; return this; }
    /** True for the profile of the built-in demo database (its host and port change at every start). */
    public boolean isDemo() { return demo; }
    public ConnectionProfile setDemo(boolean v) { demo = v; return this; }
    /** libpq's {@code application_name}; empty: {@code walscope} (the live view: {@code walscope_viewer}). */
    public String getApplicationName() { return applicationName; }
    public ConnectionProfile setApplicationName(String v) { applicationName = nz(v); return this; }
    /** libpq's {@code connect_timeout} in seconds (0: wait as long as it takes); -1: Walscope's 10 s. */
    public int getConnectTimeout() { return connectTimeout; }
    public ConnectionProfile setConnectTimeout(int v) { connectTimeout = v; return this; }

    /** Every host, the first ({@link #getHost()}, {@link #getPort()}) first. */
    public List<HostPort> getHosts() {
        List<HostPort> all = new ArrayList<>(1 + moreHosts.size());
        all.add(new HostPort(host, port));
        all.addAll(moreHosts);
        return all;
    }

    /** Sets every host: the first becomes {@link #getHost()}/{@link #getPort()}. */
    public ConnectionProfile setHosts(List<HostPort> hosts) {
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("A profile needs a host.");
        }
        host = nz(hosts.get(0).host());
        port = hosts.get(0).port();
        moreHosts = new ArrayList<>(hosts.subList(1, hosts.size()));
        return this;
    }

    /** True when the profile lists more than one host (a primary and its standbys). */
    public boolean isMultiHost() {
        return !moreHosts.isEmpty();
    }

    /** {@code h1:p1,h2:p2}: the hosts as a URL lists them. */
    public String hostList() {
        return getHosts().stream().map(HostPort::toString).collect(java.util.stream.Collectors.joining(","));
    }

    /** Which host a connection accepts (libpq's target_session_attrs; default any). */
    public TargetSessionAttrs getTargetSessionAttrs() { return targetSessionAttrs; }
    public ConnectionProfile setTargetSessionAttrs(TargetSessionAttrs v) { targetSessionAttrs = Objects.requireNonNull(v); return this; }

    /** The first schema, the one checks and views use by default. */
    public String primarySchema() {
        return schemas.isEmpty() ? "public" : schemas.get(0);
    }

    /** {@code user@host:port/database} ({@code user@h1:p1,h2:p2/database}), for lists and messages (never a secret). */
    public String describe() {
        return user + "@" + (moreHosts.isEmpty() ? host + ":" + port : hostList()) + "/" + database;
    }

    private static String nz(String v) {
        return v == null ? "" : v.trim();
    }

    @Override
    public String toString() {
        return name + " (" + describe() + ")";
    }
}
