package io.walscope.ui.chart;

/**
 * A fixed number of timed samples, each with the same number of values; the oldest is overwritten when full, so
 * memory never grows. Not thread-safe: one thread (the display thread) adds and copies. NaN marks a gap.
 */
public final class Ring {
    private final long[] times;
    private final double[][] values;
    private int start;
    private int size;

    /**
     * @param capacity samples kept
     * @param width    values per sample
     */
    public Ring(int capacity, int width) {
        times = new long[capacity];
        values = new double[width][capacity];
    }

    public void add(long timeMillis, double... v) {
        int i = (start + size) % times.length;
        if (size == times.length) {
            start = (start + 1) % times.length;
        } else {
            size++;
        }
        times[i] = timeMillis;
        for (int k = 0; k < values.length; k++) {
            values[k][i] = k < v.length ? v[k] : Double.NaN;
        }
    }

    /** Drops the samples older than {@code timeMillis}. */
    public void dropBefore(long timeMillis) {
        while (size > 0 && times[start] < timeMillis) {
            start = (start + 1) % times.length;
            size--;
        }
    }

    public void clear() {
        start = 0;
        size = 0;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return times.length;
    }

    /** The time of sample {@code i}, 0 the oldest. */
    public long time(int i) {
        return times[(start + i) % times.length];
    }

    /** Value {@code k} of sample {@code i}, 0 the oldest. */
    public double value(int k, int i) {
        return values[k][(start + i) % times.length];
    }

    /** Value {@code k} of the newest sample, NaN when empty. */
    public double last(int k) {
        return size == 0 ? Double.NaN : value(k, size - 1);
    }

    /** The newest sample's time, 0 when empty. */
    public long lastTime() {
        return size == 0 ? 0 : time(size - 1);
    }

    /** Value {@code k} over time as a chart series: {@code {times, values}}, a copy. */
    public double[][] series(int k) {
        double[][] out = new double[2][size];
        for (int i = 0; i < size; i++) {
            out[0][i] = time(i);
            out[1][i] = value(k, i);
        }
        return out;
    }
}
