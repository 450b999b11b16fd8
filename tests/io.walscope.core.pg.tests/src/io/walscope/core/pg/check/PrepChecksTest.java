package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Status;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;

/** Each check's ok and failing case, against a real server of every version of the test bed. */
class PrepChecksTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    static Finding f(CheckReport r, String id, String subject) {
        Finding f = r.find(id, subject);
        assertNotNull(f, id + " about " + subject + " missing; got " + r.byId(id));
        return f;
    }

    static void status(Status expected, CheckReport r, String id, String subject) {
        Finding x = f(r, id, subject);
        assertEquals(expected, x.status(), id + " " + subject + ": " + x.message());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void superuserOnTheFixture(String major) throws Exception {
        try (PrepFixture fx = new PrepFixture(PgTestBed.server(major))) {
            CheckReport r = fx.check(fx.options().withWalWarnBytes(1024));
            String v = "PostgreSQL " + r.serverVersion();
            status(fx.major >= 10 && fx.major < 13 ? Status.WARN : Status.OK, r, CheckId.SERVER_VERSION, v);
            status(Status.OK, r, CheckId.SERVER_WAL_LEVEL, "wal_level");
            status(Status.OK, r, CheckId.SERVER_MAX_REPLICATION_SLOTS, "max_replication_slots");
            status(Status.OK, r, CheckId.SERVER_MAX_WAL_SENDERS, "max_wal_senders");
            status(Status.OK, r, CheckId.ROLE_REPLICATION, "walscope_test");
            status(Status.OK, r, CheckId.GRANT_SCHEMA_USAGE, "shop");
            status(Status.OK, r, CheckId.GRANT_SCHEMA_USAGE, "Sales Dept");
            status(Status.OK, r, CheckId.GRANT_TABLE_SELECT, "shop.Order Items");

            status(Status.OK, r, CheckId.TABLE_PRIMARY_KEY, "shop.with_pk");
            status(Status.WARN, r, CheckId.TABLE_PRIMARY_KEY, "shop.no_pk");
            status(Status.INFO, r, CheckId.TABLE_PRIMARY_KEY, "shop.ri_index");
            status(Status.OK, r, CheckId.TABLE_REPLICA_IDENTITY, "shop.ri_full");
            status(Status.FAIL, r, CheckId.TABLE_REPLICA_IDENTITY, "shop.ri_nothing");
            status(Status.FAIL, r, CheckId.TABLE_REPLICA_IDENTITY, "shop.no_pk");
            status(Status.WARN, r, CheckId.TABLE_REPLICA_IDENTITY, "shop.with_pk");
            status(Status.WARN, r, CheckId.TABLE_REPLICA_IDENTITY, "shop.ri_index");
            assertEquals(List.of("ALTER TABLE shop.\"a\"\"b; drop table x; --\" REPLICA IDENTITY FULL"),
                    f(r, CheckId.TABLE_REPLICA_IDENTITY, "shop." + PrepFixture.EVIL).fix().sql());
            assertEquals(List.of("ALTER TABLE \"Sales Dept\".\"Order Items\" REPLICA IDENTITY FULL"),
                    f(r, CheckId.TABLE_REPLICA_IDENTITY, "Sales Dept.Order Items").fix().sql());
            status(Status.INFO, r, CheckId.TABLE_TOAST, "shop.with_pk");
            status(Status.OK, r, CheckId.TABLE_TOAST, "shop.ri_full");
            status(Status.OK, r, CheckId.TABLE_TOAST, "shop.no_pk");

            if (fx.major >= 10) {
                Finding part = f(r, CheckId.TABLE_REPLICA_IDENTITY, "shop.events_2024");
                assertEquals(Status.FAIL, part.status(), "partitions each count");
                assertTrue(part.message().contains("partition of shop.events"), part.message());
                assertNull(r.find(CheckId.TABLE_REPLICA_IDENTITY, "shop.events"), "the root has no rows of its own");
                status(fx.major >= 13 ? Status.OK : Status.WARN, r, CheckId.TABLE_PARTITIONED, "shop.events");
                assertTrue(f(r, CheckId.TABLE_PARTITIONED, "shop.events").message().contains("2 partitions"));

                Finding pub = f(r, CheckId.PUBLICATION_EXISTS, "dbz_publication");
                assertEquals(Status.FAIL, pub.status());
                String create = pub.fix().sql().get(0);
                assertTrue(create.startsWith("CREATE PUBLICATION dbz_publication FOR TABLE "), create);
                assertTrue(create.contains("shop.\"Order Items\"") && create.contains("\"Sales Dept\".\"Order Items\""), create);
                assertEquals(fx.major < 13, create.contains("shop.events_2024"), create);
                if (fx.major >= 13) {
                    assertEquals("CREATE PUBLICATION dbz_publication_root FOR TABLE shop.events WITH (publish_via_partition_root = true)",
                            f(r, CheckId.PUBLICATION_EXISTS, "dbz_publication_root").fix().sql().get(0));
                } else {
                    assertNull(r.find(CheckId.PUBLICATION_EXISTS, "dbz_publication_root"));
                }
                status(Status.FAIL, r, CheckId.PUBLICATION_TABLES, "shop.with_pk");
                status(Status.OK, r, CheckId.ROLE_CREATE_PUBLICATION, "walscope_test");
                status(Status.OK, r, CheckId.PLUGIN_AVAILABLE, "pgoutput");
            } else {
                assertTrue(r.byId(CheckId.PUBLICATION_EXISTS).isEmpty(), "no publications before 10");
                status(Status.OK, r, CheckId.PLUGIN_AVAILABLE, "test_decoding");
            }
            status(Status.OK, r, CheckId.HBA_REPLICATION, "walscope_test");

            Finding idle = f(r, CheckId.SLOT_INACTIVE, fx.slot);
            assertEquals(Status.WARN, idle.status());
            assertTrue(idle.fix().explicitOnly());
            assertEquals(List.of("SELECT pg_drop_replication_slot('" + fx.slot + "')"), idle.fix().sql());
            status(Status.WARN, r, CheckId.SLOT_RETAINED_WAL, fx.slot);
            assertTrue(r.slots().stream().filter(s -> s.name().equals(fx.slot)).findFirst().orElseThrow().retainedBytes() > 1024);
            // the default threshold (1 GiB) is far away
            status(Status.OK, fx.check(fx.options().withProve(false)), CheckId.SLOT_RETAINED_WAL, fx.slot);
            assertTrue(r.hasFailures());
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void pluginsAndMissingSchema(String major) throws Exception {
        try (PrepFixture fx = new PrepFixture(PgTestBed.server(major))) {
            boolean debian = major.equals(PgTestBed.PLUGINS_VERSION);
            CheckReport wal2json = fx.check(CheckOptions.of(List.of("shop", "nope"), Plugin.WAL2JSON));
            status(debian ? Status.OK : Status.FAIL, wal2json, CheckId.PLUGIN_AVAILABLE, "wal2json");
            status(Status.FAIL, wal2json, CheckId.TABLE_PRIMARY_KEY, "shop.no_pk");
            status(Status.OK, wal2json, CheckId.TABLE_PRIMARY_KEY, "shop.with_pk");
            status(Status.FAIL, wal2json, CheckId.GRANT_SCHEMA_USAGE, "nope");
            assertTrue(wal2json.byId(CheckId.PUBLICATION_EXISTS).isEmpty(), "wal2json reads no publication");
            if (fx.major >= 10) {
                status(Status.WARN, wal2json, CheckId.TABLE_PARTITIONED, "shop.events");
            }
            CheckReport pgoutput = fx.check(CheckOptions.of(List.of("shop"), Plugin.PGOUTPUT));
            if (fx.major < 10) {
                status(Status.FAIL, pgoutput, CheckId.SERVER_VERSION, "PostgreSQL " + pgoutput.serverVersion());
                status(Status.FAIL, pgoutput, CheckId.PLUGIN_AVAILABLE, "pgoutput");
            }
            // the probes leave no slot behind
            assertEquals(List.of(fx.slot), pgoutput.slots().stream().map(s -> s.name()).filter(n -> n.startsWith("walscope")).toList());
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void rolesWithoutReplicationAndGrants(String major) throws Exception {
        try (PrepFixture fx = new PrepFixture(PgTestBed.server(major))) {
            CheckReport r = fx.checkAs(fx.norepl, fx.options());
            Finding repl = f(r, CheckId.ROLE_REPLICATION, fx.norepl);
            assertEquals(Status.FAIL, repl.status());
            assertEquals(List.of("ALTER ROLE " + fx.norepl + " WITH REPLICATION"), repl.fix().sql());
            assertTrue(repl.fix().needsSuperuser());
            Finding usage = f(r, CheckId.GRANT_SCHEMA_USAGE, "Sales Dept");
            assertEquals(Status.FAIL, usage.status());
            assertEquals("GRANT USAGE ON SCHEMA \"Sales Dept\" TO " + fx.norepl, usage.fix().sql().get(0));
            Finding select = f(r, CheckId.GRANT_TABLE_SELECT, "shop." + PrepFixture.EVIL);
            assertEquals(Status.FAIL, select.status());
            assertEquals("GRANT SELECT ON TABLE shop.\"a\"\"b; drop table x; --\" TO " + fx.norepl, select.fix().sql().get(0));
            status(Status.WARN, r, CheckId.HBA_REPLICATION, fx.norepl);
            status(Status.WARN, r, CheckId.PLUGIN_AVAILABLE, fx.plugin().id());
            if (fx.major >= 10) {
                Finding cp = f(r, CheckId.ROLE_CREATE_PUBLICATION, fx.norepl);
                assertEquals(Status.FAIL, cp.status());
                assertTrue(cp.message().contains("does not own"), cp.message());
            }

            Finding grouped = f(fx.checkAs(fx.grouped, fx.options()), CheckId.ROLE_REPLICATION, fx.grouped);
            assertEquals(Status.FAIL, grouped.status(), "REPLICATION is not inherited");
            assertTrue(grouped.message().contains("only through membership of " + fx.group), grouped.message());
            status(Status.OK, fx.checkAs(fx.grouped, fx.options()), CheckId.GRANT_TABLE_SELECT, "shop.Order Items");
        }
    }
}
