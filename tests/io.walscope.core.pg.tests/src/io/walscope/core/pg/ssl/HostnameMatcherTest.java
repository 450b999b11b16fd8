package io.walscope.core.pg.ssl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** libpq's verify-full name rules. */
class HostnameMatcherTest {
    @Test
    void dnsNames() {
        assertTrue(HostnameMatcher.matches("db.example.com", List.of("db.example.com"), List.of(), null));
        assertTrue(HostnameMatcher.matches("DB.Example.com", List.of("db.example.COM"), List.of(), null));
        assertTrue(HostnameMatcher.matches("db.example.com.", List.of("db.example.com"), List.of(), null));
        assertFalse(HostnameMatcher.matches("db2.example.com", List.of("db.example.com"), List.of(), null));
    }

    @Test
    void wildcardCoversOneLabel() {
        List<String> w = List.of("*.example.com");
        assertTrue(HostnameMatcher.matches("db.example.com", w, List.of(), null));
        assertFalse(HostnameMatcher.matches("a.b.example.com", w, List.of(), null));
        assertFalse(HostnameMatcher.matches("example.com", w, List.of(), null));
    }

    @Test
    void ipAddressesOnlyMatchIpEntries() {
        assertTrue(HostnameMatcher.matches("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"), null));
        assertFalse(HostnameMatcher.matches("127.0.0.1", List.of("127.0.0.1"), List.of(), null));
        assertTrue(HostnameMatcher.matches("::1", List.of(), List.of("0:0:0:0:0:0:0:1"), null));
        assertTrue(HostnameMatcher.matches("[::1]", List.of(), List.of("0:0:0:0:0:0:0:1"), null));
    }

    @Test
    void commonNameOnlyWithoutDnsNames() {
        assertTrue(HostnameMatcher.matches("db.example.com", List.of(), List.of(), "db.example.com"));
        assertFalse(HostnameMatcher.matches("db.example.com", List.of("other.example.com"), List.of(), "db.example.com"));
    }
}
