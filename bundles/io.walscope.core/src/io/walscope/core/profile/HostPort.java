package io.walscope.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One host of a connection: a name or address and a port. A profile may list several (libpq's
 * {@code host=h1,h2 port=p1,p2}, pgjdbc's {@code jdbc:postgresql://h1:p1,h2:p2/db}); the driver tries them in order.
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host);
    }

    /**
     * Reads {@code h1:p1,h2,[::1]:p3}: hosts separated by commas, each with an optional {@code :port} ({@code [v6]:port}
     * for IPv6 addresses, or a bare IPv6 address without a port); hosts without a port get {@code defaultPort}.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static List<HostPort> parseList(String text, int defaultPort) {
        List<HostPort> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("Host list '" + text + "' has an empty entry.");
            }
            out.add(parse(s, defaultPort));
        }
        return out;
    }

    /** One entry of {@link #parseList}. */
    public static HostPort parse(String s, int defaultPort) {
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("Host '" + s + "' opens a [ it does not close.");
            }
            String rest = s.substring(end + 1);
            int port = rest.isEmpty() ? defaultPort : rest.startsWith(":") ? parsePort(rest.substring(1)) : -1;
            if (port < 0) {
                throw new IllegalArgumentException("Host '" + s + "': expected :PORT after the address.");
            }
            return new HostPort(s.substring(1, end), port);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            String p = s.substring(colon + 1);
            return new HostPort(s.substring(0, colon), p.isEmpty() ? defaultPort : parsePort(p));
        }
        return new HostPort(s, defaultPort); // a name, or an IPv6 address without a port
    }

    /**
     * libpq's separate lists: {@code host=h1,h2} and {@code port=p1,p2} (one port for all hosts, or one per host).
     *
     * @throws IllegalArgumentException when the counts do not match
     */
    public static List<HostPort> zip(String hosts, String ports, int defaultPort) {
        String[] h = hosts.split(",", -1);
        String[] p = ports == null || ports.isBlank() ? new String[0] : ports.split(",", -1);
        if (p.length > 1 && p.length != h.length) {
            throw new IllegalArgumentException("Got " + h.length + " hosts but " + p.length
                    + " ports: give one port for all hosts, or one per host.");
        }
        List<HostPort> out = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            String host = h[i].strip();
            if (host.isEmpty()) {
                throw new IllegalArgumentException("Host list '" + hosts + "' has an empty entry.");
            }
            String port = p.length == 0 ? "" : p.length == 1 ? p[0] : p[i];
            out.add(new HostPort(host, port.isBlank() ? defaultPort : parsePort(port)));
        }
        return out;
    }

    /** {@code host:port}, an IPv6 address in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** A port of 1 to 65535, with a message for a person when it is not one. */
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
}
