package io.walscope.core.pg.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.profile.Plugin;

/**
 * What to stream and how: the plugin, the slot (temporary unless named; created on request; peeked without
 * consuming), the publication for pgoutput, tables, start and stop, the initial snapshot, status and reconnect
 * timing. Fluent setters; defaults are the look-only ones.
 */
public final class StreamOptions {
    /** How the slot is used. */
    public enum SlotMode {
        /** A temporary slot created for this stream: nothing is retained after it ends. */
        TEMPORARY,
        /** A named slot that outlives the stream; resumed where the last run confirmed. */
        PERSISTENT,
        /** Read a named slot's pending changes with {@code pg_logical_slot_peek_*}, confirming nothing. */
        PEEK
    }

    Plugin plugin = Plugin.PGOUTPUT;
    String slot;
    boolean createSlot;
    boolean peek;
    /** The publications `apply` creates: the ordinary tables', and the partitioned roots' (13+). */
    public static final List<String> DEFAULT_PUBLICATIONS = List.of("dbz_publication", "dbz_publication_root");
    /** pgoutput's publications: each must exist, or (when {@link #optionalPublications}) those that exist. */
    List<String> publications = DEFAULT_PUBLICATIONS;
    boolean optionalPublications = true;
    List<String> tables = new ArrayList<>();
    long fromLsn;
    long untilLsn;
    long maxEvents = -1;
    boolean snapshot;
    Boolean binary;
    boolean streaming;
    int wal2jsonFormat = 2;
    Duration statusInterval = Duration.ofSeconds(1);
    Duration reconnectFor = Duration.ofSeconds(60);
    PollOptions poll;
    boolean failover;
    java.util.function.Consumer<String> notices = n -> { };

    /**
     * Read by timestamp polling ({@link TimestampPoller}) with {@code p} instead of from a replication slot, for
     * users without logical decoding; null (the default) streams from a slot. {@link ChangeStream} ignores it: the
     * caller (the viewer) picks the source.
     */
    public StreamOptions poll(PollOptions p) {
        this.poll = p;
        return this;
    }

    /** The polling options, or null when the source is a replication slot. */
    public PollOptions poll() {
        return poll;
    }

    public StreamOptions plugin(Plugin p) {
        this.plugin = p;
        return this;
    }

    /** A named slot (null: a temporary one). */
    public StreamOptions slot(String name) {
        this.slot = name;
        return this;
    }

    /** Creates the named slot when it does not exist. */
    public StreamOptions createSlot(boolean b) {
        this.createSlot = b;
        return this;
    }

    /** Peeks the named slot: reads its pending changes without consuming them. */
    public StreamOptions peek(boolean b) {
        this.peek = b;
        return this;
    }

    /** pgoutput reads exactly these publications ({@code a,b} lists several); each must exist. */
    public StreamOptions publication(String names) {
        return publications(List.of(names));
    }

    /** pgoutput reads exactly these publications (each item may list several, {@code a,b}); each must exist. */
    public StreamOptions publications(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            for (String part : n.split(",")) {
                if (!part.isBlank() && !out.contains(part.strip())) {
                    out.add(part.strip());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("name at least one publication");
        }
        this.publications = List.copyOf(out);
        this.optionalPublications = false;
        return this;
    }

    /**
     * pgoutput reads those of these publications that exist (what the setup created: the ordinary tables' and,
     * when there are partitioned tables, the roots'); the first must exist when none does.
     */
    public StreamOptions publicationsThatExist(List<String> names) {
        publications(names);
        this.optionalPublications = true;
        return this;
    }

    /** Only these tables ({@code schema.table}); all when empty. */
    public StreamOptions tables(List<String> t) {
        this.tables = new ArrayList<>(t);
        return this;
    }

    /** Starts at this LSN (0: where the slot stands). */
    public StreamOptions fromLsn(long lsn) {
        this.fromLsn = lsn;
        return this;
    }

    /** Stops after the transactions committing at or before this LSN (0: never). */
    public StreamOptions untilLsn(long lsn) {
        this.untilLsn = lsn;
        return this;
    }

    /** Stops after this many changes (-1: never). */
    public StreamOptions maxEvents(long n) {
        this.maxEvents = n;
        return this;
    }

    /** Reads the tables first (as {@code read} events) from the new slot's exported snapshot. */
    public StreamOptions snapshot(boolean b) {
        this.snapshot = b;
        return this;
    }

    /**
     * pgoutput's binary values (PG 14+): false for text; true or null (default) to use binary when every published
     * column type has a binary converter, else text.
     */
    public StreamOptions binary(Boolean b) {
        this.binary = b;
        return this;
    }

    /** pgoutput protocol 2: in-progress transactions streamed (PG 14+), spooled to disk until they commit. */
    public StreamOptions streaming(boolean b) {
        this.streaming = b;
        return this;
    }

    /** wal2json's format-version, 1 or 2 (default 2: version 1 sends a whole transaction as one message). */
    public StreamOptions wal2jsonFormat(int v) {
        this.wal2jsonFormat = v;
        return this;
    }

    /** How often confirmed LSNs are reported while busy (default 1 s). */
    public StreamOptions statusInterval(Duration d) {
        this.statusInterval = d;
        return this;
    }

    /** How long to keep trying to reconnect after the connection dropped (default 60 s; 0: do not). */
    public StreamOptions reconnectFor(Duration d) {
        this.reconnectFor = d;
        return this;
    }

    /**
     * A failover slot (PostgreSQL 17+): created with {@code FAILOVER true}, or an existing slot made one, so that
     * standbys with sync_replication_slots keep it and the stream continues on a promoted standby.
     */
    public StreamOptions failover(boolean b) {
        this.failover = b;
        return this;
    }

    public boolean failover() {
        return failover;
    }

    /**
     * Receives one sentence for what a person should know while the stream runs: waiting for a standby's primary, a
     * failover to another host, a setting that blocks decoding there. Called on the stream's thread.
     */
    public StreamOptions notices(java.util.function.Consumer<String> n) {
        this.notices = n == null ? x -> { } : n;
        return this;
    }

    public SlotMode slotMode() {
        return slot == null ? SlotMode.TEMPORARY : peek ? SlotMode.PEEK : SlotMode.PERSISTENT;
    }

    public Plugin plugin() {
        return plugin;
    }

    public String slot() {
        return slot;
    }

    /** The publications, comma-separated (for messages). */
    public String publication() {
        return String.join(",", publications);
    }

    public List<String> publications() {
        return publications;
    }

    public List<String> tables() {
        return tables;
    }
}
