package io.walscope.core.pg.stream;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.Standby;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Decoder;
import io.walscope.core.stream.Lsn;
import io.walscope.core.stream.PgOutputDecoder;
import io.walscope.core.stream.StreamPlugins;
import io.walscope.core.stream.TextModeNeeded;

/**
 * Streams a slot's changes to a {@link ChangeListener} through pgjdbc's replication API, with
 * {@code withAutomaticFlush(false)}: an LSN is confirmed to the server only after the listener handled the whole
 * transaction ending there and {@link ChangeListener#flush()} returned (pgjdbc#3138).
 * <p>
 * When the connection drops (server restart, terminated walsender, cut link) a named slot is resumed with backoff
 * from the last confirmed LSN and the interrupted transaction continues without repeating changes already
 * delivered; a temporary slot cannot survive that and the stream fails with a sentence saying so. Optionally the
 * tables are first read from the new slot's exported snapshot. {@link #cancel()} (e.g. from Ctrl-C) ends the
 * stream after the current message, flushing and confirming what was delivered.
 * <p>
 * One thread runs {@link #run}; listeners are called on it.
 */
public final class ChangeStream {
    private final ConnectionProfile profile;
    private final Secrets secrets;
    private final StreamOptions o;
    private final PgConnector connector;
    private volatile boolean cancelled;
    /** Counted down by {@link #cancel()}: wakes a reconnect back-off at once. */
    private final CountDownLatch cancelLatch = new CountDownLatch(1);
    private volatile String slotName;

    public ChangeStream(ConnectionProfile profile, Secrets secrets, StreamOptions options) {
        this(profile, secrets, options, new PgConnector());
    }

    public ChangeStream(ConnectionProfile profile, Secrets secrets, StreamOptions options, PgConnector connector) {
        this.profile = profile;
        this.secrets = secrets;
        this.o = options;
        this.connector = connector;
    }

    /** Ends the stream after the current message; {@link #run} then flushes, confirms and returns. */
    public void cancel() {
        cancelled = true;
        cancelLatch.countDown();
    }

    /** The slot in use (the generated name of a temporary slot), once known. */
    public String slotName() {
        return slotName;
    }

    private String where() {
        return profile.isMultiHost() ? profile.hostList() : profile.getHost() + ":" + profile.getPort();
    }

