package io.walscope.core.conn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.SslMode;
import io.walscope.core.profile.TargetSessionAttrs;

/**
 * The connection part of a headless command line, read the way PostgreSQL users expect: flags
 * ({@code --host --port --dbname --user --sslmode --sslrootcert --sslcert --sslkey --target-session-attrs}; host and
 * port take libpq's comma-separated lists), a {@code postgresql://} URL, a connection service ({@code service=} in
 * the URL or {@code PGSERVICE}, {@link ServiceFile}), the libpq environment variables, {@code --profile NAME} and
 * {@code --demo}. Flags win over the URL, the URL over a service or a profile, those over the environment.
 */
public final class ConnectionOptions {
    private String profileName;
    private boolean demo;
    private String url;
    private String keyPasswordEnv;
    private boolean verbose;
    private final ConnectionProfile flags = new ConnectionProfile();
    /** {@code --host} and {@code --port} as given: libpq takes comma-separated lists ({@code h1,h2}, {@code p1,p2}). */
    private String hostFlag;
    private String portFlag;
    private final List<String> setFlags = new ArrayList<>();
    private final Map<String, String> env;
    private Map<String, String> service;

    private ConnectionOptions(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Takes the connection options out of {@code args} and returns them; what is left in {@code args}
     * belongs to the command.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    public static ConnectionOptions extract(List<String> args, Map<String, String> env) {
        ConnectionOptions o = new ConnectionOptions(env);
        Iterator<String> it = args.iterator();
        List<String> rest = new ArrayList<>();
        while (it.hasNext()) {
            String a = it.next();
            String value = null;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--host", "-h" -> o.flag("host", o.hostFlag = need(name, value, it));
                case "--port", "-p" -> o.flag("port", o.portFlag = ports(need(name, value, it)));
                case "--target-session-attrs" -> o.flag("target_session_attrs",
                        o.flags.setTargetSessionAttrs(TargetSessionAttrs.parse(need(name, value, it))));
                case "--dbname", "-d" -> o.flag("dbname", o.flags.setDatabase(need(name, value, it)));
                case "--user", "--username", "-U" -> o.flag("user", o.flags.setUser(need(name, value, it)));
                case "--sslmode" -> o.flag("sslmode", o.flags.setSslMode(SslMode.parse(need(name, value, it))));
                case "--sslrootcert" -> o.flag("sslrootcert", o.flags.setSslRootCert(need(name, value, it)));
                case "--sslcert" -> o.flag("sslcert", o.flags.setSslCert(need(name, value, it)));
                case "--sslkey" -> o.flag("sslkey", o.flags.setSslKey(need(name, value, it)));
                case "--sslpassword-env" -> o.keyPasswordEnv = need(name, value, it);
                case "--sslpassword", "--password" -> throw new IllegalArgumentException(name
                        + " is not accepted on the command line (other users can read it in the process list): "
                        + (name.equals("--password") ? "set PGPASSWORD or save the password in a profile."
                                : "use --sslpassword-env VAR and put the key password in that variable."));
                case "--profile" -> o.profileName = need(name, value, it);
                case "--demo" -> o.demo = true;
                case "--url" -> o.url = need(name, value, it);
                case "--verbose", "-v" -> {
                    o.verbose = true;
                    rest.add(a);
                }
                default -> {
                    if (PgUrl.looksLikeUrl(a) && o.url == null) {
                        o.url = a;
                    } else {
                        rest.add(a);
                    }
                }
            }
        }
        args.clear();
        args.addAll(rest);
        return o;
    }

    private void flag(String key, Object ignored) {
        setFlags.add(key);
    }

    /** Checks every port of a comma-separated list. */
    private static String ports(String v) {
        for (String p : v.split(",", -1)) {
            PgUrl.parsePort(p);
        }
        return v;
    }

    private static String need(String name, String inline, Iterator<String> it) {
        if (inline != null) {
            return inline;
        }
        if (!it.hasNext()) {
            throw new IllegalArgumentException(name + " needs a value.");
        }
        return it.next();
    }

    public String profileName() {
        return profileName;
    }

    public boolean demo() {
        return demo;
    }

    public boolean verbose() {
        return verbose;
    }

    /** The name of the environment variable that holds the client key's password, or null. */
    public String keyPasswordEnv() {
        return keyPasswordEnv;
    }

    /** True when the command line or the environment said anything about where to connect. */
    public boolean saysWhere() {
        return demo || profileName != null || url != null || !setFlags.isEmpty() || env.containsKey("PGHOST")
                || env.containsKey("PGDATABASE") || env.containsKey("PGPORT") || env.containsKey("PGSERVICE");
    }

    /**
     * The connection service the command line names ({@code service=} in the URL, else {@code PGSERVICE} when no
     * profile is used), or null.
     */
    public String serviceName() {
        String s = url == null ? null : PgUrl.param(url, "service");
        if (s == null && profileName == null && !demo) {
            s = env.get("PGSERVICE");
        }
        return s == null || s.isEmpty() ? null : s;
    }

