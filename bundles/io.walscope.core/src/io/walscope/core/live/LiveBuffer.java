package io.walscope.core.live;

/**
 * A bounded ring of {@link LiveEvent}s: the reader appends without ever waiting for the display; when full, the
 * oldest events drop and are counted. Readers address events by their sequence number, so a view can keep
 * indexes across appends. Thread-safe; appends and reads take one short lock.
 */
public final class LiveBuffer {
    private final LiveEvent[] ring;
    private long first = 1;
    private long next = 1;
    private long dropped;

    public LiveBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ring = new LiveEvent[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** The sequence number the next event gets. */
    public synchronized long nextSeq() {
        return next;
    }

    /** Appends an event built for sequence number {@link #nextSeq()}. */
    public synchronized void add(LiveEvent e) {
        if (e.seq() != next) {
            throw new IllegalArgumentException("event " + e.seq() + " is not the next (" + next + ")");
        }
        if (next - first == ring.length) {
            ring[slot(first)] = null;
            first++;
            dropped++;
        }
        ring[slot(next)] = e;
        next++;
    }

    private int slot(long seq) {
        return (int) ((seq - 1) % ring.length);
    }

    /** The oldest sequence number still held (equal to {@link #nextSeq()} when empty). */
    public synchronized long firstSeq() {
        return first;
    }

    /** The event with {@code seq}, or null when it dropped out or does not exist yet. */
    public synchronized LiveEvent get(long seq) {
        return seq < first || seq >= next ? null : ring[slot(seq)];
    }

    /** Copies the events from {@code fromSeq} on (at most {@code out.length}) into {@code out}; returns how many. */
    public synchronized int copy(long fromSeq, LiveEvent[] out) {
        long from = Math.max(fromSeq, first);
        int n = (int) Math.max(0, Math.min(out.length, next - from));
        for (int i = 0; i < n; i++) {
            out[i] = ring[slot(from + i)];
        }
        return n;
    }

    /** Events that dropped out because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Events held now. */
    public synchronized int size() {
        return (int) (next - first);
    }

    /** Forgets everything held; sequence numbers go on. */
    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        first = next;
    }
}