    /** Runs the stream until a limit, {@link #cancel()} or a failure. */
    public StreamResult run(ChangeListener listener) throws WalscopeException {
        Gate gate = new Gate(listener, o.maxEvents, o.untilLsn);
        Connection sql = connector.connect(profile, secrets);
        Session session = null;
        boolean dropAtEnd = false;
        FailoverGuard.Keys keys = new FailoverGuard.Keys(new KeyResolver(sql));
        FailoverGuard guard = new FailoverGuard(o, profile, secrets, connector, keys);
        try {
            ServerInfo info = ServerInfo.read(sql);
            Standby standby = guard.preflight(sql, info, where());
            List<String> publications = preflight(sql, info);
            StreamTypes types = new StreamTypes(sql);
            // binary mode when every published column can be read in binary form now; a relation that appears
            // later and cannot makes the stream start again in text mode on a new connection (TextModeNeeded).
            // PostgreSQL cannot start logical streaming twice in one walsender session, so a temporary slot (gone
            // with its connection) streams text from the start
            boolean binary = o.plugin == Plugin.PGOUTPUT && info.versionNum() >= 140000 && o.slot != null
                    && o.slotMode() != StreamOptions.SlotMode.PEEK
                    && !Boolean.FALSE.equals(o.binary) && Slots.binaryConvertible(sql, publications, types);
            StreamPlugins.Settings settings = new StreamPlugins.Settings(o.plugin, info.versionNum(), publications,
                    binary, o.streaming, o.wal2jsonFormat, o.tables);
            Decoder decoder = StreamPlugins.decoder(settings);
            decoder.setKeyColumns(keys);
            decoder.setTypes(types);
            if (decoder instanceof PgOutputDecoder p) {
                p.binary(binary);
            }
            Map<String, String> options = StreamPlugins.options(settings);
            if (o.slotMode() == StreamOptions.SlotMode.PEEK) {
                slotName = o.slot;
                return new PeekReader(sql, o, info).run(decoder, options, gate);
            }
            boolean temporary = o.slot == null;
            String slot = temporary ? "walscope_" + Long.toHexString(ProcessHandle.current().pid()) + "_"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff) : o.slot;
            slotName = slot;
            session = openSession(info);
            long start = o.fromLsn;
            Slots.SlotState existing = temporary ? null : Slots.find(sql, slot);
            if (existing == null) {
                boolean tempSupported = info.versionNum() >= 100000;
                Slots.Created c;
                try {
                    c = guard.create(session.conn, slot, o.plugin.id(), temporary && tempSupported, o.snapshot,
                            standby);
                } catch (SQLException e) {
                    throw StreamErrors.explain(e, o, info.currentUser(), where());
                }
                dropAtEnd = temporary && !tempSupported;
                if (o.snapshot) {
                    SnapshotReader r = new SnapshotReader(sql, new KeyResolver(sql));
                    try {
                        r.read(c.snapshotName(), r.tables(o, info.versionNum()), c.consistentPoint(), gate);
                    } catch (Gate.Stop stop) {
                        // --max-events reached inside the snapshot: a normal end; nothing of the stream was
                        // read, so nothing is confirmed beyond the slot's consistent point
                        gate.flush();
                        return new StreamResult(gate.events, gate.transactions, gate.seconds(), c.consistentPoint(),
                                slotName, 0, stop.reason);
                    }
                }
                if (start == 0) {
                    start = c.consistentPoint();
                }
            } else {
                guard.existing(session.conn, slot);
                if (start == 0 || Long.compareUnsigned(start, existing.confirmedFlush()) < 0) {
                    // never before what was confirmed: those transactions were handled
                    start = existing.confirmedFlush();
                }
            }
            if (decoder instanceof PgOutputDecoder p && existing != null) {
                p.skipCommittedBefore(start);
            }
            return loop(session, guard, info, decoder, options, gate, start, temporary);
        } catch (WalscopeException e) {
            throw e;
        } catch (SQLException e) {
            throw StreamErrors.explain(e, o, profile.getUser(), where());
        } catch (Exception e) {
            throw new WalscopeException("Streaming from " + where() + " failed: " + e.getMessage(), e);
        } finally {
            if (session != null) {
                session.close();
            }
            guard.close();
            if (dropAtEnd) {
                Slots.drop(sql, slotName);
            }
            try {
                sql.close();
            } catch (SQLException e) {
                // closing
            }
        }
    }

    /** Checks what the stream needs; returns the publications pgoutput reads (empty for other plugins). */
    private List<String> preflight(Connection sql, ServerInfo info) throws WalscopeException, SQLException {
        if (!o.plugin.canTail()) {
            throw new WalscopeException("walminer cannot be tailed: it reads WAL files through SQL functions, not"
                    + " through a replication slot; use pgoutput, wal2json, decoderbufs or test_decoding.");
        }
        if (info.versionNum() < o.plugin.minVersionNum()) {
            throw new WalscopeException(o.plugin.id() + " needs PostgreSQL "
                    + ServerInfo.versionName(o.plugin.minVersionNum()) + " or newer, the server at " + where()
                    + " is " + info.version() + ": choose --plugin test_decoding or wal2json.");
        }
        if (!"logical".equals(info.walLevel())) {
            throw StreamErrors.walLevel(info.walLevel());
        }
        if (!info.allowsPlugin(o.plugin.id())) {
            throw StreamErrors.pluginNotAllowed(o.plugin, info.outputPluginLibraries(), where());
        }
        if (!info.superuser() && !info.replication()) {
            throw StreamErrors.noReplicationPrivilege(info.currentUser());
        }
        List<String> publications = List.of();
        if (o.plugin == Plugin.PGOUTPUT) {
            List<String> existing = Slots.existingPublications(sql, o.publications);
            if (o.optionalPublications) {
                if (existing.isEmpty()) {
                    throw StreamErrors.missingPublication(o.publications.get(0));
                }
            } else {
                for (String p : o.publications) {
                    if (!existing.contains(p)) {
                        throw StreamErrors.missingPublication(p);
                    }
                }
            }
            publications = existing;
        }
        if (o.slot != null) {
            if (!o.slot.matches("[a-z0-9_]{1,63}")) {
                throw new WalscopeException("Slot name \"" + o.slot + "\" is not valid: use lower-case letters,"
                        + " digits and underscores (at most 63).");
            }
            Slots.SlotState s = Slots.find(sql, o.slot);
            if (s == null && (!o.createSlot || o.peek)) {
                throw StreamErrors.slotMissing(o.slot);
            }
            if (s != null) {
                if (s.active()) {
                    throw StreamErrors.slotInUse(o.slot, s.activePid());
                }
                if (!o.plugin.id().equals(s.plugin())) {
                    throw new WalscopeException("Slot \"" + o.slot + "\" decodes with " + s.plugin() + ", not "
                            + o.plugin.id() + ": pass --plugin " + s.plugin() + ", or use another slot.");
                }
                if (o.snapshot) {
                    throw new WalscopeException("--snapshot needs a new slot (its snapshot exists only when the slot"
                            + " is created): leave out --slot, or name a slot that does not exist yet with"
                            + " --create-slot.");
                }
            }
        }
        return publications;
    }

    /** A replication connection. */
    private static final class Session {
        final Connection conn;
        PGReplicationStream stream;

        Session(Connection conn) {
            this.conn = conn;
        }

        void close() {
            try {
                if (stream != null && !stream.isClosed()) {
                    stream.close();
                }
            } catch (SQLException | RuntimeException e) {
                // the connection goes anyway
            }
            try {
                conn.close();
            } catch (SQLException e) {
                // closing
            }
        }
    }

    private Session openSession(ServerInfo info) throws WalscopeException {
        Connection c = connector.connectReplication(profile, secrets);
        return new Session(c);
    }

    private PGReplicationStream start(Session s, String slot, Map<String, String> options, long from)
            throws SQLException {
        ChainedLogicalStreamBuilder b = s.conn.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                .logical().withSlotName(slot).withAutomaticFlush(false)
                .withStatusInterval((int) Math.max(100, o.statusInterval.toMillis()), TimeUnit.MILLISECONDS);
        options.forEach(b::withSlotOption);
        if (from != 0) {
            b.withStartPosition(LogSequenceNumber.valueOf(from));
        }
        s.stream = b.start();
        return s.stream;
    }

    private StreamResult loop(Session first, FailoverGuard guard, ServerInfo info, Decoder decoder,
            Map<String, String> options, Gate gate, long start, boolean temporary) throws Exception {
        Session session = first;
        long confirmed = start;
        int reconnects = 0;
        long resumeDeadline = 0;
        int attempt = 0;
        String reason;
        gate.started();
        while (true) {
            try {
                // after a reconnect: from the end of the last transaction the listener has whole (it may not be
                // confirmed yet, but the listener holds it), so the server skips what was delivered
                long from = Long.compareUnsigned(gate.committedLsn, confirmed) > 0 ? gate.committedLsn : confirmed;
                if (session == null) {
                    session = openSession(info);
                    // the profile may list several hosts: where did we land, and is the slot there?
                    guard.resumed(session.conn, slotName, from);
                }
                PGReplicationStream st = start(session, slotName, options, from);
                if (attempt > 0) {
                    reconnects++;
                    attempt = 0;
                    resumeDeadline = 0;
                }
                Confirmer c = new Confirmer(st, gate, confirmed);
                try {
                    reason = pump(st, decoder, gate, c);
                } finally {
                    confirmed = c.confirmed;
                }
                break;
            } catch (TextModeNeeded e) {
                if (!options.containsKey("binary") || temporary) {
                    throw e;
                }
                // a relation with a type that has no binary converter: ask for text from the last whole
                // transaction, on a new connection
                options.remove("binary");
                ((PgOutputDecoder) decoder).binary(false);
                if (session != null) {
                    session.close();
                    session = null;
                }
                decoder.reset();
                gate.restarted();
                continue;
            } catch (Exception e) {
                if (e instanceof Gate.Stop || !StreamErrors.isConnectionLoss(e) || cancelled) {
                    if (cancelled && StreamErrors.isConnectionLoss(e)) {
                        reason = "cancelled";
                        break;
                    }
                    throw e;
                }
                if (temporary) {
                    throw StreamErrors.temporarySlotLost(where(), confirmed);
                }
                long now = System.nanoTime();
                if (resumeDeadline == 0) {
                    resumeDeadline = now + o.reconnectFor.toNanos();
                }
                if (now - resumeDeadline > 0 || o.reconnectFor.isZero()) {
                    throw new WalscopeException("The connection to " + where() + " dropped and did not come back in "
                            + o.reconnectFor.toSeconds() + " s: check the server; run again to resume slot \""
                            + slotName + "\" after " + Lsn.format(confirmed) + ".", e);
                }
                if (session != null) {
                    session.close();
                    session = null;
                }
                attempt++;
                long backoffMs = Math.min(5000, 100L << Math.min(attempt, 6));
                if (cancelLatch.await(backoffMs, TimeUnit.MILLISECONDS)) {
                    reason = "cancelled";
                    break;
                }
                decoder.reset();
                gate.reconnected(confirmed, attempt);
            }
        }
        if (session != first && session != null) {
            session.close();
        }
        return new StreamResult(gate.events, gate.transactions, gate.seconds(), confirmed, slotName, reconnects,
                reason);
    }

    /** Confirms the last whole transaction's end after the listener flushed. */
    private final class Confirmer {
        final PGReplicationStream st;
        final Gate gate;
        long confirmed;
        long lastNanos = System.nanoTime();

        Confirmer(PGReplicationStream st, Gate gate, long confirmed) {
            this.st = st;
            this.gate = gate;
            this.confirmed = confirmed;
        }

        void confirm() throws Exception {
            confirm(0);
        }

        /**
         * {@code idleEnd}: while idle outside a transaction, the server's WAL end from its keepalives; every commit
         * before it was delivered, so once the listener holds everything durably it is confirmed too (else a fast
         * shutdown of the server waits for this client forever).
         */
        void confirm(long idleEnd) throws Exception {
            lastNanos = System.nanoTime();
            gate.flush();
            long c = gate.confirmable(Long.compareUnsigned(idleEnd, gate.committedLsn) > 0 ? idleEnd : gate.committedLsn);
            if (c == 0 || Long.compareUnsigned(c, confirmed) <= 0) {
                return;
            }
            LogSequenceNumber l = LogSequenceNumber.valueOf(c);
            st.setFlushedLSN(l);
            st.setAppliedLSN(l);
            st.forceUpdateStatus();
            confirmed = c;
        }

        void maybeConfirm(long now, long afterNanos, long idleEnd) throws Exception {
            if (now - lastNanos > afterNanos) {
                confirm(idleEnd);
            }
        }
    }

    private String pump(PGReplicationStream st, Decoder decoder, Gate gate, Confirmer c) throws Exception {
        int idle = 0;
        boolean raw = gate.wantsRaw();
        while (true) {
            if (cancelled) {
                gate.flush();
                c.confirm();
                return "cancelled";
            }
            ByteBuffer b = st.readPending();
            if (b == null) {
                if (gate.untilReached(st.getLastReceiveLSN().asLong(), decoder.inTransaction())) {
                    c.confirm();
                    return "until-lsn";
                }
                // idle: confirm soon (20 ms) so a quiet stream is confirmed promptly, without a status
                // message per short pause of a busy one
                c.maybeConfirm(System.nanoTime(), idle == 0 ? 20_000_000L : o.statusInterval.toNanos(),
                        decoder.inTransaction() ? 0 : st.getLastReceiveLSN().asLong());
                idle++;
                LockSupport.parkNanos(idle < 50 ? 200_000L : idle < 500 ? 2_000_000L : 10_000_000L);
                continue;
            }
            idle = 0;
            long lsn = st.getLastReceiveLSN().asLong();
            try {
                if (raw) {
                    gate.raw(lsn, b.asReadOnlyBuffer());
                }
                decoder.decode(lsn, b, gate);
            } catch (Gate.Stop stop) {
                gate.flush();
                c.confirm();
                return stop.reason;
            }
            if ((gate.events & 0xFF) == 0) {
                c.maybeConfirm(System.nanoTime(), o.statusInterval.toNanos(), 0);
            }
        }
    }
}
