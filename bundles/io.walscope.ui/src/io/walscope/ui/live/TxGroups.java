package io.walscope.ui.live;

import java.util.Arrays;

/**
 * The shown changes cut into transactions, for the grouped tree: per group its transaction number
 * ({@link io.walscope.core.live.LiveEvent#txn()}), the absolute position of its first change in the
 * {@link SeqList} of shown changes, and how many follow. Primitive arrays, no object per group or per change;
 * drops from the front with the list (display thread only).
 */
final class TxGroups {
    private long[] txn = new long[256];
    private long[] start = new long[256];
    private int[] count = new int[256];
    private int head;
    private int tail;

    int size() {
        return tail - head;
    }

    long txn(int g) {
        return txn[head + g];
    }

    /** Absolute position (in the {@link SeqList}) of group {@code g}'s first change. */
    long start(int g) {
        return start[head + g];
    }

    int count(int g) {
        return count[head + g];
    }

    /** The change at absolute position {@code pos}, of transaction {@code t}, was appended to the shown list. */
    void add(long t, long pos) {
        int last = tail - 1;
        if (tail > head && t != 0 && txn[last] == t && start[last] + count[last] == pos) {
            count[last]++;
            return;
        }
        if (tail == txn.length) {
            if (head > txn.length / 2) {
                System.arraycopy(txn, head, txn, 0, tail - head);
                System.arraycopy(start, head, start, 0, tail - head);
                System.arraycopy(count, head, count, 0, tail - head);
                tail -= head;
                head = 0;
            } else {
                txn = Arrays.copyOf(txn, txn.length * 2);
                start = Arrays.copyOf(start, start.length * 2);
                count = Arrays.copyOf(count, count.length * 2);
            }
        }
        txn[tail] = t;
        start[tail] = pos;
        count[tail] = 1;
        tail++;
    }

    /** Forgets the changes before absolute position {@code pos} (they dropped from the shown list). */
    void dropBelow(long pos) {
        while (head < tail && start[head] + count[head] <= pos) {
            head++;
        }
        if (head < tail && start[head] < pos) {
            count[head] -= (int) (pos - start[head]);
            start[head] = pos;
        }
    }

    /** The group holding absolute position {@code pos}, or -1. */
    int groupOf(long pos) {
        int lo = head;
        int hi = tail - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] + count[mid] <= pos) {
                lo = mid + 1;
            } else if (start[mid] > pos) {
                hi = mid - 1;
            } else {
                return mid - head;
            }
        }
        return -1;
    }

    void clear() {
        head = 0;
        tail = 0;
        if (txn.length > 1 << 16) {
            txn = new long[256];
            start = new long[256];
            count = new int[256];
        }
    }
}
