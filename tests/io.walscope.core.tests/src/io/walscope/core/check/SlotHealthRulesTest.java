package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.walscope.core.check.SlotSample.Blocker;
import io.walscope.core.check.SlotSample.Extra;
import io.walscope.core.check.SlotSample.Feedback;

/** The stuck causes, lag, rate and time to loss from two readings, and the slot-health findings. No database. */
class SlotHealthRulesTest {
    static final long MIB = 1 << 20;

    static SlotInfo logical(String name, boolean active, String walStatus, Long safe) {
        return new SlotInfo(name, "pgoutput", "logical", "shop", false, active, active ? 42 : null, "0/1", "0/1",
                10 * MIB, walStatus, safe, active ? null : "2026-12-01 10:00:00+00");
    }

    static SlotSample sample(long secs, long wal, long nextXid, Long keep, List<SlotInfo> slots, Map<String, Extra> extra,
            long shopWrites, List<Blocker> blockers) {
        return new SlotSample(secs * 1_000_000_000L, secs * 1000, 170000, false, wal, nextXid, keep, null, 100L * 1024 * MIB,
                "shop", slots, extra, Map.of("shop", shopWrites, "busy", wal), blockers, Map.of(), null);
    }

    static Extra at(long restart, long confirmed) {
        return new Extra(restart, confirmed, null, 900L, null, null, null);
    }

    @Test
    void anInactiveSlotWaitsForItsConsumer() {
        SlotInfo s = logical("s", false, "reserved", 100 * MIB);
        SlotSample a = sample(0, 100 * MIB, 10, -1L, List.of(s), Map.of("s", at(MIB, MIB)), 5, List.of());
        SlotSample b = sample(2, 104 * MIB, 12, -1L, List.of(s), Map.of("s", at(MIB, MIB)), 5, List.of());
        SlotHealth h = SlotHealthRules.assess(a, b, Duration.ofSeconds(30)).get(0);
        assertEquals(Stuck.CONSUMER_INACTIVE, h.stuck().cause());
        assertEquals("2026-12-01 10:00:00+00", h.stuck().inactiveSince());
        assertEquals(2 * MIB, h.walBytesPerSec(), 1);
        assertEquals(103 * MIB, h.lagBytes());
        assertNull(h.lostInSeconds(), "unlimited");
        SlotSample read = sample(2, 104 * MIB, 12, -1L, List.of(s), Map.of("s", at(2 * MIB, 3 * MIB)), 5, List.of());
        assertNull(SlotHealthRules.assess(a, read, Duration.ofSeconds(30)).get(0).stuck(), "read with pg_logical_slot_get_changes");
    }

    @Test
    void aQuietDatabaseIsIdleAndABusyOneIsNot() {
        SlotInfo s = logical("s", true, "reserved", null);
        Map<String, Extra> x = Map.of("s", at(MIB, 2 * MIB));
        SlotSample a = sample(0, 100 * MIB, 10, null, List.of(s), x, 5, List.of());
        SlotSample quiet = sample(2, 104 * MIB, 12, null, List.of(s), x, 5, List.of());
        assertEquals(Stuck.IDLE_DATABASE, SlotHealthRules.assess(a, quiet, Duration.ofSeconds(30)).get(0).stuck().cause());
        SlotSample wrote = sample(2, 104 * MIB, 12, null, List.of(s), x, 6, List.of());
        assertNull(SlotHealthRules.assess(a, wrote, Duration.ofSeconds(30)).get(0).stuck(), "its consumer is slow, not stuck");
        SlotSample moved = sample(2, 104 * MIB, 12, null, List.of(s), Map.of("s", at(MIB, 3 * MIB)), 5, List.of());
        assertNull(SlotHealthRules.assess(a, moved, Duration.ofSeconds(30)).get(0).stuck(), "a heartbeat moved it");
        SlotSample still = sample(2, 100 * MIB, 12, null, List.of(s), x, 5, List.of());
        assertNull(SlotHealthRules.assess(a, still, Duration.ofSeconds(30)).get(0).stuck(), "no WAL, nothing to hold");
    }

