package io.walscope.ui.live;

import java.util.Arrays;

/**
 * A growable list of sequence numbers, ascending, that drops from the front cheaply (display thread only). Besides
 * the index from the front, every entry has an absolute position (its index counted since {@link #clear()}) that
 * does not change when older entries drop.
 */
final class SeqList {
    private long[] a = new long[1024];
    private int head;
    private int tail;
    private long base;

    /** The absolute position of the entry at index 0. */
    long base() {
        return base;
    }

    int size() {
        return tail - head;
    }

    long get(int i) {
        return a[head + i];
    }

    void add(long seq) {
        if (tail == a.length) {
            if (head > a.length / 2) {
                System.arraycopy(a, head, a, 0, tail - head);
                tail -= head;
                head = 0;
            } else {
                a = Arrays.copyOf(a, a.length * 2);
            }
        }
        a[tail++] = seq;
    }

    /** Drops the entries below {@code seq}; returns how many. */
    int dropBelow(long seq) {
        int n = 0;
        while (head < tail && a[head] < seq) {
            head++;
            n++;
        }
        base += n;
        return n;
    }

    void clear() {
        head = 0;
        tail = 0;
        base = 0;
        if (a.length > 1 << 16) {
            a = new long[1024];
        }
    }
}
