package io.walscope.ui.chart;

import java.awt.image.BufferedImage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.jfree.chart.JFreeChart;

/**
 * A chart in the window that never draws on the display thread: {@link #refresh()} takes a snapshot of the data (a
 * copy of the ring buffers, on the display thread), a background thread builds the JFreeChart and renders it into an
 * image, and the display thread only swaps the finished image in and paints it. While a render runs, further refreshes
 * are coalesced into one more render of the newest snapshot, so a busy source cannot queue work or memory.
 *
 * @param <S> the snapshot a render draws from
 */
public final class ChartCanvas<S> extends Canvas {
    static {
        // Walscope uses AWT only to render charts into images; headless keeps AWT off the X server GTK uses
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** One thread renders every chart of the window, in turn. */
    private static final ExecutorService RENDERER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "walscope-charts");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    private final Supplier<S> snapshot;
    private final BiFunction<S, ChartStyle, JFreeChart> build;
    private final ChartStyle style;
    private Image image;
    private boolean rendering;
    private boolean dirty;
    private volatile int renders;
    private volatile long lastRenderNanos;
    private long lastSwapNanos;

    /**
     * @param snapshot a copy of what to draw (display thread; must not share mutable state with the widgets)
     * @param build    the chart of a snapshot (render thread)
     */
    public ChartCanvas(Composite parent, Supplier<S> snapshot, BiFunction<S, ChartStyle, JFreeChart> build) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.snapshot = snapshot;
        this.build = build;
        this.style = ChartStyle.of(parent);
        addListener(SWT.Paint, e -> {
            Point size = getSize();
            if (image != null) {
                Rectangle b = image.getBounds();
                if ((b.width != size.x || b.height != size.y) && size.x > 0 && size.y > 0) {
                    // resized: the old picture stretched until the new one is drawn
                    e.gc.drawImage(image, 0, 0, b.width, b.height, 0, 0, size.x, size.y);
                    refresh();
                } else {
                    e.gc.drawImage(image, 0, 0);
                }
            } else {
                e.gc.setBackground(getBackground());
                e.gc.fillRectangle(0, 0, size.x, size.y);
                refresh();
            }
        });
        addListener(SWT.Resize, e -> refresh());
        addListener(SWT.Dispose, e -> {
            if (image != null) {
                image.dispose();
                image = null;
            }
        });
    }

    /** Draws the newest data (display thread). Cheap: the drawing happens on the render thread. */
    public void refresh() {
        if (isDisposed()) {
            return;
        }
        if (rendering) {
            dirty = true;
            return;
        }
        Point size = getSize();
        if (size.x < 20 || size.y < 20) {
            return;
        }
        rendering = true;
        dirty = false;
        S snap = snapshot.get();
        Display d = getDisplay();
        RENDERER.execute(() -> {
            ImageData data = null;
            try {
                long t0 = System.nanoTime();
                JFreeChart chart = build.apply(snap, style);
                data = toImageData(chart.createBufferedImage(size.x, size.y, BufferedImage.TYPE_INT_RGB, null));
                lastRenderNanos = System.nanoTime() - t0;
            } catch (RuntimeException e) {
                // a chart that cannot draw leaves the last picture
            }
            ImageData done = data;
            try {
                if (!d.isDisposed()) {
                    d.asyncExec(() -> show(done));
                }
            } catch (SWTException disposedMeanwhile) {
                // the window closed while this picture was drawn
            }
        });
    }

    private void show(ImageData data) {
        rendering = false;
        if (isDisposed()) {
            return;
        }
        if (data != null) {
            long t0 = System.nanoTime();
            Image old = image;
            image = new Image(getDisplay(), data);
            if (old != null) {
                old.dispose();
            }
            renders++;
            redraw();
            lastSwapNanos = System.nanoTime() - t0;
        }
        if (dirty) {
            refresh();
        }
    }

    static ImageData toImageData(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }

    /** True when the picture shown was drawn at the widget's current size (tests wait on it). */
    public boolean fitsSize() {
        if (image == null || isDisposed()) {
            return false;
        }
        Rectangle b = image.getBounds();
        Point size = getSize();
        return b.width == size.x && b.height == size.y;
    }

    /** Pictures shown so far (tests wait on it). */
    public int renders() {
        return renders;
    }

    /** How long the display thread took to swap the last picture in, in ms (the paint itself copies the image). */
    public double lastSwapMillis() {
        return lastSwapNanos / 1e6;
    }

    /** How long the last render took on the render thread, in ms. */
    public double lastRenderMillis() {
        return lastRenderNanos / 1e6;
    }
}