    @Test
    void anOldTransactionOrAPreparedOneIsBlamedOnlyWhenOldEnough() {
        SlotInfo s = logical("s", true, "reserved", null);
        Blocker young = new Blocker(Blocker.TRANSACTION, 77, null, "shop", "app", "t0", "q0", "idle in transaction", 5, 3);
        Blocker old = new Blocker(Blocker.TRANSACTION, 78, null, "other", "app", "t1", "q1", "idle in transaction", 4, 120);
        Blocker prepared = new Blocker(Blocker.PREPARED, null, "gid-1", "shop", "app", "t2", null, null, 3, 60);
        SlotSample a = sample(0, 100 * MIB, 10, null, List.of(s), Map.of("s", at(MIB, 2 * MIB)), 5, List.of());
        SlotSample b = sample(2, 104 * MIB, 12, null, List.of(s), Map.of("s", at(MIB, 3 * MIB)), 6, List.of(young));
        assertNull(SlotHealthRules.assess(a, b, Duration.ofSeconds(30)).get(0).stuck());
        b = sample(2, 104 * MIB, 12, null, List.of(s), Map.of("s", at(MIB, 3 * MIB)), 6, List.of(old, prepared, young));
        Stuck k = SlotHealthRules.assess(a, b, Duration.ofSeconds(30)).get(0).stuck();
        assertEquals(Stuck.OLD_TRANSACTION, k.cause());
        assertEquals(78, k.pid());
        assertEquals("t1", k.xactStart());
        assertEquals("q1", k.queryStart());
        b = sample(2, 104 * MIB, 12, null, List.of(s), Map.of("s", at(MIB, 3 * MIB)), 6, List.of(prepared, young));
        k = SlotHealthRules.assess(a, b, Duration.ofSeconds(30)).get(0).stuck();
        assertEquals(Stuck.PREPARED_TRANSACTION, k.cause());
        assertEquals("gid-1", k.gid());
        b = sample(2, 104 * MIB, 12, null, List.of(s), Map.of("s", at(2 * MIB, 3 * MIB)), 6, List.of(old));
        assertNull(SlotHealthRules.assess(a, b, Duration.ofSeconds(30)).get(0).stuck(), "restart_lsn moved: not pinned");
    }

    @Test
    void aStandbysFeedbackHoldsAPhysicalSlot() {
        SlotInfo p = new SlotInfo("standby1", null, "physical", null, false, true, 99, "0/1", null, MIB, "reserved", null, null);
        Map<String, Extra> x = Map.of("standby1", new Extra(MIB, 0, 500L, null, 3000L, null, null));
        SlotSample a = new SlotSample(0, 0, 170000, false, 100 * MIB, 1000, -1L, null, null, "shop", List.of(p), x, Map.of(),
                List.of(), Map.of(99, new Feedback(99, "replica-a", "10.0.0.2", 500L)), 10L);
        SlotSample b = new SlotSample(2_000_000_000L, 2000, 170000, false, 101 * MIB, 1200, -1L, null, null, "shop", List.of(p), x,
                Map.of(), List.of(), Map.of(99, new Feedback(99, "replica-a", "10.0.0.2", 500L)), 10L);
        Stuck k = SlotHealthRules.assess(a, b, Duration.ofSeconds(30)).get(0).stuck();
        assertEquals(Stuck.STANDBY_FEEDBACK, k.cause());
        assertEquals("replica-a at 10.0.0.2 (pid 99)", k.standby());
    }

    @Test
    void timeToLossAndTheForecastFinding() {
        SlotInfo s = logical("s", true, "reserved", 60 * MIB);
        Map<String, Extra> x = Map.of("s", at(MIB, MIB));
        SlotSample a = sample(0, 100 * MIB, 10, 1024 * MIB, List.of(s), x, 5, List.of());
        SlotSample b = sample(2, 104 * MIB, 12, 1024 * MIB, List.of(s), x, 6, List.of());
        List<SlotHealth> h = SlotHealthRules.assess(a, b, Duration.ofSeconds(30));
        assertEquals(30.0, h.get(0).lostInSeconds(), 0.01);
        List<Finding> f = SlotHealthChecks.judge(h, b, SlotHealthRules.walRate(a, b), "shop", Bytes.GIB);
        Finding forecast = f.stream().filter(x1 -> x1.id().equals(CheckId.SLOT_FORECAST)).findFirst().orElseThrow();
        assertEquals(Status.WARN, forecast.status());
        assertTrue(forecast.message().contains("lost in about 30 s"), forecast.message());
        Finding keep = f.stream().filter(x1 -> x1.id().equals(CheckId.SERVER_MAX_SLOT_WAL_KEEP_SIZE)).findFirst().orElseThrow();
        assertEquals(Status.OK, keep.status());
        assertTrue(keep.message().contains("1.0 GiB"), keep.message());
    }

