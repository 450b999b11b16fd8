package io.walscope.ui.prep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;

import io.walscope.core.check.Bytes;
import io.walscope.core.check.Durations;
import io.walscope.ui.Widgets;
import io.walscope.ui.chart.Axes;
import io.walscope.ui.chart.ChartCanvas;
import io.walscope.ui.chart.ChartStyle;

/**
 * The Slots view's chart: retained WAL (solid) and lag (dotted) per slot over the last hour, max_slot_wal_keep_size as
 * a red line, and where a slot that does not advance is headed (dashed, to its loss). Drawn by {@link ChartCanvas}.
 */
final class SlotsChart {
    /** What a render draws: copies of the series. */
    record Snap(List<Line> lines, double keepSize, double rate, long now, long from) {
    }

    /** One slot: {@code {times, values}} of retained WAL and lag, and its forecast (or null). */
    record Line(String slot, double[][] retained, double[][] lag, double[][] forecast) {
    }

    private static final BasicStroke DOTTED = new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {1.5f, 3f}, 0f);
    /** Slots drawn at most (the ones retaining the most). */
    static final int SHOWN = 6;

    private SlotsChart() {
    }

    static ChartCanvas<Snap> create(Composite parent, SlotHistory history) {
        return Widgets.name(new ChartCanvas<>(parent, history::snapshot, SlotsChart::build), "slots.chart");
    }

    static JFreeChart build(Snap s, ChartStyle style) {
        DefaultXYDataset data = new DefaultXYDataset();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int series = 0;
        long end = s.now();
        List<Line> lines = s.lines().subList(0, Math.min(SHOWN, s.lines().size()));
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            Color c = ChartStyle.SERIES[i % ChartStyle.SERIES.length];
            data.addSeries(l.slot() + " retained", l.retained());
            r.setSeriesPaint(series, c);
            r.setSeriesStroke(series++, ChartStyle.LINE);
            data.addSeries(l.slot() + " lag", l.lag());
            r.setSeriesPaint(series, c);
            r.setSeriesStroke(series++, DOTTED);
            if (l.forecast() != null) {
                data.addSeries(l.slot() + " forecast", l.forecast());
                r.setSeriesPaint(series, c);
                r.setSeriesStroke(series++, ChartStyle.DASHED);
                end = Math.max(end, (long) l.forecast()[0][1]);
            }
        }
        DateAxis time = Axes.time();
        NumberAxis bytes = Axes.bytes(null);
        XYPlot plot = new XYPlot(data, time, bytes, r);
        if (!Double.isNaN(s.keepSize())) {
            ValueMarker keep = new ValueMarker(s.keepSize(), ChartStyle.LIMIT, ChartStyle.DASHED);
            keep.setLabel("max_slot_wal_keep_size " + Bytes.pretty((long) s.keepSize()));
            keep.setLabelFont(style.small());
            keep.setLabelPaint(ChartStyle.LIMIT);
            keep.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            keep.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(keep);
            bytes.setRange(0, Math.max(s.keepSize() * 1.12, maxOf(lines) * 1.05));
        }
        if (end > s.from()) {
            time.setRange(s.from(), end);
        }
        ValueMarker nowLine = new ValueMarker(s.now(), style.grid(), ChartStyle.LINE);
        plot.addDomainMarker(nowLine);
        style.plot(plot);
        JFreeChart chart = new JFreeChart("Retained WAL (solid) and lag (dotted) per slot, last hour; forecast dashed",
                style.font(), plot, true);
        chart.addSubtitle(new TextTitle(subtitle(s), style.small()));
        return style.apply(chart);
    }

    private static double maxOf(List<Line> lines) {
        double m = 0;
        for (Line l : lines) {
            for (double[][] d : new double[][][] {l.retained(), l.lag(), l.forecast()}) {
                if (d != null) {
                    for (double v : d[1]) {
                        if (!Double.isNaN(v)) {
                            m = Math.max(m, v);
                        }
                    }
                }
            }
        }
        return m;
    }

    static String subtitle(Snap s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "WAL written: %s/s", Bytes.pretty(Math.round(s.rate()))));
        b.append(Double.isNaN(s.keepSize()) ? " · max_slot_wal_keep_size unlimited" : "");
        for (Line l : s.lines()) {
            if (l.forecast() != null && !Double.isNaN(s.keepSize())) {
                double secs = (l.forecast()[0][1] - l.forecast()[0][0]) / 1000;
                b.append(" · ").append(l.slot()).append(secs < 3600 ? " lost in about " + Durations.pretty(secs) : " lasts over an hour");
            }
        }
        if (s.lines().size() > SHOWN) {
            b.append(" · ").append(s.lines().size() - SHOWN).append(" more slots not drawn");
        }
        return b.toString();
    }
}
