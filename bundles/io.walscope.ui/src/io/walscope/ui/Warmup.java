package io.walscope.ui;

import java.awt.Color;
import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

import io.walscope.core.profile.ProfileStore;
import io.walscope.ui.chart.Axes;
import io.walscope.ui.chart.ChartCanvas;

/**
 * Loads, on a background thread while the workbench builds its window on the display thread, the classes the first
 * views need next and that nothing on the display thread needs before: Jackson and the saved profiles (the
 * Connections view), JFreeChart, Java2D and its fonts (the live view's chart). The machine's second core does it
 * in parallel, so the window appears sooner. Nothing it makes is kept; a failure here only means the views load the
 * classes themselves, as they would without it.
 */
public final class Warmup {
    private Warmup() {
    }

    /**
     * Starts it, after {@code first} on the same thread (the application's own warm-up), unless
     * {@code -Dwalscope.warmup=false} (for measuring what it saves).
     */
    public static void start(Runnable first) {
        if ("false".equals(System.getProperty("walscope.warmup"))) {
            return;
        }
        Thread t = new Thread(() -> {
            first.run();
            run();
        }, "walscope-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            ProfileStore.standard().list();
        } catch (Exception | LinkageError e) {
            // the Connections view reads them again and says what is wrong
        }
        try {
            // ChartCanvas first: its class initializer makes AWT headless before any AWT class loads
            Class.forName(ChartCanvas.class.getName(), true, Warmup.class.getClassLoader());
            DefaultXYDataset data = new DefaultXYDataset();
            data.addSeries("warm-up", new double[][] {{0, 1}, {0, 1}});
            XYPlot plot = new XYPlot(data, Axes.time(), new NumberAxis(), new XYLineAndShapeRenderer(true, false));
            JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
            chart.setBackgroundPaint(Color.WHITE);
            chart.createBufferedImage(160, 80);
        } catch (Exception | LinkageError e) {
            // the chart loads them when it first draws
        }
    }
}
