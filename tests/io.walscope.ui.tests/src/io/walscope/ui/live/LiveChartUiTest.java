package io.walscope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.ui.Ui;
import io.walscope.ui.chart.ChartCanvas;

/**
 * The live view's strip chart fed the way the view feeds it (a sample a second from the status line's rates and lag)
 * from a real stream of a real PostgreSQL 16 with a live writer whose rate changes, and the ring's bound.
 * Screenshot: target/screenshots/live-chart.png.
 */
class LiveChartUiTest {
    @Test
    void changesPerSecondAndLagOverTime() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = s.createDatabase("live_chart");
        s.sql(db, "CREATE TABLE orders (id bigserial PRIMARY KEY, note text)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Connection c = s.connect(db); Statement st = c.createStatement()) {
                for (int i = 0; !stop.get(); i++) {
                    int rows = (i / 20) % 2 == 0 ? 20 : 80; // 200/s, then 800/s, every 2 s
                    st.execute("INSERT INTO orders (note) SELECT 'n' || g FROM generate_series(1, " + rows + ") g");
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                if (!stop.get()) {
                    throw new IllegalStateException(e);
                }
            }
        }, "live-chart-writer");
        writer.setDaemon(true);
        Display d = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        Shell shell = new Shell(d);
        LiveSession session = new LiveSession(s.profile(db), s.superuserSecrets(), new StreamOptions().plugin(Plugin.PGOUTPUT), new LiveBuffer(100_000));
        try {
            shell.setText("Live Changes");
            shell.setLayout(new GridLayout(1, false));
            shell.setSize(1100, 300);
            LiveSamples samples = new LiveSamples();
            ChartCanvas<LiveChart.Snap> chart = LiveChart.create(shell, samples);
            chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
            Label status = new Label(shell, SWT.WRAP);
            status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            shell.open();
            session.start();
            writer.start();
            StatusLine.Rates rates = new StatusLine.Rates();
            ShownRows rows = new ShownRows(() -> session.capture().commits());
            rows.reset(session.buffer(), io.walscope.core.live.LiveFilter.ALL);
            // what LiveView.tick does every 250 ms
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                if (shell.isDisposed()) {
                    return;
                }
                if (rates.tick(session.capture().received(), 0) && session.state() == LiveSession.State.RUNNING) {
                    samples.sample(System.currentTimeMillis(), rates.receivedRate, session);
                    chart.refresh();
                }
                status.setText(StatusLine.text(session, rows, false, rates, samples));
                d.timerExec(250, tick[0]);
            };
            tick[0].run();
            Ui.waitUntil(d, () -> samples.size() >= 20 && chart.renders() >= 10, Duration.ofSeconds(90),
                    () -> "twenty samples of the stream; " + session.state() + " " + session.message());
            assertTrue(session.capture().received() > 1000, "received " + session.capture().received());
            assertTrue(samples.last(LiveSamples.RECEIVED) > 0);
            assertFalse(Double.isNaN(samples.last(LiveSamples.LAG_BYTES)), "the lag is known");
            assertTrue(status.getText().contains(" · lag "), status.getText());
            Ui.screenshot(shell, "live-chart");
            System.out.printf("live chart render: %.1f ms on the render thread, %.1f ms on the display thread to swap it in%n",
                    chart.lastRenderMillis(), chart.lastSwapMillis());
        } finally {
            stop.set(true);
            session.stop();
            session.join();
            writer.join(10_000);
            shell.dispose();
            d.dispose(); // the workbench test needs the only Display of this JVM
        }
    }

    @Test
    void theSamplesStayBounded() {
        LiveSamples samples = new LiveSamples();
        LiveSession idle = new LiveSession(new io.walscope.core.profile.ConnectionProfile().setName("x"), new StreamOptions(),
                new LiveBuffer(10));
        for (int i = 0; i < 10 * LiveSamples.CAPACITY; i++) {
            samples.sample(i * 1000L, i, idle);
        }
        assertEquals(LiveSamples.CAPACITY, samples.size());
        assertEquals(10 * LiveSamples.CAPACITY - 1, samples.last(LiveSamples.RECEIVED));
        assertEquals(LiveSamples.CAPACITY, samples.snapshot().received()[0].length);
    }
}
