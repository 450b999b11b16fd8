package io.walscope.ui.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;

/** The window's colours and font for charts rendered off the display thread (AWT values, taken once on it). */
public record ChartStyle(Color background, Color foreground, Color grid, Font font, Font small) {
    /** Series colours, in order: distinguishable, and readable on a light background. */
    public static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    public static final Color LIMIT = new Color(0xb00020);
    public static final BasicStroke LINE = new BasicStroke(1.6f);
    public static final BasicStroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    /** The style of {@code c}'s window (display thread). */
    public static ChartStyle of(Composite c) {
        RGB bg = c.getBackground().getRGB();
        RGB fg = c.getForeground().getRGB();
        FontData fd = c.getDisplay().getSystemFont().getFontData()[0];
        int px = Math.max(9, Math.round(fd.getHeight() * c.getDisplay().getDPI().y / 72f));
        return new ChartStyle(new Color(bg.red, bg.green, bg.blue), new Color(fg.red, fg.green, fg.blue),
                new Color(0xd0d0d0), new Font(Font.SANS_SERIF, Font.PLAIN, px), new Font(Font.SANS_SERIF, Font.PLAIN, px - 1));
    }

    /** Applies the colours and fonts to a chart with one or more XY plots. */
    public JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(background);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(font.deriveFont(Font.BOLD));
            chart.getTitle().setPaint(foreground);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(small);
            legend.setItemPaint(foreground);
            legend.setBackgroundPaint(background);
            legend.setFrame(BlockBorder.NONE);
        }
        return chart;
    }

    /** Colours and fonts of one plot and its axes. */
    public void plot(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(grid);
        p.setRangeGridlinePaint(grid);
        p.setOutlinePaint(grid);
        for (int i = 0; i < p.getRangeAxisCount(); i++) {
            axis(p.getRangeAxis(i));
        }
        for (int i = 0; i < p.getDomainAxisCount(); i++) {
            axis(p.getDomainAxis(i));
        }
    }

    private void axis(ValueAxis a) {
        if (a == null) {
            return;
        }
        a.setLabelFont(small);
        a.setTickLabelFont(small);
        a.setLabelPaint(foreground);
        a.setTickLabelPaint(foreground);
    }
}
