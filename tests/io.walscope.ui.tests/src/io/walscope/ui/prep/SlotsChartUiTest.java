package io.walscope.ui.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import io.walscope.core.check.SlotHealth;
import io.walscope.core.check.Stuck;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ui.Ui;

/**
 * The Slots view's chart with a live writer, as real widgets under Xvfb against a real PostgreSQL (the newest of the
 * matrix, 13+) whose max_slot_wal_keep_size is small: an inactive slot's retained WAL climbs towards the red limit
 * line with its forecast, beside a slot whose consumer keeps up. Screenshot: target/screenshots/slots-chart.png.
 */
class SlotsChartUiTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    static String newest() {
        var v = PgTestBed.versions().stream().filter(m -> !m.startsWith("9") && Integer.parseInt(m.split("\\.")[0]) >= 13).toList();
        return v.isEmpty() ? "16" : v.get(v.size() - 1);
    }

    @Test
    void retainedWalAndLagOverTimeWithTheLimitAndTheForecast() throws Exception {
        try (TestServer s = PgTestBed.dedicated(newest(), "slots-chart", c -> c.conf("max_slot_wal_keep_size = 256MB",
                "max_wal_size = 64MB", "min_wal_size = 32MB"))) {
            String db = s.createDatabase("orders");
            s.sql(db, "CREATE TABLE orders (id bigserial PRIMARY KEY, note text)",
                    "SELECT pg_create_logical_replication_slot('analytics_sink', 'test_decoding')",
                    "SELECT pg_create_logical_replication_slot('search_index', 'test_decoding')");
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (Connection c = s.connect(db); Statement st = c.createStatement()) {
                    while (!stop.get()) {
                        st.execute("INSERT INTO orders (note) SELECT repeat('x', 1000) FROM generate_series(1, 300)");
                        // search_index's consumer reads now and then: its retained WAL falls back, analytics_sink's climbs
                        st.execute("SELECT count(*) FROM pg_logical_slot_get_changes('search_index', NULL, 2000)");
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    if (!stop.get()) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "slots-chart-writer");
            writer.setDaemon(true);
            writer.start();
            ConnectionProfile p = s.profile(db).setName("orders-prod");
            Display d = Display.getCurrent() != null ? Display.getCurrent() : new Display();
            Shell shell = new Shell(d);
            try {
                shell.setText("Replication Slots");
                shell.setLayout(new FillLayout());
                shell.setSize(1280, 820);
                SlotsPanel slots = new SlotsPanel(shell);
                shell.open();
                slots.setTarget(p, s::superuserSecrets);
                Ui.waitUntil(d, () -> slots.chartSamples() >= 2 * 12 && slots.chart().renders() >= 3, WAIT,
                        () -> "a minute of readings of both slots; " + slots.statusText());
                SlotHealth sink = slots.health().stream().filter(h -> h.name().equals("analytics_sink")).findFirst().orElseThrow();
                assertEquals(Stuck.CONSUMER_INACTIVE, sink.stuck().cause());
                SlotHealth index = slots.health().stream().filter(h -> h.name().equals("search_index")).findFirst().orElseThrow();
                assertEquals(null, index.stuck(), "read now and then: it advances");
                assertNotNull(sink.lostInSeconds(), "max_slot_wal_keep_size is set: a time to loss");
                assertTrue(sink.walBytesPerSec() > 0);
                assertTrue(slots.statusText().contains("WAL written"), slots.statusText());
                assertTrue(slots.chartSamples() <= SlotHistory.CAPACITY * 2, "bounded: " + slots.chartSamples());
                int before = slots.chart().renders();
                Ui.waitUntil(d, () -> slots.chart().renders() > before, WAIT, () -> "one more picture");
                PrepUiTest.shot(shell, "slots-chart");
                System.out.printf("slots chart render: %.1f ms on the render thread, %.1f ms on the display thread to swap it in%n",
                        slots.chart().lastRenderMillis(), slots.chart().lastSwapMillis());
                slots.setTarget(null, null);
            } finally {
                stop.set(true);
                writer.join(10_000);
                shell.dispose();
                d.dispose(); // the workbench test needs the only Display of this JVM
            }
        }
    }
}
