package io.walscope.ui.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.walscope.core.WalscopeException;
import io.walscope.core.live.LiveBuffer;
import io.walscope.core.conn.Secrets;
import io.walscope.core.live.LiveCapture;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.stream.ChangeStream;
import io.walscope.core.pg.stream.PollOptions;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.pg.stream.StreamResult;
import io.walscope.core.pg.stream.TimestampPoller;
import io.walscope.core.conn.ConnectionOptions;
import io.walscope.core.conn.PgProperties;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.UiConnections;

/**
 * One run of the live view: a change stream read by a Job into a bounded {@link LiveBuffer} (the reader never
 * waits for the display), plus a Job that polls the server's WAL position and the slot's retained WAL for the
 * status line. Listeners hear about state changes on background threads.
 * <p>
 * When the Start dialog chose timestamp polling, a {@link TimestampPoller} feeds the same capture instead (rows
 * arrive as {@code read}; deletes are not seen, and the status says so).
 */
final class LiveSession {
    enum State {
        STARTING, RUNNING, STOPPED, FAILED
    }

    /** State changes (background thread). */
    interface Listener {
        void changed(LiveSession s);
    }

    private final ConnectionProfile profile;
    private final Secrets secrets;
    /**
     * The secrets the stream connected with: the WAL position is read with them too, so it never asks for a password
     * (a profile renamed or deleted while its stream runs has none under its old name).
     */
    private volatile Secrets streamSecrets;
    private final StreamOptions options;
    private volatile TimestampPoller poller;
    private final LiveBuffer buffer;
    private final LiveCapture capture;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.STARTING;
    private volatile String message = "starting";
    private volatile ChangeStream stream;
    private volatile long serverLsn;
    private volatile Long retainedBytes;
    private volatile long startedNanos;
    private Job reader;
    private Job walPosition;

    LiveSession(ConnectionProfile profile, StreamOptions options, LiveBuffer buffer) {
        this(profile, null, options, buffer);
    }

    /** With {@code secrets} given instead of Walscope's secure storage (tests). */
    LiveSession(ConnectionProfile profile, Secrets secrets, StreamOptions options, LiveBuffer buffer) {
        this.secrets = secrets;
        this.profile = viewer(profile);
        this.options = options;
        this.buffer = buffer;
        this.capture = new LiveCapture(buffer);
    }

    /** The profile as the viewer connects: PGAPPNAME if set, else application_name {@code walscope_viewer}. */
    static ConnectionProfile viewer(ConnectionProfile p) {
        ConnectionProfile v = ConnectionOptions.applyEnvironmentDefaults(p.copy(), System.getenv());
        return v.getApplicationName().isEmpty() ? v.setApplicationName(PgProperties.VIEWER_APPLICATION_NAME) : v;
    }

    /** The polling options, or null when the session streams from a slot. */
    PollOptions polling() {
        return options.poll();
    }

    /** The status text of a polling session. */
    static String pollingMessage(PollOptions p) {
        return "polling every " + PollOptions.seconds(p.interval()) + " s \u2014 deletes are not seen";
    }

    void addListener(Listener l) {
        listeners.add(l);
    }

    ConnectionProfile profile() {
        return profile;
    }

    StreamOptions options() {
        return options;
    }

    LiveBuffer buffer() {
        return buffer;
    }

    LiveCapture capture() {
        return capture;
    }

    State state() {
        return state;
    }

    String message() {
        return message;
    }

    /** The server's current WAL LSN at the last poll (0 unknown). */
    long serverLsn() {
        return serverLsn;
    }

    /** WAL the slot retains, at the last poll; null unknown. */
    Long retainedBytes() {
        return retainedBytes;
    }

    String slotName() {
        ChangeStream s = stream;
        return s == null ? null : s.slotName();
    }

    long startedNanos() {
        return startedNanos;
    }

    /** "stopped: " for a Stop the user pressed, otherwise with the reason ("stopped (end LSN reached): "). */
    static String stopped(String reason) {
        return "cancelled".equals(reason) ? "stopped: " : "stopped (" + reason + "): ";
    }

