package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Heartbeats;
import io.walscope.core.check.Progress;
import io.walscope.core.check.SlotHealth;
import io.walscope.core.check.SlotHealthChecks;
import io.walscope.core.check.SlotHealthReport;
import io.walscope.core.check.SlotHealthRules;
import io.walscope.core.check.Status;
import io.walscope.core.check.Stuck;
import io.walscope.core.pg.check.SlotScenario.Consumer;
import io.walscope.core.pg.check.SlotScenario.Writer;
import io.walscope.core.pg.stream.Heartbeat;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Why a slot does not advance, on real servers: a slot of a quiet database next to a busy one (idle_database, then
 * advancing once a heartbeat runs), and a transaction left open that pins a slot (old_transaction with its pid,
 * terminated by the explicit fix). Every version of the test bed.
 */
class SlotHealthTest {
    static final Duration WINDOW = Duration.ofSeconds(2);
    static final Duration WAIT = Duration.ofSeconds(90);

    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    /** Measures until {@code slot}'s stuck cause is {@code cause} (null: not stuck); returns that report. */
    static SlotHealthReport until(TestServer s, String db, String slot, String cause, Duration oldAfter) throws Exception {
        AtomicReference<SlotHealthReport> last = new AtomicReference<>();
        Await.until("slot " + slot + " stuck: " + cause, WAIT, () -> {
            SlotHealthReport r = SlotScenario.measure(s, db, WINDOW, oldAfter);
            last.set(r);
            SlotHealth h = r.slot(slot);
            String got = h == null || h.stuck() == null ? null : h.stuck().cause();
            return h != null && (cause == null ? got == null : cause.equals(got));
        });
        return last.get();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void idleDatabaseNextToABusyOneThenAHeartbeat(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String busy = s.createDatabase("busy");
        String idle = s.createDatabase("idle");
        Plugin plugin = SlotScenario.plugin(major);
        SlotScenario.publication(s, idle, plugin);
        String slot = "walscope_idle_" + idle;
        try (Consumer consumer = new Consumer(s, idle, slot, plugin); Writer w = new Writer(s, busy, 20, 200, 50)) {
            consumer.awaitActive(s, slot);
            SlotHealthReport r = until(s, idle, slot, Stuck.IDLE_DATABASE, SlotHealthRules.OLD_AFTER);
            SlotHealth h = r.slot(slot);
            assertEquals(idle, h.stuck().database());
            assertTrue(h.walBytesPerSec() > 0, "the busy database writes WAL");
            assertTrue(h.lagBytes() > 0, "the slot lags behind the busy database's WAL");
            List<Finding> f = SlotHealthChecks.judge(r.slots(), r.after(), r.walBytesPerSec(), idle, 1L << 30);
            Finding beat = find(f, CheckId.SLOT_HEARTBEAT, slot);
            assertEquals(Status.WARN, beat.status(), beat.message());
            assertTrue(beat.message().contains("walscope script heartbeat --database " + idle), beat.message());
            assertEquals(List.of(Heartbeats.MESSAGE_SQL), beat.fix().sql());
            assertEquals(Status.WARN, find(f, CheckId.SLOT_STUCK, slot).status());

            String restart = SlotScenario.value(s, "SELECT restart_lsn::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
            // Walscope cannot confirm a lone message from test_decoding (skip-empty-xacts sends it without BEGIN and
            // COMMIT on 9.6): there the heartbeat updates a table
            String beatSql = Heartbeats.MESSAGE_SQL;
            if (plugin == Plugin.TEST_DECODING) {
                s.sql(idle, Heartbeats.tableSetup("public", Heartbeats.TABLE, null).toArray(String[]::new));
                beatSql = Heartbeats.statement("public", Heartbeats.TABLE);
            }
            try (Heartbeat hb = Heartbeat.start(s.profile(idle), s.superuserSecrets(), Duration.ofSeconds(1), beatSql, msg -> { })) {
                Await.until("the heartbeat reaches the consumer", WAIT, () -> consumer.commits.get() > 0);
                SlotHealthReport after = until(s, idle, slot, null, SlotHealthRules.OLD_AFTER);
                assertNull(after.slot(slot).stuck());
                Await.until("restart_lsn of " + slot + " advances", WAIT, () -> !restart.equals(SlotScenario.value(s,
                        "SELECT restart_lsn::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'")));
                assertTrue(hb.beats() > 0);
            }
            assertNull(consumer.failure.get());
            assertNull(w.failure.get());
        } finally {
            SlotScenario.dropSlot(s, slot);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void anOpenTransactionPinsTheSlot(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = s.createDatabase("pinned");
        Plugin plugin = SlotScenario.plugin(major);
        s.sql(db, "CREATE TABLE t (id bigserial PRIMARY KEY, v text)");
        SlotScenario.publication(s, db, plugin);
        String slot = "walscope_pinned_" + db;
        try (Consumer consumer = new Consumer(s, db, slot, plugin); Writer w = new Writer(s, db, 20, 200, 50);
                Connection open = s.connect(db)) {
            consumer.awaitActive(s, slot);
            open.setAutoCommit(false);
            int pid;
            try (Statement st = open.createStatement()) {
                st.execute("INSERT INTO t (v) VALUES ('left open')");
                try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
            }
            SlotHealthReport r = until(s, db, slot, Stuck.OLD_TRANSACTION, Duration.ofSeconds(1));
            Stuck k = r.slot(slot).stuck();
            assertEquals(pid, k.pid());
            assertNotNull(k.xactStart());
            assertNotNull(k.queryStart());
            assertTrue(consumer.changes.get() > 0, "the consumer receives the other transactions");

            Finding f = find(SlotHealthChecks.judge(r.slots(), r.after(), r.walBytesPerSec(), db, 1L << 30), CheckId.SLOT_STUCK, slot);
            assertTrue(f.status().needsAction());
            assertTrue(f.message().contains("pid " + pid), f.message());
            assertTrue(f.fix().explicitOnly(), "terminating a backend is applied only when chosen");
            assertTrue(f.fix().sql().get(0).startsWith("SELECT pg_terminate_backend(pid)"), f.fix().sql().toString());
            assertTrue(f.fix().sql().get(0).contains("pid = " + pid), f.fix().sql().toString());
            try (Connection c = s.connect(db)) {
                assertTrue(FixApplier.apply(c, List.of(f), true, Progress.NONE).committed());
            }
            Await.until("pid " + pid + " is gone", WAIT, () -> SlotScenario.value(s,
                    "SELECT pid FROM pg_stat_activity WHERE pid = " + pid) == null);
            SlotHealthReport after = until(s, db, slot, null, Duration.ofSeconds(1));
            assertNull(after.slot(slot).stuck());
        } finally {
            SlotScenario.dropSlot(s, slot);
        }
    }

    static Finding find(List<Finding> f, String id, String subject) {
        return f.stream().filter(x -> x.id().equals(id) && x.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " about " + subject + " missing: " + f));
    }
}
