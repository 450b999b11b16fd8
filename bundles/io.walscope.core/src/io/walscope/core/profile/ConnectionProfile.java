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

    /** The first schema, the one checks and views use by default. */
    public String primarySchema() {
        return schemas.isEmpty() ? "public" : schemas.get(0);
    }

    /** {@code user@host:port/database}, for lists and messages (never contains a secret). */
    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    private static String nz(String v) {
        return v == null ? "" : v.trim();
    }

    @Override
    public String toString() {
        return name + " (" + describe() + ")";
    }
}
