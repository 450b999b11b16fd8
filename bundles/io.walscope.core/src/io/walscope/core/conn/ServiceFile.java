package io.walscope.core.conn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;

/**
 * libpq's connection service file ({@code pg_service.conf}): {@code [name]} sections of {@code keyword=value} lines.
 * Looked up as libpq does: {@code PGSERVICEFILE}, else {@code ~/.pg_service.conf}; then
 * {@code PGSYSCONFDIR/pg_service.conf} (Debian's libpq: {@code /etc/postgresql-common}). The first file that
 * defines the service wins; in it, the first value of a keyword wins.
 * <p>
 * Written here rather than taken from pgjdbc: pgjdbc 42.7 reads a service only from {@code service=} in a
 * {@code jdbc:} URL, not {@code PGSERVICE}, and it refuses a whole service when a line uses a libpq keyword that is
 * not a pgjdbc property name ({@code connect_timeout}, {@code application_name}, {@code target_session_attrs},
 * ...), which psql users' files commonly do.
 */
public final class ServiceFile {
    /** The system-wide directory of Debian's libpq when {@code PGSYSCONFDIR} is not set. */
    public static final String DEFAULT_SYSCONFDIR = "/etc/postgresql-common";

    /** libpq's connection keywords (PostgreSQL 18); a service may use any of them. */
    static final Set<String> KEYWORDS = Set.of("host", "hostaddr", "port", "dbname", "user", "password", "passfile",
            "require_auth", "channel_binding", "connect_timeout", "client_encoding", "options", "application_name",
            "fallback_application_name", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
            "tcp_user_timeout", "sslmode", "sslnegotiation", "sslcompression", "sslcert", "sslkey", "sslkeylogfile",
            "sslpassword", "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
            "ssl_min_protocol_version", "ssl_max_protocol_version", "min_protocol_version", "max_protocol_version",
            "gssencmode", "krbsrvname", "gsslib", "gssdelegation", "replication", "target_session_attrs",
            "load_balance_hosts", "scram_client_key", "scram_server_key", "oauth_issuer", "oauth_client_id",
            "oauth_client_secret", "oauth_scope");

    private ServiceFile() {
    }

    /**
     * Applies a service's values over {@code p}: host, port, dbname, user, the SSL files and mode, application_name,
     * connect_timeout. {@code password} and {@code passfile} are read by the caller; the libpq keywords Walscope does
     * not use (keepalives, target_session_attrs, ...) are accepted and left alone.
     */
    public static ConnectionProfile apply(Map<String, String> values, ConnectionProfile p) {
        values.forEach((k, v) -> {
            switch (k) {
                case "host" -> p.setHost(v);
                case "port" -> p.setPort(PgUrl.parsePort(v));
                case "dbname" -> p.setDatabase(v);
                case "user" -> p.setUser(v);
                case "sslmode" -> p.setSslMode(SslMode.parse(v));
                case "sslrootcert" -> p.setSslRootCert(v);
                case "sslcert" -> p.setSslCert(v);
                case "sslkey" -> p.setSslKey(v);
                case "application_name" -> p.setApplicationName(v);
                case "connect_timeout" -> p.setConnectTimeout(PgUrl.parseTimeout(v, "connect_timeout"));
                default -> {
                    // see above
                }
            }
        });
        return p;
    }

    /** The files searched for a service, in order. */
    public static List<Path> candidates(Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        String file = env.get("PGSERVICEFILE");
        if (file != null && !file.isEmpty()) {
            out.add(Path.of(file));
        } else {
            out.add(home(env).resolve(".pg_service.conf"));
        }
        String sys = env.get("PGSYSCONFDIR");
        out.add(Path.of(sys != null && !sys.isEmpty() ? sys : DEFAULT_SYSCONFDIR, "pg_service.conf"));
        return out;
    }

    /** The user's home as libpq finds it: {@code HOME}, else the account's. */
    static Path home(Map<String, String> env) {
        String h = env.get("HOME");
        return Path.of(h != null && !h.isEmpty() ? h : System.getProperty("user.home"));
    }

    /**
     * The keywords and values of {@code service}.
     *
     * @throws IllegalArgumentException with one sentence when it is not defined or a file cannot be read
     */
    public static Map<String, String> lookup(String service, Map<String, String> env) {
        List<Path> files = candidates(env);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            Map<String, String> found;
            try {
                found = parse(Files.readAllLines(f, StandardCharsets.UTF_8), service, f);
            } catch (IOException e) {
                throw new IllegalArgumentException("The service file " + f + " cannot be read (" + e.getMessage()
                        + "): check its permissions.", e);
            }
            if (found != null) {
                return found;
            }
        }
        throw new IllegalArgumentException("Service \"" + service + "\" is not defined in " + files.get(0) + " or "
                + files.get(1) + " (PGSERVICEFILE and PGSYSCONFDIR name others): check the name.");
    }

    /** The service's values, or null when the lines do not define it. */
    static Map<String, String> parse(List<String> lines, String service, Path file) {
        Map<String, String> out = null;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (out != null) {
                    return out; // the next section: ours is complete
                }
                if (line.endsWith("]") && line.substring(1, line.length() - 1).equals(service)) {
                    out = new LinkedHashMap<>();
                }
                continue;
            }
            if (out == null) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Line " + n + " of the service file " + file + " is not"
                        + " keyword=value: fix the line.");
            }
            String key = line.substring(0, eq);
            if (key.equals("service")) {
                throw new IllegalArgumentException("Line " + n + " of the service file " + file + " names another"
                        + " service: nested services are not supported (as in libpq).");
            }
            if (!KEYWORDS.contains(key)) {
                throw new IllegalArgumentException("Line " + n + " of the service file " + file + ": \"" + key
                        + "\" is not a connection keyword (as libpq says: invalid connection option).");
            }
            out.putIfAbsent(key, line.substring(eq + 1));
        }
        return out;
    }
}
