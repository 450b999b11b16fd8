package io.walscope.core.live;

/**
 * A bounded ring of {@link LiveEvent}s: the reader appends without ever waiting for the display; when full — at
 * its capacity in events, or at its budget in bytes (wide rows with large TOASTed values would otherwise fill the
 * heap long before the count) — the oldest events drop and are counted. Readers address events by their sequence number, so a view can keep
 * indexes across appends. Thread-safe; appends and reads take one short lock.
 */
public final class LiveBuffer {
    /** The default byte budget: 256 MB of events' lines, texts, raw messages and strings. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Bytes an event costs besides its arrays and strings (object headers, fields, references). */
    static final int EVENT_OVERHEAD = 160;
    private final LiveEvent[] ring;
    private final int[] weights;
    private final long maxBytes;
    private long bytes;
    private RawMessage lastRaw;
    private long first = 1;
    private long next = 1;
    private long dropped;

    /** A buffer of {@code capacity} events and {@link #DEFAULT_MAX_BYTES}. */
    public LiveBuffer(int capacity) {
        this(capacity, DEFAULT_MAX_BYTES);
    }

    /** A buffer of at most {@code capacity} events taking at most about {@code maxBytes} of heap. */
    public LiveBuffer(int capacity, long maxBytes) {
        if (capacity < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("capacity and byte budget must be positive");
        }
        ring = new LiveEvent[capacity];
        weights = new int[capacity];
        this.maxBytes = maxBytes;
    }

    /** The byte budget. */
    public long maxBytes() {
        return maxBytes;
    }

    /** About how many bytes the events held take. */
    public synchronized long bytes() {
        return bytes;
    }

    /** An event's bytes; a raw message shared by several events counts once, with the first of them. */
    private int weight(LiveEvent e) {
        long w = EVENT_OVERHEAD + e.ownBytes();
        RawMessage raw = e.raw();
        if (raw != null && raw != lastRaw) {
            w += raw.bytes().length;
            lastRaw = raw;
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
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
        int w = weight(e);
        while (next - first == ring.length || (next > first && bytes + w > maxBytes)) {
            int old = slot(first);
            ring[old] = null;
            bytes -= weights[old];
            first++;
            dropped++;
        }
        ring[slot(next)] = e;
        weights[slot(next)] = w;
        bytes += w;
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

    /** Events that dropped out because the buffer was full (in events or in bytes). */
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
        java.util.Arrays.fill(weights, 0);
        bytes = 0;
        lastRaw = null;
        first = next;
    }
}
