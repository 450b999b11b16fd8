package io.walscope.core.conn;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;

/** Reads a libpq connection URI ({@code postgresql://user:secret@host:5432/db?sslmode=verify-full}). */
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
            String host = rest;
            String port = null;
            if (rest.startsWith("[")) {
                int end = rest.indexOf(']');
                host = rest.substring(1, end);
                if (end + 1 < rest.length() && rest.charAt(end + 1) == ':') {
                    port = rest.substring(end + 2);
                }
            } else if (rest.indexOf(':') >= 0) {
                host = rest.substring(0, rest.indexOf(':'));
                port = rest.substring(rest.indexOf(':') + 1);
            }
            if (!host.isEmpty()) {
                p.setHost(decode(host));
            }
            if (port != null && !port.isEmpty()) {
                p.setPort(parsePort(port));
            }
        }
        if (path != null && !path.isEmpty()) {
            p.setDatabase(decode(path));
        }
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
                    case "host" -> p.setHost(v);
                    case "port" -> p.setPort(parsePort(v));
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
        return new Parsed(p, password);
    }

    /** Parses a port number, with a message for a person when it is not one. */
    public static int parsePort(String s) {
        try {
            int port = Integer.parseInt(s.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port '" + s + "' is not a number from 1 to 65535.");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
