package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The judgement of replication facts, without a database (the real servers are in the core.pg tests). */
class ReplicationRulesTest {
    static ReplicationFacts standby(int v, boolean feedback, String slot, Boolean sync, String conninfo) {
        return new ReplicationFacts(v, true, 5433, "10.0.0.5", 5432, "streaming", slot, feedback, slot, conninfo, sync,
                "", "");
    }

    static ReplicationFacts primary(int v, String synchronizedSlots, String preload) {
        return new ReplicationFacts(v, false, 5432, null, null, null, null, false, "", "", v >= 170000 ? false : null,
                synchronizedSlots, preload);
    }

    static final StandbyInfo S1 = new StandbyInfo("s1", "10.0.0.6", "streaming", "async", "standby_5433", 0L, null);

    static SlotHa logical(String name, boolean failover, String invalid) {
        return new SlotHa(name, "logical", "shop", false, false, failover, false, invalid);
    }

    static Finding one(List<Finding> fs, String id, String subject) {
        return RulesTest.one(fs, id, subject);
    }

    @Test
    void standbyBelow16FailsAndNamesThePrimary() {
        List<Finding> fs = StandbyRules.judge(standby(150020, true, "s", null, null), List.of(), "15.20", "shop");
        assertEquals(Status.INFO, one(fs, CheckId.SERVER_ROLE, "server").status());
        assertTrue(one(fs, CheckId.SERVER_ROLE, "server").message().contains("standby of 10.0.0.5:5432 (WAL receiver streaming)"));
        Finding v = one(fs, CheckId.STANDBY_VERSION, "PostgreSQL 15.20");
        assertEquals(Status.FAIL, v.status());
        assertTrue(v.message().endsWith("connect Walscope to the primary 10.0.0.5:5432."), v.message());
        assertEquals(2, fs.size(), "nothing else to judge on a standby that cannot decode");
    }

    @Test
    void standby16NeedsFeedbackAndAPhysicalSlot() {
        List<Finding> fs = StandbyRules.judge(standby(160016, false, "", null, null), List.of(), "16.16", "shop");
        assertEquals(Status.OK, one(fs, CheckId.STANDBY_VERSION, "PostgreSQL 16.16").status());
        Finding fb = one(fs, CheckId.STANDBY_HOT_STANDBY_FEEDBACK, "hot_standby_feedback");
        assertEquals(Status.FAIL, fb.status());
        assertEquals(List.of("ALTER SYSTEM SET hot_standby_feedback = on", "SELECT pg_reload_conf()"), fb.fix().sql());
        assertFalse(fb.fix().onPrimary(), "a standby's own setting");
        Finding slot = one(fs, CheckId.STANDBY_PRIMARY_SLOT, "primary_slot_name");
        assertEquals(Status.FAIL, slot.status());
        assertTrue(slot.fix().onPrimary());
        assertEquals("10.0.0.5:5432", slot.fix().primary());
        assertEquals(List.of("SELECT pg_create_physical_replication_slot('standby_5433')"), slot.fix().sql());
        assertEquals(List.of("ALTER SYSTEM SET primary_slot_name = 'standby_5433'", "SELECT pg_reload_conf()"),
                slot.fix().then());
        assertTrue(slot.fix().script().startsWith("-- on the primary 10.0.0.5:5432 (not on this standby):\n"),
                slot.fix().script());
        assertTrue(fs.stream().noneMatch(f -> f.id().equals(CheckId.STANDBY_SLOT_SYNC)), "slot sync is 17+");

        List<Finding> good = StandbyRules.judge(standby(160016, true, "standby_5433", null, null), List.of(), "16.16", "shop");
        assertEquals(Status.OK, one(good, CheckId.STANDBY_HOT_STANDBY_FEEDBACK, "hot_standby_feedback").status());
        assertEquals(Status.OK, one(good, CheckId.STANDBY_PRIMARY_SLOT, "primary_slot_name").status());
    }

