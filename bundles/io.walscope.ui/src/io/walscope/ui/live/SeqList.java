package io.walscope.ui.live;

import java.util.Arrays;

/** A growable list of sequence numbers, ascending, that drops from the front cheaply (display thread only). */
final class SeqList {
    private long[] a = new long[1024];
    private int head;
    private int tail;

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
        return n;
    }

    void clear() {
        head = 0;
        tail = 0;
        if (a.length > 1 << 16) {
            a = new long[1024];
        }
    }
}
