package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.SlotHealth;
import io.walscope.core.check.SlotHealthChecks;
import io.walscope.core.check.SlotHealthReport;
import io.walscope.core.check.Status;
import io.walscope.core.check.Stuck;
import io.walscope.core.pg.check.SlotScenario.Consumer;
import io.walscope.core.pg.check.SlotScenario.Writer;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Slots against servers configured for the point: a prepared transaction (max_prepared_transactions > 0), a slot
 * invalidated by a small max_slot_wal_keep_size (13+), and the time-to-loss forecast with a steady writer, compared
 * with the time the server really took. Dedicated servers, on the oldest and newest version of the matrix that has
 * the feature.
 */
class SlotLimitsTest {
    static final Duration WAIT = Duration.ofSeconds(120);

    /**
     * The oldest and the newest selected version (from {@code from} on); when the selection has none, the newest of the
     * test bed, so that the point is proven on every run.
     */
    static Stream<String> edges(String from) {
        List<String> v = PgTestBed.versions().stream().filter(m -> num(m) >= num(from)).toList();
        return v.isEmpty() ? Stream.of(PgTestBed.ALL_VERSIONS.get(PgTestBed.ALL_VERSIONS.size() - 1))
                : Stream.of(v.get(0), v.get(v.size() - 1)).distinct();
    }

    static double num(String major) {
        return Double.parseDouble(major.contains(".") && !major.startsWith("9") ? major.substring(0, major.indexOf('.')) : major);
    }

    static Stream<String> all() {
        return edges("9.6");
    }

