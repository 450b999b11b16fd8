package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.Status;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.check.ApplyReport.Outcome;
import io.walscope.testbed.PgTestBed;

/** Applying fixes: all-ok where the role allows, all-or-nothing, slots dropped only when inactive. */
class PrepApplyTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    /** Findings that still ask for action and that a fix could settle (slot drops are chosen explicitly). */
    static List<Finding> open(CheckReport r, String mySlot) {
        return r.findings().stream().filter(f -> f.status().needsAction())
                .filter(f -> !f.area().equals("slot") || f.subject().equals(mySlot)).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void applyReachesAllOk(String major) throws Exception {
        try (PrepFixture fx = new PrepFixture(PgTestBed.server(major))) {
            CheckReport before = fx.check(fx.options());
            List<Finding> chosen = before.fixable().stream().filter(f -> !f.fix().explicitOnly()).toList();
            ApplyReport ar;
            try (Connection c = fx.connect()) {
                ar = FixApplier.apply(c, chosen, true, Progress.NONE);
            }
            assertTrue(ar.ok(), ar.failure());
            assertTrue(ar.committed());
            assertTrue(ar.steps().stream().allMatch(s -> s.outcome() == Outcome.APPLIED), ar.steps().toString());

            CheckReport after = fx.check(fx.options());
            assertFalse(after.hasFailures(), () -> open(after, fx.slot).toString());
            for (Finding f : open(after, fx.slot)) {
                // left: what needs a person (a primary key to add, a partition layout the version cannot publish) or an explicit choice
                assertTrue(f.fix() == null || f.fix().explicitOnly(), f.toString());
            }
            assertEquals(Status.OK, after.find(CheckId.TABLE_REPLICA_IDENTITY, "shop." + PrepFixture.EVIL).status());
            assertEquals(Status.OK, after.find(CheckId.TABLE_REPLICA_IDENTITY, "Sales Dept.Order Items").status());
            if (fx.major >= 10) {
                assertEquals(Status.OK, after.find(CheckId.PUBLICATION_EXISTS, "dbz_publication").status());
                assertEquals(Status.OK, after.find(CheckId.PUBLICATION_TABLES, "shop.Order Items").status());
                assertEquals(Status.OK, after.find(CheckId.PUBLICATION_TABLES, "shop.events_2024").status());
                assertEquals(Status.OK, after.find(CheckId.TABLE_REPLICA_IDENTITY, "shop.events_2025").status());
            }
            assertTrue(fx.state().containsKey("shop.x"), "the table a name tried to drop is still there");

            // the inactive slot goes only when chosen, and its drop frees the WAL
            Finding drop = after.find(CheckId.SLOT_INACTIVE, fx.slot);
            try (Connection c = fx.connect()) {
                ApplyReport d = FixApplier.apply(c, List.of(drop), true, Progress.NONE);
                assertTrue(d.ok(), d.failure());
            }
            CheckReport clean = fx.check(fx.options());
            assertTrue(open(clean, fx.slot).stream().allMatch(f -> f.fix() == null), open(clean, fx.slot).toString());
            assertTrue(clean.slots().stream().noneMatch(s -> s.name().equals(fx.slot)));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void aFailingStatementInTheMiddleChangesNothing(String major) throws Exception {
        try (PrepFixture fx = new PrepFixture(PgTestBed.server(major))) {
            CheckReport before = fx.check(fx.options());
            List<Finding> chosen = before.fixable().stream().filter(f -> !f.fix().explicitOnly() && f.fix().transactional()).toList();
            // a table vanishes between the check and the apply: its ALTER TABLE fails mid-way
            fx.server.sql(fx.db, "DROP TABLE shop.ri_nothing");
            Map<String, String> state = fx.state();
            ApplyReport ar;
            try (Connection c = fx.connect()) {
                ar = FixApplier.apply(c, chosen, true, Progress.NONE);
                assertTrue(c.getAutoCommit(), "the connection is left as found");
            }
            assertFalse(ar.ok());
            assertFalse(ar.committed());
            assertTrue(ar.failure().contains("ALTER TABLE shop.ri_nothing REPLICA IDENTITY FULL"), ar.failure());
            assertTrue(ar.failure().contains("does not exist"), ar.failure());
            assertTrue(ar.failure().contains("rolled back"), ar.failure());
            int failed = indexOf(ar, Outcome.FAILED);
            assertTrue(failed > 0, "statements ran before the failing one");
            assertTrue(ar.steps().subList(0, failed).stream().allMatch(s -> s.outcome() == Outcome.ROLLED_BACK));
            assertTrue(ar.steps().subList(failed + 1, ar.steps().size()).stream().allMatch(s -> s.outcome() == Outcome.NOT_RUN));
            assertTrue(failed < ar.steps().size() - 1, "statements were left after the failing one");
            assertEquals(state, fx.state(), "nothing is half-applied");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void aRoleAppliesWhatItMayAndASuperuserTheRest(String major) throws Exception {
        try (PrepFixture fx = new PrepFixture(PgTestBed.server(major))) {
            CheckReport r = fx.checkAs(fx.norepl, fx.options());
            List<Finding> mine = r.fixable().stream().filter(f -> f.area().equals("role") || f.area().equals("grant")).toList();
            Map<String, String> state = fx.state();
            try (Connection c = new PgConnector().connect(fx.profile(fx.norepl), Secrets.of(PrepFixture.PASSWORD, null))) {
                ApplyReport ar = FixApplier.apply(c, mine, false, Progress.NONE);
                assertTrue(ar.ok());
                assertTrue(ar.steps().stream().allMatch(s -> s.outcome() == Outcome.SKIPPED), ar.steps().toString());
            }
            assertEquals(state, fx.state());
            // a superuser runs the same fixes (what the exported script would do)
            try (Connection c = fx.connect()) {
                assertTrue(FixApplier.apply(c, mine, true, Progress.NONE).ok());
            }
            CheckReport after = fx.checkAs(fx.norepl, fx.options());
            for (String id : List.of(CheckId.ROLE_REPLICATION, CheckId.GRANT_SCHEMA_USAGE, CheckId.GRANT_TABLE_SELECT, CheckId.HBA_REPLICATION,
                    CheckId.PLUGIN_AVAILABLE)) {
                for (Finding f : after.byId(id)) {
                    assertEquals(Status.OK, f.status(), f.toString());
                }
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void slotsListedAndOnlyInactiveOnesDropped(String major) throws Exception {
        try (PrepFixture fx = new PrepFixture(PgTestBed.server(major))) {
            String busy = "walscope_t_busy_" + fx.db;
            fx.server.sql(fx.db, "SELECT pg_create_logical_replication_slot('" + busy + "', 'test_decoding')");
            try (Connection rc = new PgConnector().connectReplication(fx.superProfile(), fx.server.superuserSecrets());
                    Connection c = fx.connect()) {
                PGReplicationStream stream = rc.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                        .withSlotName(busy).start();
                SlotInfo b = waitActive(c, busy);
                assertNotNull(b.activePid());
                SlotInfo idle = SlotOps.list(c).stream().filter(s -> s.name().equals(fx.slot)).findFirst().orElseThrow();
                assertFalse(idle.active());
                assertFalse(idle.temporary());
                assertEquals("logical", idle.slotType());
                assertEquals("test_decoding", idle.plugin());
                assertTrue(idle.retainedBytes() > 0);
                assertNotNull(idle.restartLsn());
                assertEquals(fx.major >= 13, idle.walStatus() != null, "wal_status from 13");
                assertEquals(fx.major >= 17, idle.inactiveSince() != null, "inactive_since from 17");

                WalscopeException e = assertThrows(WalscopeException.class, () -> SlotOps.dropInactive(c, busy));
                assertTrue(e.getMessage().contains("is active"), e.getMessage());
                assertThrows(WalscopeException.class, () -> SlotOps.dropInactive(c, "no_such_slot"));
                assertEquals(fx.slot, SlotOps.dropInactive(c, fx.slot).name());
                assertTrue(SlotOps.list(c).stream().noneMatch(s -> s.name().equals(fx.slot)));
                stream.close();
            } finally {
                dropWhenReleased(fx, busy);
            }
        }
    }

    private static SlotInfo waitActive(Connection c, String name) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
            SlotInfo s = SlotOps.list(c).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            if (s.active()) {
                return s;
            }
            c.createStatement().execute("SELECT pg_sleep(0.05)");
        }
        throw new AssertionError("slot " + name + " did not become active");
    }

    private static void dropWhenReleased(PrepFixture fx, String slot) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        try (Connection c = fx.connect()) {
            while (System.nanoTime() < until) {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND NOT active")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        SlotOps.dropInactive(c, slot);
                        return;
                    }
                }
                c.createStatement().execute("SELECT pg_sleep(0.05)");
            }
        }
        throw new AssertionError("slot " + slot + " stayed active");
    }

    private static int indexOf(ApplyReport r, Outcome o) {
        for (int i = 0; i < r.steps().size(); i++) {
            if (r.steps().get(i).outcome() == o) {
                return i;
            }
        }
        return -1;
    }
}
