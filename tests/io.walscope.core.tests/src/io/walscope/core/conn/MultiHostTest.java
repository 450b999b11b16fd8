package io.walscope.core.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.ProfileStore;
import io.walscope.core.profile.TargetSessionAttrs;

/** Several hosts in URLs (libpq's and pgjdbc's syntax), flags, libpq variables, profiles and pgjdbc properties. */
class MultiHostTest {
    static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }

    @Test
    void libpqUrlWithTwoHosts() {
        ConnectionProfile p = PgUrl.parse("postgresql://alice@h1:5433,h2:5434/shop?target_session_attrs=primary",
                new ConnectionProfile()).profile();
        assertEquals(List.of(new HostPort("h1", 5433), new HostPort("h2", 5434)), p.getHosts());
        assertEquals("h1", p.getHost());
        assertEquals(5433, p.getPort());
        assertTrue(p.isMultiHost());
        assertEquals(TargetSessionAttrs.PRIMARY, p.getTargetSessionAttrs());
        assertEquals("alice@h1:5433,h2:5434/shop", p.describe());
        assertEquals("jdbc:postgresql://h1:5433,h2:5434/", PgProperties.jdbcUrl(p));
        Properties props = PgProperties.of(p, null);
        assertEquals("primary", props.getProperty("targetServerType"));
        assertEquals("1", props.getProperty("hostRecheckSeconds"), "pgjdbc asks again soon after a failover");
        assertEquals("primary", PgProperties.forReplication(p, null).getProperty("targetServerType"));
    }

    @Test
    void hostsWithoutPortsIpv6AndPgjdbcSpelling() {
        ConnectionProfile p = PgUrl.parse("postgresql://[::1]:6000,db2,[fe80::2]/x?targetServerType=preferSecondary",
                new ConnectionProfile()).profile();
        assertEquals(List.of(new HostPort("::1", 6000), new HostPort("db2", 5432), new HostPort("fe80::2", 5432)),
                p.getHosts());
        assertEquals(TargetSessionAttrs.PREFER_STANDBY, p.getTargetSessionAttrs());
        assertEquals("jdbc:postgresql://[::1]:6000,db2:5432,[fe80::2]:5432/", PgProperties.jdbcUrl(p));
        assertEquals("preferSecondary", PgProperties.of(p, null).getProperty("targetServerType"));
    }

    @Test
    void hostAndPortParametersAreLists() {
        ConnectionProfile p = PgUrl.parse("postgresql:///shop?host=a,b&port=1,2&target_session_attrs=read-write",
                new ConnectionProfile()).profile();
        assertEquals(List.of(new HostPort("a", 1), new HostPort("b", 2)), p.getHosts());
        assertEquals("primary", TargetSessionAttrs.READ_WRITE.pgjdbc());
        ConnectionProfile one = PgUrl.parse("postgresql:///shop?host=a,b&port=7", new ConnectionProfile()).profile();
        assertEquals(List.of(new HostPort("a", 7), new HostPort("b", 7)), one.getHosts(), "one port for all hosts");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PgUrl.parse("postgresql:///shop?host=a,b,c&port=1,2", new ConnectionProfile()));
        assertEquals("Got 3 hosts but 2 ports: give one port for all hosts, or one per host.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PgUrl.parse("postgresql://a,b/x?target_session_attrs=leader", new ConnectionProfile()));
        assertTrue(e.getMessage().startsWith("target_session_attrs 'leader' is not one of any, primary"), e.getMessage());
    }

    @Test
    void oneHostStaysAsItWas() {
        ConnectionProfile p = PgUrl.parse("postgresql://u@db:5439/x", new ConnectionProfile()).profile();
        assertFalse(p.isMultiHost());
        assertEquals("u@db:5439/x", p.describe());
        assertNull(PgProperties.of(p, null).getProperty("targetServerType"));
        assertNull(PgProperties.of(p, null).getProperty("hostRecheckSeconds"));
        ConnectionProfile portOnly = PgUrl.parse("postgresql://:5999/x", new ConnectionProfile().setHost("base"))
                .profile();
        assertEquals(List.of(new HostPort("base", 5999)), portOnly.getHosts(), "an empty host keeps the one given");
    }

    @Test
    void flagsAndEnvironmentTakeLibpqLists() {
        ConnectionOptions o = ConnectionOptions.extract(args("--host", "h1,h2", "--port", "5433,5434",
                "--target-session-attrs", "primary", "--dbname", "d"), Map.of());
        ConnectionProfile p = o.resolve(null);
        assertEquals(List.of(new HostPort("h1", 5433), new HostPort("h2", 5434)), p.getHosts());
        assertEquals(TargetSessionAttrs.PRIMARY, p.getTargetSessionAttrs());

        ConnectionProfile env = ConnectionOptions.extract(args(), Map.of("PGHOST", "e1,e2", "PGPORT", "6001",
                "PGTARGETSESSIONATTRS", "standby", "PGUSER", "u")).resolve(null);
        assertEquals(List.of(new HostPort("e1", 6001), new HostPort("e2", 6001)), env.getHosts());
        assertEquals(TargetSessionAttrs.STANDBY, env.getTargetSessionAttrs());

        // --port alone re-ports the hosts of a URL
        ConnectionProfile u = ConnectionOptions.extract(args("postgresql://a:1,b:2/x", "--port", "9"), Map.of())
                .resolve(null);
        assertEquals(List.of(new HostPort("a", 9), new HostPort("b", 9)), u.getHosts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionOptions.extract(args("--port", "1,x"), Map.of()));
        assertEquals("Port 'x' is not a number from 1 to 65535.", e.getMessage());
    }

    @Test
    void profilesKeepEveryHost() {
        ConnectionProfile p = new ConnectionProfile().setName("ha")
                .setHosts(List.of(new HostPort("h1", 5432), new HostPort("::1", 5433)))
                .setTargetSessionAttrs(TargetSessionAttrs.PRIMARY);
        ConnectionProfile back = ProfileStore.fromJson(ProfileStore.toJson(p));
        assertEquals(p.getHosts(), back.getHosts());
        assertEquals(TargetSessionAttrs.PRIMARY, back.getTargetSessionAttrs());
        assertEquals("h1", ProfileStore.toJson(p).path("host").asText(), "older readers still find the first host");
        assertEquals(p.getHosts(), p.copy().getHosts());
        ConnectionProfile single = ProfileStore.fromJson(ProfileStore.toJson(new ConnectionProfile().setName("s")));
        assertFalse(single.isMultiHost());
        assertFalse(ProfileStore.toJson(single).has("hosts"));
        assertFalse(ProfileStore.toJson(single).has("target_session_attrs"));
    }

    @Test
    void hostListParsing() {
        assertEquals(List.of(new HostPort("a", 1), new HostPort("b", 5)), HostPort.parseList("a:1, b", 5));
        assertEquals("[::1]:5432", new HostPort("::1", 5432).toString());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseList("a,,b", 5));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseList("[::1", 5));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parseList("a:0", 5));
    }
}