    /** Starts reading (and polling) in Jobs. */
    void start() {
        startedNanos = System.nanoTime();
        set(State.STARTING, "connecting to " + profile.describe());
        if (options.poll() != null) {
            startPolling();
            return;
        }
        reader = Job.create("Live changes from " + profile.getName(), (IProgressMonitor m) -> {
            try {
                // a standby's wait for its primary, a failover to another host: said in the status line
                options.notices(n -> set(State.RUNNING, "streaming with " + options.plugin().id() + "; " + n));
                streamSecrets = secrets();
                ChangeStream s = new ChangeStream(profile, streamSecrets, options);
                stream = s;
                set(State.RUNNING, "streaming with " + options.plugin().id());
                StreamResult r = s.run(capture);
                set(State.STOPPED, stopped(r.reason()) + r.events() + " changes in " + r.transactions()
                        + " transactions" + (options.slotMode() == StreamOptions.SlotMode.TEMPORARY
                                ? "; the temporary slot is gone" : "; slot " + r.slot() + " keeps its confirmed position"));
            } catch (WalscopeException e) {
                set(State.FAILED, e.getMessage());
            } catch (RuntimeException e) {
                set(State.FAILED, "The stream stopped unexpectedly: " + e);
            }
            return Status.OK_STATUS;
        });
        reader.setSystem(true);
        reader.schedule();
        walPosition = new Job("Walscope WAL position of " + profile.getName()) {
            @Override
            protected IStatus run(IProgressMonitor m) {
                readWalPosition();
                if (state == State.STARTING || state == State.RUNNING) {
                    schedule(2000);
                }
                return Status.OK_STATUS;
            }
        };
        walPosition.setSystem(true);
        walPosition.schedule(500);
    }

    /** Timestamp polling into the same capture; there is no slot and no WAL position to show. */
    private void startPolling() {
        PollOptions poll = options.poll();
        reader = Job.create("Polling " + profile.getName(), (IProgressMonitor m) -> {
            try {
                TimestampPoller p = new TimestampPoller(profile, secrets(), poll)
                        .onStarted(tables -> set(State.RUNNING, pollingMessage(poll) + " (" + String.join(", ", tables)
                                + " on " + poll.column() + ")"))
                        .onNotice(n -> set(State.RUNNING, pollingMessage(poll) + "; " + n));
                poller = p;
                StreamResult r = p.run(capture);
                set(State.STOPPED, "stopped polling" + stopped(r.reason()).substring("stopped".length()) + r.events()
                        + " rows read; deletes are not seen");
            } catch (WalscopeException e) {
                set(State.FAILED, e.getMessage());
            } catch (RuntimeException e) {
                set(State.FAILED, "Polling stopped unexpectedly: " + e);
            }
            return Status.OK_STATUS;
        });
        reader.setSystem(true);
        reader.schedule();
    }

    /** The server's WAL position and the slot's retained WAL, for the status line. */
    private void readWalPosition() {
        Secrets s = secrets != null ? secrets : streamSecrets;
        if (s == null) {
            return; // the stream has not connected yet: the next round reads it
        }
        try (Connection c = new PgConnector().connect(profile, s)) {
            boolean old = c.getMetaData().getDatabaseMajorVersion() < 10;
            // a standby (16+ decodes there) has no current WAL position of its own: what it received
            String lsnFn = old ? "pg_current_xlog_location()"
                    : "(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END)";
            String diffFn = old ? "pg_xlog_location_diff" : "pg_wal_lsn_diff";
            try (PreparedStatement ps = c.prepareStatement("SELECT (" + lsnFn + " - '0/0'::pg_lsn)::text, (SELECT "
                    + diffFn + "(" + lsnFn + ", restart_lsn) FROM pg_replication_slots WHERE slot_name = ?)")) {
                ps.setString(1, slotName() == null ? "" : slotName());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    serverLsn = new java.math.BigDecimal(rs.getString(1)).longValue();
                    retainedBytes = rs.getObject(2) == null ? null : rs.getBigDecimal(2).longValue();
                }
            }
        } catch (WalscopeException | SQLException | RuntimeException e) {
            // the status line keeps the last numbers; the stream reports real failures
        }
    }

    private Secrets secrets() throws WalscopeException {
        return secrets != null ? secrets : UiConnections.secretsFor(profile);
    }

    /** Stops the stream: it flushes and confirms what was delivered; a temporary slot goes with the connection. */
    void stop() {
        TimestampPoller p = poller;
        if (p != null) {
            p.cancel();
        }
        ChangeStream s = stream;
        if (s != null) {
            s.cancel();
        }
        if (reader != null && stream == null && p == null) {
            reader.cancel();
        }
    }

    /** Waits (from a Job or a test thread, never the display thread) until the reader has ended. */
    void join() throws InterruptedException {
        if (reader != null) {
            reader.join();
        }
    }

    private void set(State s, String msg) {
        state = s;
        message = msg;
        for (Listener l : listeners) {
            l.changed(this);
        }
    }
}