    static Stream<String> limited() {
        return edges("13");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("all")
    void aPreparedTransactionPinsTheSlot(String major) throws Exception {
        try (TestServer s = PgTestBed.dedicated(major, "prepared", c -> c.conf("max_prepared_transactions = 10"))) {
            String db = s.createDatabase("prepared");
            Plugin plugin = SlotScenario.plugin(major);
            s.sql(db, "CREATE TABLE t (id bigserial PRIMARY KEY, v text)");
            SlotScenario.publication(s, db, plugin);
            String slot = "walscope_prepared";
            try (Consumer consumer = new Consumer(s, db, slot, plugin); Writer w = new Writer(s, db, 20, 200, 50)) {
                consumer.awaitActive(s, slot);
                try (Connection c = s.connect(db); Statement st = c.createStatement()) {
                    st.execute("BEGIN");
                    st.execute("INSERT INTO t (v) VALUES ('prepared')");
                    st.execute("PREPARE TRANSACTION 'walscope-gid'");
                }
                SlotHealthReport r = SlotHealthTest.until(s, db, slot, Stuck.PREPARED_TRANSACTION, Duration.ofSeconds(1));
                Stuck k = r.slot(slot).stuck();
                assertEquals("walscope-gid", k.gid());
                assertEquals(db, k.database());
                Finding f = SlotHealthTest.find(SlotHealthChecks.judge(r.slots(), r.after(), r.walBytesPerSec(), db, 1L << 30),
                        CheckId.SLOT_STUCK, slot);
                assertTrue(f.message().contains("walscope-gid"), f.message());
                assertEquals(List.of("ROLLBACK PREPARED 'walscope-gid'"), f.fix().sql());
                assertTrue(f.fix().explicitOnly());
                try (Connection c = s.connect(db)) {
                    assertTrue(FixApplier.apply(c, List.of(f), true, Progress.NONE).ok());
                }
                assertNull(SlotScenario.value(s, "SELECT gid FROM pg_prepared_xacts"));
                assertNull(SlotHealthTest.until(s, db, slot, null, Duration.ofSeconds(1)).slot(slot).stuck());
            } finally {
                SlotScenario.dropSlot(s, slot);
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("limited")
    void aSmallKeepSizeInvalidatesTheSlotAndTheCheckSaysWhatToDo(String major) throws Exception {
        try (TestServer s = PgTestBed.dedicated(major, "keep", c -> c.conf("max_slot_wal_keep_size = 32MB",
                "max_wal_size = 32MB", "min_wal_size = 32MB"))) {
            String db = s.createDatabase("keep");
            String slot = "walscope_keep";
            s.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')",
                    "CREATE TABLE t (id bigserial PRIMARY KEY, v text)");
            Await.until("wal_status lost", WAIT, () -> {
                s.sql(db, "INSERT INTO t (v) SELECT repeat('x', 1000) FROM generate_series(1, 20000)", "CHECKPOINT");
                return "lost".equals(SlotScenario.value(s, "SELECT wal_status FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
            });
            CheckReport r = new CheckRunner(s.profile(db), s.superuserSecrets())
                    .run(CheckOptions.of(List.of("public"), Plugin.TEST_DECODING), Progress.NONE);
            Finding forecast = r.find(CheckId.SLOT_FORECAST, slot);
            assertNotNull(forecast, r.findings().toString());
            assertEquals(Status.FAIL, forecast.status());
            assertTrue(forecast.message().contains("is lost") && forecast.message().contains("32.0 MiB")
                    && forecast.message().contains("drop the slot, create it again"), forecast.message());
            assertEquals(List.of("SELECT pg_drop_replication_slot('" + slot + "')"), forecast.fix().sql());
            assertEquals(Status.FAIL, r.find(CheckId.SLOT_RETAINED_WAL, slot).status());
            assertEquals(Status.OK, r.find(CheckId.SERVER_MAX_SLOT_WAL_KEEP_SIZE, "max_slot_wal_keep_size").status());
            SlotHealthReport h = SlotScenario.measure(s, db, Duration.ofSeconds(1), Duration.ofSeconds(30));
            assertEquals(0.0, h.slot(slot).lostInSeconds());
            assertEquals("lost", h.slot(slot).slot().walStatus());
        }
    }

    static Stream<String> idleTimeout() {
        return edges("18");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("idleTimeout")
    void postgres18InvalidatesAnIdleSlotAndTheForecastSaysWhen(String major) throws Exception {
        try (TestServer s = PgTestBed.dedicated(major, "idle", c -> c.conf("idle_replication_slot_timeout = 20s"))) {
            String db = s.createDatabase("idle_timeout");
            String slot = "walscope_idle_timeout";
            s.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')",
                    "CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g");
            SlotHealthReport r = SlotScenario.measure(s, db, Duration.ofSeconds(1), Duration.ofSeconds(30));
            SlotHealth h = r.slot(slot);
            assertNotNull(h.idleLeft(), h.toString());
            assertTrue(h.idleLeft() > 5 && h.idleLeft() <= 20, h.toString());
            assertEquals(h.idleLeft(), h.lostInSeconds(), "max_slot_wal_keep_size is unlimited: the timeout is the limit");
            Finding f = SlotHealthTest.find(SlotHealthChecks.judge(r.slots(), r.after(), r.walBytesPerSec(), db, 1L << 30),
                    CheckId.SLOT_FORECAST, slot);
            assertEquals(Status.WARN, f.status(), f.message());
            assertTrue(f.message().contains("idle_replication_slot_timeout"), f.message());
            Await.until("invalidation_reason idle_timeout", WAIT, () -> {
                s.sql(db, "CHECKPOINT");
                return "idle_timeout".equals(SlotScenario.value(s,
                        "SELECT invalidation_reason FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
            });
            assertEquals(0.0, SlotScenario.measure(s, db, Duration.ofSeconds(1), Duration.ofSeconds(30)).slot(slot).lostInSeconds());
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("limited")
    void theForecastMeetsTheMeasuredTimeToLoss(String major) throws Exception {
        try (TestServer s = PgTestBed.dedicated(major, "forecast", c -> c.conf("max_slot_wal_keep_size = 192MB",
                "max_wal_size = 32MB", "min_wal_size = 32MB", "checkpoint_completion_target = 0.5"))) {
            String db = s.createDatabase("forecast");
            String slot = "walscope_forecast";
            s.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')");
            try (Writer w = new Writer(s, db, 300, 1000, 100)) {
                Await.until("the writer runs", WAIT, () -> w.batches.get() > 20);
                SlotHealthReport r = SlotScenario.measure(s, db, Duration.ofSeconds(5), Duration.ofSeconds(30));
                long t0 = System.nanoTime();
                SlotHealth h = r.slot(slot);
                assertNotNull(h.lostInSeconds(), "max_slot_wal_keep_size is set: " + h);
                double forecast = h.lostInSeconds();
                Finding f = SlotHealthTest.find(SlotHealthChecks.judge(r.slots(), r.after(), r.walBytesPerSec(), db, 1L << 40),
                        CheckId.SLOT_FORECAST, slot);
                assertEquals(Status.WARN, f.status(), f.message());
                assertTrue(f.message().contains("will be lost in about"), f.message());
                Await.until("wal_status lost", WAIT, () -> "lost".equals(SlotScenario.value(s,
                        "SELECT wal_status FROM pg_replication_slots WHERE slot_name = '" + slot + "'")));
                double measured = (System.nanoTime() - t0) / 1e9;
                String line = String.format(Locale.ROOT, "PostgreSQL %s: WAL %.2f MiB/s, forecast %.1f s, measured %.1f s (%+.0f %%)",
                        major, r.walBytesPerSec() / 1048576, forecast, measured, 100 * (forecast - measured) / measured);
                System.out.println(line);
                assertTrue(Math.abs(forecast - measured) <= 0.3 * measured, line);
                assertNull(w.failure.get());
            }
        }
    }
}
