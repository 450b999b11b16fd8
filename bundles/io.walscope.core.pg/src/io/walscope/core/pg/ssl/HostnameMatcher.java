package io.walscope.core.pg.ssl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * libpq's rule for verify-full: the host must match a subjectAltName (DNS names, with a wildcard only as the
 * whole left-most label; IP addresses exactly); the common name counts only when the certificate has no
 * DNS subjectAltName.
 */
final class HostnameMatcher {
    private HostnameMatcher() {
    }

    static boolean matches(String host, List<String> dnsNames, List<String> ipAddresses, String commonName) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (isIpLiteral(h)) {
            byte[] want = ip(h);
            for (String ip : ipAddresses) {
                byte[] have = ip(ip);
                if (want != null && have != null && java.util.Arrays.equals(want, have)) {
                    return true;
                }
            }
            return false;
        }
        for (String d : dnsNames) {
            if (nameMatches(h, d)) {
                return true;
            }
        }
        return dnsNames.isEmpty() && commonName != null && nameMatches(h, commonName);
    }

    static boolean nameMatches(String host, String pattern) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return h.equals(p);
    }

    static boolean isIpLiteral(String h) {
        return h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (h.contains(":") && h.matches("[0-9a-f:.%]+"));
    }

    private static byte[] ip(String literal) {
        if (!isIpLiteral(literal)) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
