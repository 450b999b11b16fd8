package io.walscope.ui.live;

import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

import io.walscope.ui.Widgets;
import io.walscope.ui.chart.Axes;
import io.walscope.ui.chart.ChartCanvas;
import io.walscope.ui.chart.ChartStyle;

/**
 * The live view's strip chart above the table: changes received per second, and the lag in bytes (left axis) and
 * seconds (right axis), over the last ten minutes of {@link LiveSamples}. Drawn by {@link ChartCanvas}.
 */
final class LiveChart {
    record Snap(double[][] received, double[][] lagBytes, double[][] lagSeconds) {
    }

    private LiveChart() {
    }

    static ChartCanvas<Snap> create(Composite parent, LiveSamples samples) {
        return Widgets.name(new ChartCanvas<>(parent, samples::snapshot, LiveChart::build), "live.chart");
    }

    static JFreeChart build(Snap s, ChartStyle style) {
        DateAxis time = Axes.time();
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(4);

        DefaultXYDataset rate = new DefaultXYDataset();
        rate.addSeries("changes received/s", s.received());
        // a short axis label: the chart can be 50 px high, and the legend names the series
        XYPlot top = new XYPlot(rate, null, Axes.count("per s"), line(0));
        style.plot(top);
        plot.add(top, 1);

        DefaultXYDataset bytes = new DefaultXYDataset();
        bytes.addSeries("lag (bytes of WAL)", s.lagBytes());
        XYPlot lag = new XYPlot(bytes, null, Axes.bytes("lag"), line(1));
        DefaultXYDataset secs = new DefaultXYDataset();
        secs.addSeries("lag (seconds)", s.lagSeconds());
        lag.setRangeAxis(1, Axes.seconds("s"));
        lag.setDataset(1, secs);
        lag.mapDatasetToRangeAxis(1, 1);
        lag.setRenderer(1, line(3));
        style.plot(lag);
        plot.add(lag, 1);

        style.plot(plot);
        return style.apply(new JFreeChart(null, style.font(), plot, true));
    }

    private static XYLineAndShapeRenderer line(int color) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.SERIES[color]);
        r.setSeriesStroke(0, ChartStyle.LINE);
        return r;
    }
}