    @Test
    void postgres18sIdleTimeoutIsATimeToLossToo() {
        SlotInfo s = logical("s", false, "reserved", 600 * MIB);
        Map<String, Extra> x = Map.of("s", new Extra(MIB, MIB, null, 900L, null, null, 3000.0));
        SlotSample a = new SlotSample(0, 0, 180000, false, 100 * MIB, 10, 1024 * MIB, 3600L, null, "shop", List.of(s), x,
                Map.of(), List.of(), Map.of(), null);
        SlotSample b = new SlotSample(2_000_000_000L, 2000, 180000, false, 104 * MIB, 12, 1024 * MIB, 3600L, null, "shop",
                List.of(s), x, Map.of(), List.of(), Map.of(), null);
        SlotHealth h = SlotHealthRules.assess(a, b, Duration.ofSeconds(30)).get(0);
        assertEquals(300.0, h.lostInSeconds(), 0.01, "600 s of idle timeout left is sooner than 300 s of WAL? no: min");
        assertEquals(600.0, h.idleLeft(), 0.01);
        SlotSample soon = new SlotSample(2_000_000_000L, 2000, 180000, false, 104 * MIB, 12, 1024 * MIB, 3100L, null, "shop",
                List.of(s), x, Map.of(), List.of(), Map.of(), null);
        SlotHealth h2 = SlotHealthRules.assess(a, soon, Duration.ofSeconds(30)).get(0);
        assertEquals(100.0, h2.lostInSeconds(), 0.01);
        Finding f = SlotHealthChecks.judge(List.of(h2), soon, 2 * MIB, "shop", Bytes.GIB).stream()
                .filter(x1 -> x1.id().equals(CheckId.SLOT_FORECAST)).findFirst().orElseThrow();
        assertEquals(Status.WARN, f.status());
        assertTrue(f.message().contains("idle_replication_slot_timeout"), f.message());
    }

    @Test
    void anUnlimitedServerGetsASuggestedSize() {
        KeepSizeAdvice day = KeepSizeAdvice.suggest(2 * MIB, null, 0);
        assertEquals("169GB", day.setting(), day.toString()); // 2 MiB/s for a day = 168.75 GiB
        assertTrue(day.reason().startsWith("a day of WAL"));
        KeepSizeAdvice disk = KeepSizeAdvice.suggest(2 * MIB, 40 * Bytes.GIB, 0);
        assertEquals("20GB", disk.setting());
        assertTrue(disk.reason().contains("half of the 40.0 GiB free"), disk.reason());
        KeepSizeAdvice quiet = KeepSizeAdvice.suggest(0, null, 0);
        assertEquals("1GB", quiet.setting());
        KeepSizeAdvice big = KeepSizeAdvice.suggest(1024, null, 3 * Bytes.GIB);
        assertEquals("6GB", big.setting());
        assertTrue(big.reason().contains("twice"), big.reason());

        SlotInfo s = logical("s", false, "reserved", null);
        SlotSample a = sample(0, 100 * MIB, 10, -1L, List.of(s), Map.of("s", at(MIB, MIB)), 5, List.of());
        SlotSample b = sample(2, 104 * MIB, 12, -1L, List.of(s), Map.of("s", at(MIB, MIB)), 5, List.of());
        Finding f = SlotHealthChecks.keepSize(SlotHealthRules.assess(a, b, Duration.ofSeconds(30)), b, SlotHealthRules.walRate(a, b));
        assertEquals(Status.INFO, f.status());
        assertTrue(f.message().contains("Suggested: max_slot_wal_keep_size = '50GB'"), f.message());
        assertEquals(List.of("ALTER SYSTEM SET max_slot_wal_keep_size = '50GB'", "SELECT pg_reload_conf()"), f.fix().sql());
    }

    @Test
    void withoutSlotsTheRateIsNotMeasuredAndSaidSo() {
        // check does not wait for the measurement window when the server has no slot to watch
        KeepSizeAdvice none = KeepSizeAdvice.suggest(Double.NaN, null, 0);
        assertEquals("1GB", none.setting());
        assertTrue(none.reason().contains("measured only while the server has a slot"), none.reason());
        assertEquals(null, none.lasts(Double.NaN));
        SlotSample b = sample(0, 104 * MIB, 12, -1L, List.of(), Map.of(), 5, List.of());
        Finding f = SlotHealthChecks.keepSize(List.of(), b, Double.NaN);
        assertTrue(f.message().contains("Suggested: max_slot_wal_keep_size = '1GB'"), f.message());
        assertFalse(f.message().contains("NaN"), f.message());
    }

    @Test
    void theHeartbeatScript() {
        String m = Heartbeats.script("shop", 10, "public", null, null);
        assertTrue(m.contains("cron.schedule_in_database('walscope_heartbeat_shop', '10 seconds', 'SELECT pg_logical_emit_message(true, ''walscope_heartbeat'', now()::text)', 'shop')"), m);
        assertTrue(m.contains("while sleep 10; do psql -X -q -d 'shop' -c 'SELECT pg_logical_emit_message(true, '\\''walscope_heartbeat'\\'', now()::text)'; done"), m);
        String t = Heartbeats.script("shop", 5, "ops", "heart beat", "dbz_publication");
        assertTrue(t.contains("CREATE TABLE IF NOT EXISTS ops.\"heart beat\""), t);
        assertTrue(t.contains("ALTER PUBLICATION dbz_publication ADD TABLE ops.\"heart beat\""), t);
        assertTrue(t.contains("UPDATE ops.\"\"heart beat\"\" SET beat = now() WHERE id = 1") || t.contains("UPDATE ops.\"heart beat\" SET beat"), t);
    }
}
