package io.walscope.ui;

import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.demo.DemoDatabase;
import io.walscope.demo.TrafficGenerator;

/** The demo database as the workbench sees it: started in a Job, stopped when the workbench closes. */
public final class DemoService {
    /** State changes, delivered on a background thread. */
    public interface Listener {
        void changed(DemoService demo);
    }

    public enum State {
        STOPPED, STARTING, RUNNING, FAILED
    }

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.STOPPED;
    private volatile String message = "not started";
    private volatile DemoDatabase db;
    private volatile TrafficGenerator traffic;

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public State state() {
        return state;
    }

    /** One line about the state (progress while starting, the reason after a failure). */
    public String message() {
        return message;
    }

    /** The demo profile with the running server's port (port 0 when not running). */
    public ConnectionProfile profile() {
        DemoDatabase d = db;
        return d != null && state == State.RUNNING ? d.profile()
                : new ConnectionProfile().setName(ConnectionProfile.DEMO_NAME).setDemo(true).setHost("127.0.0.1")
                        .setPort(0).setDatabase(DemoDatabase.DATABASE).setUser(DemoDatabase.USER)
                        .setSchemas(java.util.List.of(DemoDatabase.SCHEMA));
    }

    public Secrets secrets() throws WalscopeException {
        DemoDatabase d = db;
        if (d == null) {
            throw new WalscopeException("The demo database is not running: start it from the Connections view.");
        }
        return d.secretsForConnect();
    }

    /** Starts the demo server in a Job (progress in the Progress view, cancellable before the server starts). */
    public synchronized Job start() {
        if (state == State.STARTING || state == State.RUNNING) {
            return null;
        }
        set(State.STARTING, "starting");
        Job job = Job.create("Starting the Walscope demo database", (IProgressMonitor monitor) -> {
            monitor.beginTask("Starting the demo database", IProgressMonitor.UNKNOWN);
            try {
                DemoDatabase d = new DemoDatabase(DemoDatabase.defaultHome(), WalscopeUi.get().secrets());
                d.start(msg -> {
                    monitor.subTask(msg);
                    set(State.STARTING, msg);
                });
                db = d;
                TrafficGenerator t = new TrafficGenerator(d::connect, Double.parseDouble(System.getProperty("walscope.demo.rate", "20")));
                t.start();
                traffic = t;
                set(State.RUNNING, "running on port " + d.profile().getPort() + ", traffic about " + (int) t.rate() + " changes/s");
                return Status.OK_STATUS;
            } catch (WalscopeException e) {
                set(State.FAILED, e.getMessage());
                return Status.error(e.getMessage());
            } finally {
                monitor.done();
            }
        });
        job.setUser(false);
        job.schedule();
        return job;
    }

    /** Stops the server if this workbench started it. */
    public synchronized void shutdown() {
        TrafficGenerator t = traffic;
        traffic = null;
        if (t != null) {
            t.close();
        }
        DemoDatabase d = db;
        db = null;
        if (d != null) {
            d.stop();
        }
        state = State.STOPPED;
    }

    /** The demo's traffic generator while it runs (its rate can be changed), or null. */
    public TrafficGenerator traffic() {
        return traffic;
    }

    private void set(State s, String msg) {
        state = s;
        message = msg;
        for (Listener l : listeners) {
            l.changed(this);
        }
    }
}
