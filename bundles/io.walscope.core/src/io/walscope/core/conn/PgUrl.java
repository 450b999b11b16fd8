package io.walscope.core.conn;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.util.stream.Collectors;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.SslMode;
import io.walscope.core.profile.TargetSessionAttrs;

/**
 * Reads a libpq connection URI ({@code postgresql://user:secret@host:5432/db?sslmode=verify-full}), with several hosts
 * as libpq and pgjdbc write them ({@code postgresql://h1:p1,h2:p2/db?target_session_attrs=primary}).
 */
public final class PgUrl {
    /** What a URL said: the fields it set on the profile, and the password if it carried one. */
    public record Parsed(ConnectionProfile profile, String password) {
    }

    private PgUrl() {
    }

    public static boolean looksLikeUrl(String s) {
        return s != null && (s.startsWith("postgresql://") || s.startsWith("postgres://"));
    }

    /**
     * Applies the URL to a copy of {@code base}.
     *
     * @throws IllegalArgumentException with a message for a person when the URL is malformed
     */
    public static Parsed parse(String url, ConnectionProfile base) {
        if (!looksLikeUrl(url)) {
            throw new IllegalArgumentException("Not a PostgreSQL URL: it must start with postgresql://");
        }
        ConnectionProfile p = base.copy();
        String rest = url.substring(url.indexOf("://") + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1));
                userInfo = userInfo.substring(0, colon);
            }
            if (!userInfo.isEmpty()) {
                p.setUser(decode(userInfo));
            }
        }
        if (!rest.isEmpty()) {
            // libpq and pgjdbc: several hosts, each with an optional port (h1:p1,h2,[::1]:p3)
            String baseHost = p.getHost();
            p.setHosts(HostPort.parseList(decode(rest), p.getPort()).stream()
                    .map(h -> h.host().isEmpty() ? new HostPort(baseHost, h.port()) : h).toList());
        }
        if (path != null && !path.isEmpty()) {
            p.setDatabase(decode(path));
        }
        String hostParam = null;
        String portParam = null;
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = decode(kv.substring(0, eq));
                String v = decode(kv.substring(eq + 1));
                switch (k) {
                    case "sslmode" -> p.setSslMode(SslMode.parse(v));
                    case "sslrootcert" -> p.setSslRootCert(v);
                    case "sslcert" -> p.setSslCert(v);
                    case "sslkey" -> p.setSslKey(v);
                    case "user" -> p.setUser(v);
                    case "password" -> password = v;
                    case "dbname" -> p.setDatabase(v);
                    case "host" -> hostParam = v;
                    case "port" -> portParam = v;
                    case "target_session_attrs", "targetServerType" -> p.setTargetSessionAttrs(TargetSessionAttrs.parse(v));
                    case "application_name" -> p.setApplicationName(v);
                    case "connect_timeout" -> p.setConnectTimeout(parseTimeout(v, "connect_timeout"));
                    case "currentSchema", "options" -> {
                        List<String> schemas = new ArrayList<>();
                        String s = v.startsWith("-c search_path=") ? v.substring(15) : v;
                        for (String part : s.split(",")) {
                            if (!part.isBlank()) {
                                schemas.add(part.trim());
                            }
                        }
                        if (!schemas.isEmpty()) {
                            p.setSchemas(schemas);
                        }
                    }
                    default -> {
                        // libpq knows many more parameters; Walscope does not need them
                    }
                }
            }
        }
        if (hostParam != null) {
            p.setHosts(HostPort.zip(hostParam, portParam, p.getPort()));
        } else if (portParam != null) {
            List<HostPort> hosts = p.getHosts();
            p.setHosts(HostPort.zip(hosts.stream().map(HostPort::host).collect(Collectors.joining(",")), portParam,
                    p.getPort()));
        }
        return new Parsed(p, password);
    }

    /**
     * As {@link #parse(String, ConnectionProfile)}, after the connection service the URL names with
     * {@code service=} ({@link ServiceFile}, found through {@code env}): the URL's own values win over the service's.
     */
    public static Parsed parse(String url, ConnectionProfile base, Map<String, String> env) {
        String service = param(url, "service");
        if (service == null || service.isEmpty()) {
            return parse(url, base);
        }
        Map<String, String> values = ServiceFile.lookup(service, env);
        Parsed p = parse(url, ServiceFile.apply(values, base.copy()));
        return p.password() != null ? p : new Parsed(p.profile(), values.get("password"));
    }

    /** The value of query parameter {@code key} ({@code service}, {@code passfile}), or null. */
    public static String param(String url, String key) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String kv : url.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && decode(kv.substring(0, eq)).equals(key)) {
                return decode(kv.substring(eq + 1));
            }
        }
        return null;
    }

    /** Parses libpq's {@code connect_timeout} (whole seconds, 0 or more). */
    public static int parseTimeout(String s, String name) {
        try {
            int t = Integer.parseInt(s.trim());
            if (t < 0) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + s + "' is not a whole number of seconds (0 waits as"
                    + " long as it takes).");
        }
    }

    /** Parses a port number, with a message for a person when it is not one. */
    public static int parsePort(String s) {
        return HostPort.parsePort(s);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
