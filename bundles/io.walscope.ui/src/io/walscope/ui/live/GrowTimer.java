package io.walscope.ui.live;

import org.eclipse.swt.widgets.Control;

/**
 * Runs a virtual table's or tree's refresh again {@link #STEP_MS} later while it still has rows to add: GTK adds
 * virtual rows one at a time, so they are added {@link LiveView#GROW_STEP} at a time and the event loop keeps
 * turning between steps. At most one run is pending. While {@link #hold held} (a burst arrives), steps wait and
 * the view grows only with its drains; released, the steps asked for meanwhile go on.
 */
final class GrowTimer {
    /** Milliseconds between steps. */
    static final int STEP_MS = 40;
    private final Control control;
    private final Runnable again;
    private boolean pending;
    private boolean held;
    /** A step was asked for while held. */
    private boolean wanted;

    GrowTimer(Control control, Runnable again) {
        this.control = control;
        this.again = again;
    }

    /** Asks for one more step (display thread). */
    void schedule() {
        if (held) {
            wanted = true;
            return;
        }
        if (pending) {
            return;
        }
        pending = true;
        control.getDisplay().timerExec(STEP_MS, () -> {
            pending = false;
            if (!control.isDisposed()) {
                again.run();
            }
        });
    }

    /** Holds the steps back ({@code true}) or lets them go on, running one if it was asked for meanwhile. */
    void hold(boolean h) {
        held = h;
        if (!h && wanted) {
            wanted = false;
            schedule();
        }
    }
}