    @Test
    void standby17NeedsSlotSyncAndADbname() {
        List<Finding> fs = StandbyRules.judge(standby(170012, true, "s", false, "host=10.0.0.5 user=rep"), List.of(),
                "17.12", "my db");
        Finding sync = one(fs, CheckId.STANDBY_SLOT_SYNC, "sync_replication_slots");
        assertEquals(Status.WARN, sync.status());
        assertEquals("ALTER SYSTEM SET sync_replication_slots = on", sync.fix().sql().get(0));
        Finding db = one(fs, CheckId.STANDBY_SLOT_SYNC, "primary_conninfo");
        assertEquals(Status.WARN, db.status());
        assertEquals("ALTER SYSTEM SET primary_conninfo = 'host=10.0.0.5 user=rep dbname=''my db'''",
                db.fix().sql().get(0));
        Finding secret = one(StandbyRules.judge(standby(170012, true, "s", true, "host=h password=secret"), List.of(),
                "17.12", "shop"), CheckId.STANDBY_SLOT_SYNC, "primary_conninfo");
        assertNull(secret.fix(), "never print a password in a fix");
        assertFalse(secret.message().contains("secret"));
        List<Finding> ok = StandbyRules.judge(standby(170012, true, "s", true, "host=h dbname=shop"), List.of(), "17.12",
                "shop");
        assertEquals(Status.OK, one(ok, CheckId.STANDBY_SLOT_SYNC, "sync_replication_slots").status());
        assertEquals(Status.OK, one(ok, CheckId.STANDBY_SLOT_SYNC, "primary_conninfo").status());
        assertEquals(Status.OK, one(StandbyRules.judge(standby(170012, true, "s", true, "postgresql://h/shop"), List.of(),
                "17.12", "shop"), CheckId.STANDBY_SLOT_SYNC, "primary_conninfo").status());
    }

    @Test
    void primaryRoleListsItsStandbys() {
        List<Finding> fs = StandbyRules.judge(primary(170012, "", ""), List.of(S1), "17.12", "shop");
        assertEquals(1, fs.size());
        assertEquals(Status.OK, fs.get(0).status());
        assertEquals("This server is a primary with 1 standby: s1 (10.0.0.6, streaming, async, slot standby_5433, lag 0 B)."
                + " To follow a failover, tail a failover slot (--slot NAME --create-slot --failover) with every host listed"
                + " (postgresql://primary,standby/db?target_session_attrs=primary).", fs.get(0).message());
        assertEquals("This server is a primary with 1 standby: s1 (10.0.0.6, streaming, async, slot standby_5433, lag 0 B).",
                StandbyRules.judge(primary(160016, null, ""), List.of(S1), "16.16", "shop").get(0).message(),
                "before 17 ha.failover_slots says what a failover costs");
    }

    @Test
    void onAStandbyDatabaseFixesMoveToThePrimary() {
        Finding ri = new Finding(CheckId.TABLE_REPLICA_IDENTITY, Status.WARN, "shop.t", "m.",
                Fix.of(false, "ALTER TABLE shop.t REPLICA IDENTITY FULL"));
        Finding wal = new Finding(CheckId.SERVER_WAL_LEVEL, Status.FAIL, "wal_level", "m.",
                Fixes.alterSystem("wal_level", "logical", true));
        List<Finding> moved = StandbyRules.relocate(List.of(ri, wal), standby(160016, true, "s", null, null));
        assertTrue(moved.get(0).fix().onPrimary());
        assertTrue(moved.get(0).message().endsWith("This server is a standby: run the fix on the primary 10.0.0.5:5432."));
        assertFalse(moved.get(1).fix().onPrimary(), "ALTER SYSTEM changes the standby's own settings");
        assertEquals(List.of(ri, wal), StandbyRules.relocate(List.of(ri, wal), primary(160016, null, "")));
        String script = Scripts.fixScript("t", moved);
        assertTrue(script.contains("-- This server is a standby: these run on its primary, not here.\n\n"
                + "-- table.replica_identity shop.t\n-- on the primary 10.0.0.5:5432 (not on this standby):\n"
                + "ALTER TABLE shop.t REPLICA IDENTITY FULL;\n"), script);
        assertFalse(script.contains("BEGIN;"), script);
    }

    @Test
    void failoverSlotsOn17() {
        List<Finding> fs = FailoverRules.judge(primary(170012, "", ""), List.of(S1),
                List.of(logical("cdc", false, null), logical("fs", true, null)), "17.12");
        Finding notFailover = one(fs, CheckId.SLOT_FAILOVER, "cdc");
        assertEquals(Status.WARN, notFailover.status());
        assertTrue(notFailover.fix().replication());
        assertEquals(List.of("ALTER_REPLICATION_SLOT cdc (FAILOVER true)"), notFailover.fix().sql());
        assertEquals(Status.OK, one(fs, CheckId.SLOT_FAILOVER, "fs").status());
        Finding sss = one(fs, CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, "synchronized_standby_slots");
        assertEquals(Status.WARN, sss.status());
        assertEquals("ALTER SYSTEM SET synchronized_standby_slots = 'standby_5433'", sss.fix().sql().get(0));
        // no standby: nothing to fail over to, slot.failover says nothing
        assertTrue(FailoverRules.judge(primary(170012, "", ""), List.of(), List.of(logical("cdc", false, null)), "17.12")
                .stream().noneMatch(f -> f.id().equals(CheckId.SLOT_FAILOVER)));
    }