    private Map<String, String> service() {
        if (service == null) {
            String name = serviceName();
            service = name == null ? Map.of() : ServiceFile.lookup(name, env);
        }
        return service;
    }

    /**
     * libpq's variables for what a connection did not set: {@code PGAPPNAME} (application_name) and
     * {@code PGCONNECT_TIMEOUT}. The window applies them to its profiles too.
     */
    public static ConnectionProfile applyEnvironmentDefaults(ConnectionProfile p, Map<String, String> env) {
        String app = env.get("PGAPPNAME");
        if (p.getApplicationName().isEmpty() && app != null && !app.isEmpty()) {
            p.setApplicationName(app);
        }
        String t = env.get("PGCONNECT_TIMEOUT");
        if (p.getConnectTimeout() < 0 && t != null && !t.isEmpty()) {
            p.setConnectTimeout(PgUrl.parseTimeout(t, "PGCONNECT_TIMEOUT"));
        }
        return p;
    }

    /** The password file the URL or the service names ({@code passfile}), or null for PGPASSFILE / ~/.pgpass. */
    public String passfile() {
        String f = url == null ? null : PgUrl.param(url, "passfile");
        return f != null ? f : service().get("passfile");
    }

    /**
     * Builds the profile: starting from {@code base} (a saved profile, or the demo's, or null for
     * defaults and the libpq environment), then the URL, then the flags.
     */
    public ConnectionProfile resolve(ConnectionProfile base) {
        ConnectionProfile p = base != null ? base.copy() : fromEnvironment();
        ServiceFile.apply(service(), p);
        if (url != null) {
            p = PgUrl.parse(url, p).profile();
        }
        if (hostFlag != null || portFlag != null) {
            String names = hostFlag != null ? hostFlag
                    : p.getHosts().stream().map(HostPort::host).collect(java.util.stream.Collectors.joining(","));
            p.setHosts(HostPort.zip(names, portFlag, p.getPort()));
        }
        for (String f : setFlags) {
            switch (f) {
                case "host", "port" -> {
                    // above: the lists go together
                }
                case "target_session_attrs" -> p.setTargetSessionAttrs(flags.getTargetSessionAttrs());
                case "dbname" -> p.setDatabase(flags.getDatabase());
                case "user" -> p.setUser(flags.getUser());
                case "sslmode" -> p.setSslMode(flags.getSslMode());
                case "sslrootcert" -> p.setSslRootCert(flags.getSslRootCert());
                case "sslcert" -> p.setSslCert(flags.getSslCert());
                case "sslkey" -> p.setSslKey(flags.getSslKey());
                default -> throw new IllegalStateException(f);
            }
        }
        if (!setFlags.contains("sslmode") && base == null && env.get("PGSSLMODE") == null
                && (url == null || !url.contains("sslmode=")) && !service().containsKey("sslmode")
                && !p.getSslRootCert().isEmpty()) {
            // a CA given without a mode: the user expects verification, not libpq's silent "prefer"
            p.setSslMode(SslMode.VERIFY_FULL);
        }
        return applyEnvironmentDefaults(p, env);
    }

    /** The password the command line's URL, its service or the environment carries (PGPASSWORD), or null. */
    public String password() {
        if (url != null) {
            String p = PgUrl.parse(url, new ConnectionProfile()).password();
            if (p != null) {
                return p;
            }
        }
        String s = service().get("password");
        return s != null ? s : env.get("PGPASSWORD");
    }

    /** The key password from the variable named by {@code --sslpassword-env}, or null. */
    public String keyPassword() {
        if (keyPasswordEnv == null) {
            return null;
        }
        String v = env.get(keyPasswordEnv);
        if (v == null) {
            throw new IllegalArgumentException("--sslpassword-env names " + keyPasswordEnv
                    + ", but that environment variable is not set.");
        }
        return v;
    }

    private ConnectionProfile fromEnvironment() {
        ConnectionProfile p = new ConnectionProfile().setName("command line");
        String user = env.getOrDefault("PGUSER", System.getProperty("user.name", "postgres"));
        p.setUser(user);
        p.setHosts(HostPort.zip(env.getOrDefault("PGHOST", "localhost"), env.get("PGPORT"), 5432));
        if (env.containsKey("PGTARGETSESSIONATTRS")) {
            p.setTargetSessionAttrs(TargetSessionAttrs.parse(env.get("PGTARGETSESSIONATTRS")));
        }
        p.setDatabase(env.getOrDefault("PGDATABASE", user));
        if (env.containsKey("PGSSLMODE")) {
            p.setSslMode(SslMode.parse(env.get("PGSSLMODE")));
        }
        p.setSslRootCert(env.getOrDefault("PGSSLROOTCERT", ""));
        p.setSslCert(env.getOrDefault("PGSSLCERT", ""));
        p.setSslKey(env.getOrDefault("PGSSLKEY", ""));
        return p;
    }
}
