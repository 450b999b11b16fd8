package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Status;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PluginProbe;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.check.ApplyReport.Outcome;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.StandbyPair;
import io.walscope.testbed.TestServer;

/**
 * Every replication check's failing and passing case on a real primary with a streaming standby (15, 16, 17, 18; the
 * pair of each version is shared with the other test classes, and what a test changes it puts back).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationChecksTest {
    static final List<String> PAIRS = List.of("15", "16", "17", "18");

    static Stream<String> versions() {
        return PgTestBed.versions().stream().filter(PAIRS::contains);
    }


    static CheckReport check(TestServer s, String db) throws Exception {
        return new CheckRunner(s.profile(db), s.superuserSecrets())
                .run(CheckOptions.of(List.of("public"), Plugin.PGOUTPUT).withProve(false), Progress.NONE);
    }

    static Finding status(Status expected, CheckReport r, String id, String subject) {
        PrepChecksTest.status(expected, r, id, subject);
        return r.find(id, subject);
    }

    static ApplyReport apply(TestServer s, String db, Finding f) throws Exception {
        try (Connection c = s.connect(db)) {
            return FixApplier.apply(c, () -> new PgConnector().connectReplication(s.profile(db), s.superuserSecrets()),
                    List.of(f), true, Progress.NONE);
        }
    }

    static void reload(TestServer s, String... statements) {
        String[] all = java.util.Arrays.copyOf(statements, statements.length + 1);
        all[statements.length] = "SELECT pg_reload_conf()";
        s.sql("postgres", all);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void rolesAndWhereFixesRun(String major) throws Exception {
        StandbyPair pair = PgTestBed.pair(major);
        int v = Integer.parseInt(major);
        String db = pair.primary().createDatabase("roles");
        pair.primary().sql(db, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        pair.waitReplayed();
        String primaryAt = "127.0.0.1:" + pair.primary().port();

        CheckReport p = check(pair.primary(), db);
        Finding role = status(Status.OK, p, CheckId.SERVER_ROLE, "server");
        assertTrue(role.message().startsWith("This server is a primary with 1 standby: standby1 (127.0.0.1, streaming,"
                + " async, slot standby1, lag "), role.message());
        status(Status.OK, p, CheckId.MANAGED_LOGICAL, "self-managed");
        if (v < 17) {
            Finding ha = status(Status.WARN, p, CheckId.HA_FAILOVER_SLOTS, "logical slots");
            assertTrue(ha.message().contains("lost when a standby is promoted"), ha.message());
        } else {
            assertTrue(p.byId(CheckId.HA_FAILOVER_SLOTS).isEmpty(), "17+ has failover slots");
        }
        assertFalse(p.findings().stream().anyMatch(x -> x.id().startsWith("standby.")), "a primary is no standby");
        // the passing case of ha.failover_slots: a server nothing streams from
        TestServer alone = PgTestBed.server(major);
        if (v < 17) {
            status(Status.OK, check(alone, "postgres"), CheckId.HA_FAILOVER_SLOTS, "logical slots");
        }

        CheckReport s = check(pair.standby(), db);
        Finding srole = status(Status.INFO, s, CheckId.SERVER_ROLE, "server");
        assertTrue(srole.message().startsWith("This server is a standby of " + primaryAt + " (WAL receiver streaming)."),
                srole.message());
        String version = "PostgreSQL " + s.serverVersion();
        if (v < 16) {
            Finding sv = status(Status.FAIL, s, CheckId.STANDBY_VERSION, version);
            assertTrue(sv.message().endsWith("connect Walscope to the primary " + primaryAt + "."), sv.message());
            assertTrue(s.byId(CheckId.STANDBY_HOT_STANDBY_FEEDBACK).isEmpty());
        } else {
            status(Status.OK, s, CheckId.STANDBY_VERSION, version);
            status(Status.OK, s, CheckId.STANDBY_HOT_STANDBY_FEEDBACK, "hot_standby_feedback");
            status(Status.OK, s, CheckId.STANDBY_PRIMARY_SLOT, "primary_slot_name");
            if (v >= 17) {
                status(Status.OK, s, CheckId.STANDBY_SLOT_SYNC, "sync_replication_slots");
                status(Status.OK, s, CheckId.STANDBY_SLOT_SYNC, "primary_conninfo");
            }
        }
        // DDL belongs to the primary: shown as such, never applied on the standby
        Finding ri = status(Status.WARN, s, CheckId.TABLE_REPLICA_IDENTITY, "public.t");
        assertTrue(ri.fix().onPrimary());
        assertEquals(primaryAt, ri.fix().primary());
        ApplyReport ar = apply(pair.standby(), db, ri);
        assertEquals(1, ar.steps().size());
        assertEquals(Outcome.SKIPPED, ar.steps().get(0).outcome());
        assertEquals("not on this standby: run it on the primary " + primaryAt, ar.steps().get(0).message());
        // on the primary the same fix applies
        Finding onPrimary = status(Status.WARN, p, CheckId.TABLE_REPLICA_IDENTITY, "public.t");
        assertFalse(onPrimary.fix().onPrimary());
        assertTrue(apply(pair.primary(), db, onPrimary).ok());
        pair.waitReplayed();
        status(Status.OK, check(pair.standby(), db), CheckId.TABLE_REPLICA_IDENTITY, "public.t");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void standbySettingsFailAndTheirFixesWork(String major) throws Exception {
        StandbyPair pair = PgTestBed.pair(major);
        TestServer sb = pair.standby();
        int v = Integer.parseInt(major);
        String db = pair.createDatabase("standby");
        if (v < 16) {
            // nothing to set up on a standby that cannot decode: standby.version says so (above)
            assertTrue(check(sb, db).findings().stream().noneMatch(x -> x.id().equals(CheckId.STANDBY_PRIMARY_SLOT)
                    || x.id().equals(CheckId.STANDBY_HOT_STANDBY_FEEDBACK) || x.id().equals(CheckId.STANDBY_SLOT_SYNC)));
            return;
        }
        try {
            reload(sb, "ALTER SYSTEM SET hot_standby_feedback = off", "ALTER SYSTEM SET primary_slot_name = ''");
            CheckReport r = check(sb, db);
            Finding fb = status(Status.FAIL, r, CheckId.STANDBY_HOT_STANDBY_FEEDBACK, "hot_standby_feedback");
            assertTrue(apply(sb, db, fb).ok());
            Finding slot = status(Status.FAIL, r, CheckId.STANDBY_PRIMARY_SLOT, "primary_slot_name");
            assertEquals("127.0.0.1:" + pair.primary().port(), slot.fix().primary());
            assertEquals(List.of("SELECT pg_create_physical_replication_slot('standby_" + sb.port() + "')"), slot.fix().sql());
            ApplyReport ar = apply(sb, db, slot);
            assertTrue(ar.steps().stream().allMatch(x -> x.outcome() == Outcome.SKIPPED), ar.steps().toString());
            assertEquals(3, ar.steps().size(), "the primary's statement and the standby's two that follow it");
            r = check(sb, db);
            status(Status.OK, r, CheckId.STANDBY_HOT_STANDBY_FEEDBACK, "hot_standby_feedback");
            status(Status.FAIL, r, CheckId.STANDBY_PRIMARY_SLOT, "primary_slot_name");
            assertEquals("", StandbyPair.query(sb, "postgres", "SHOW primary_slot_name"), "nothing ran on the standby");
            if (v >= 17) {
                reload(sb, "ALTER SYSTEM SET sync_replication_slots = off", "ALTER SYSTEM SET primary_conninfo = '"
                        + StandbyPair.query(sb, "postgres", "SHOW primary_conninfo").replaceAll(" dbname=\\S+", "")
                                .replace("'", "''") + "'");
                r = check(sb, db);
                Finding sync = status(Status.WARN, r, CheckId.STANDBY_SLOT_SYNC, "sync_replication_slots");
                Finding conninfo = status(Status.WARN, r, CheckId.STANDBY_SLOT_SYNC, "primary_conninfo");
                assertTrue(apply(sb, db, sync).ok());
                assertTrue(apply(sb, db, conninfo).ok());
                r = check(sb, db);
                status(Status.OK, r, CheckId.STANDBY_SLOT_SYNC, "sync_replication_slots");
                status(Status.OK, r, CheckId.STANDBY_SLOT_SYNC, "primary_conninfo");
                assertTrue(StandbyPair.query(sb, "postgres", "SHOW primary_conninfo").contains("dbname=" + db));
            }
        } finally {
            reload(sb, "ALTER SYSTEM RESET hot_standby_feedback", "ALTER SYSTEM RESET primary_slot_name",
                    "ALTER SYSTEM RESET primary_conninfo", v >= 17 ? "ALTER SYSTEM RESET sync_replication_slots" : "SELECT 1");
            Await.until("the standby to stream again", Duration.ofSeconds(60), pair::streaming);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void failoverSlotsAndSynchronizedStandbySlots(String major) throws Exception {
        StandbyPair pair = PgTestBed.pair(major);
        TestServer pr = pair.primary();
        String db = pr.createDatabase("failover");
        String slot = "cdc_" + db;
        pr.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        if (Integer.parseInt(major) < 17) {
            // no failover slots before 17: ha.failover_slots warns instead (rolesAndWhereFixesRun)
            CheckReport r = check(pr, db);
            assertTrue(r.byId(CheckId.SLOT_FAILOVER).isEmpty() && r.byId(CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS).isEmpty());
            pr.sql(db, "SELECT pg_drop_replication_slot('" + slot + "')");
            return;
        }
        try {
            CheckReport r = check(pr, db);
            Finding f = status(Status.WARN, r, CheckId.SLOT_FAILOVER, slot);
            assertTrue(f.fix().replication());
            status(Status.OK, r, CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, "synchronized_standby_slots");
            ApplyReport ar = apply(pr, db, f);
            assertTrue(ar.ok(), ar.toString());
            assertEquals("ok (on a replication connection)", ar.steps().get(0).message());
            status(Status.OK, check(pr, db), CheckId.SLOT_FAILOVER, slot);
            // (that the standby then holds it synced and ready is shown by FailoverStreamTest, with a consumer)

            reload(pr, "ALTER SYSTEM SET synchronized_standby_slots = 'standby1', 'gone'");
            Finding missing = status(Status.FAIL, check(pr, db), CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS,
                    "synchronized_standby_slots");
            assertTrue(missing.message().startsWith("synchronized_standby_slots names gone, which is not a physical slot"),
                    missing.message());
            assertTrue(apply(pr, db, missing).ok());
            assertEquals("standby1", StandbyPair.query(pr, "postgres", "SHOW synchronized_standby_slots"));

            reload(pr, "ALTER SYSTEM RESET synchronized_standby_slots");
            Finding empty = status(Status.WARN, check(pr, db), CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS,
                    "synchronized_standby_slots");
            assertEquals("ALTER SYSTEM SET synchronized_standby_slots = 'standby1'", empty.fix().sql().get(0));
            assertTrue(apply(pr, db, empty).ok());
            status(Status.OK, check(pr, db), CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, "synchronized_standby_slots");
        } finally {
            reload(pr, "ALTER SYSTEM SET synchronized_standby_slots = 'standby1'");
            pr.sql(db, "SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void slotInvalidatedOnAStandbyWithoutFeedback(String major) throws Exception {
        StandbyPair pair = PgTestBed.pair(major);
        TestServer sb = pair.standby();
        String db = pair.createDatabase("conflict");
        if (Integer.parseInt(major) < 16) {
            // before 16 no slot exists on a standby, and a lost slot is slot.retained_wal's (wal_status lost)
            assertTrue(check(pair.primary(), db).byId(CheckId.SLOT_INVALIDATED).isEmpty());
            return;
        }
        String slot = "sb_" + db;
        try (AutoCloseable pump = pair.snapshots()) {
            sb.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')");
        }
        try {
            status(Status.OK, check(sb, db), CheckId.SLOT_INVALIDATED, slot);
            reload(sb, "ALTER SYSTEM SET hot_standby_feedback = off");
            Await.until("the primary to forget the standby's xmin", Duration.ofSeconds(30), () -> StandbyPair.query(
                    pair.primary(), "postgres", "SELECT xmin FROM pg_replication_slots WHERE slot_name = 'standby1'") == null);
            pair.primary().sql(db, "CREATE TABLE gone (x int)", "DROP TABLE gone", "VACUUM FULL pg_class",
                    "CREATE TABLE after_vacuum (x int)");
            pair.waitReplayed();
            Await.until("slot " + slot + " to be invalidated", Duration.ofSeconds(30), () -> "t".equals(StandbyPair.query(sb,
                    "postgres", "SELECT conflicting FROM pg_replication_slots WHERE slot_name = '" + slot + "'")));
            Finding bad = status(Status.FAIL, check(sb, db), CheckId.SLOT_INVALIDATED, slot);
            assertTrue(bad.message().contains(major.equals("16") ? "(conflicting:" : "(rows_removed:"), bad.message());
            assertTrue(bad.fix().explicitOnly());
            assertTrue(apply(sb, db, bad).ok());
            assertNull(StandbyPair.query(sb, "postgres", "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
        } finally {
            reload(sb, "ALTER SYSTEM RESET hot_standby_feedback");
            sb.sql("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "'");
        }
    }

    /**
     * First on the pair: on 17+ the slot sync worker decodes on the standby while it syncs a failover slot and writes
     * snapshots that let a new slot start at once; with none synced, creation waits for the primary as it should.
     */
    @Order(1)
    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void pluginProbeOnAStandbyNamesThePrimary(String major) throws Exception {
        StandbyPair pair = PgTestBed.pair(major);
        TestServer sb = pair.standby();
        if (Integer.parseInt(major) >= 17) {
            Await.until("no synced slot on the standby", Duration.ofSeconds(60), () -> "0".equals(StandbyPair.query(sb,
                    "postgres", "SELECT count(*) FROM pg_replication_slots WHERE synced")));
        }
        String primaryAt = "127.0.0.1:" + pair.primary().port();
        try (Connection c = sb.connect("postgres")) {
            ServerInfo info = ServerInfo.read(c);
            if (Integer.parseInt(major) < 16) {
                PluginProbe.Result r = PluginProbe.probe(c, info, Plugin.PGOUTPUT);
                assertEquals(PluginProbe.Availability.NOT_ON_STANDBY, r.availability());
                assertTrue(r.detail().endsWith("connect to the primary " + primaryAt), r.detail());
                return;
            }
            // a transaction running on the primary: no running-transactions record can let the slot start
            try (Connection busy = pair.primary().connect("postgres"); Statement st = busy.createStatement()) {
                busy.setAutoCommit(false);
                st.execute("SELECT txid_current()");
                st.execute("SELECT pg_log_standby_snapshot()");
                PluginProbe.Result r = PluginProbe.probe(c, info, Plugin.PGOUTPUT);
                assertEquals(PluginProbe.Availability.WAITS_FOR_PRIMARY, r.availability(), r.detail());
                assertTrue(r.detail().contains("run SELECT pg_log_standby_snapshot() on the primary " + primaryAt), r.detail());
                Finding f = status(Status.WARN, new CheckRunner(sb.profile("postgres"), sb.superuserSecrets()).run(
                        CheckOptions.of(List.of("public"), Plugin.PGOUTPUT), Progress.NONE), CheckId.PLUGIN_AVAILABLE,
                        "pgoutput");
                assertTrue(f.message().startsWith("Not proven on this standby: creating a slot on a standby waits"),
                        f.message());
                busy.rollback();
            }
            try (AutoCloseable pump = pair.snapshots()) {
                PluginProbe.Result r = PluginProbe.probe(c, info, Plugin.PGOUTPUT);
                assertEquals(PluginProbe.Availability.AVAILABLE, r.availability(), r.detail());
            }
        }
    }
}