    @Test
    void syncedSlotsOnA17StandbyAreReadyOrNot() {
        SlotHa ready = new SlotHa("a", "logical", "shop", false, false, true, true, null);
        SlotHa notYet = new SlotHa("b", "logical", "shop", true, false, true, true, null);
        List<Finding> fs = FailoverRules.judge(standby(170012, true, "s", true, "dbname=x"), List.of(),
                List.of(ready, notYet), "17.12");
        assertEquals(Status.OK, one(fs, CheckId.SLOT_FAILOVER, "a").status());
        Finding b = one(fs, CheckId.SLOT_FAILOVER, "b");
        assertEquals(Status.WARN, b.status());
        assertTrue(b.message().contains("not ready for a failover yet (temporary)"), b.message());
    }

    @Test
    void synchronizedStandbySlotsNamingAMissingSlotFails() {
        SlotHa phys = new SlotHa("standby_5433", "physical", null, false, true, false, false, null);
        List<Finding> fs = FailoverRules.judge(primary(180007, "standby_5433, gone", ""), List.of(),
                List.of(phys, logical("fs", true, null)), "18.7");
        Finding f = one(fs, CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, "synchronized_standby_slots");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().startsWith("synchronized_standby_slots names gone, which is not a physical slot"), f.message());
        assertEquals("ALTER SYSTEM SET synchronized_standby_slots = 'standby_5433'", f.fix().sql().get(0));
        Finding reset = one(FailoverRules.judge(primary(170012, "gone", ""), List.of(), List.of(), "17.12"),
                CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS, "synchronized_standby_slots");
        assertEquals(List.of("ALTER SYSTEM RESET synchronized_standby_slots", "SELECT pg_reload_conf()"), reset.fix().sql());
        assertEquals(Status.OK, one(FailoverRules.judge(primary(170012, "standby_5433", ""), List.of(),
                List.of(phys, logical("fs", true, null)), "17.12"), CheckId.SERVER_SYNCHRONIZED_STANDBY_SLOTS,
                "synchronized_standby_slots").status());
    }

    @Test
    void invalidatedSlots() {
        List<Finding> fs = FailoverRules.judge(primary(160016, null, ""), List.of(),
                List.of(logical("bad", false, "conflicting"), logical("good", false, null)), "16.16");
        Finding bad = one(fs, CheckId.SLOT_INVALIDATED, "bad");
        assertEquals(Status.FAIL, bad.status());
        assertTrue(bad.message().contains("--snapshot"), bad.message());
        assertTrue(bad.fix().explicitOnly());
        assertEquals(Status.OK, one(fs, CheckId.SLOT_INVALIDATED, "good").status());
        SlotHa synced = new SlotHa("s", "logical", "shop", false, false, true, true, "rows_removed");
        assertNull(FailoverRules.invalidated(synced, true).fix(), "a synced slot cannot be dropped on the standby");
        assertTrue(FailoverRules.judge(primary(150020, null, ""), List.of(), List.of(logical("x", false, null)), "15.20")
                .stream().noneMatch(f -> f.id().equals(CheckId.SLOT_INVALIDATED)), "before 16: slot.retained_wal says lost");
    }

    @Test
    void haFailoverSlotsBefore17() {
        Finding warn = one(FailoverRules.judge(primary(160016, null, ""), List.of(S1), List.of(), "16.16"),
                CheckId.HA_FAILOVER_SLOTS, "logical slots");
        assertEquals(Status.WARN, warn.status());
        assertTrue(warn.message().contains("pg_failover_slots"), warn.message());
        assertEquals(Status.OK, one(FailoverRules.judge(primary(160016, null, "pg_failover_slots"), List.of(S1), List.of(),
                "16.16"), CheckId.HA_FAILOVER_SLOTS, "logical slots").status());
        assertEquals(Status.OK, one(FailoverRules.judge(primary(160016, null, ""), List.of(), List.of(), "16.16"),
                CheckId.HA_FAILOVER_SLOTS, "logical slots").status());
        assertTrue(FailoverRules.judge(primary(170012, "", ""), List.of(S1), List.of(), "17.12").stream()
                .noneMatch(f -> f.id().equals(CheckId.HA_FAILOVER_SLOTS)), "17 has failover slots: slot.failover says it");
    }
}
