package io.walscope.ui.live;

import org.eclipse.swt.widgets.Control;

/**
 * Runs a virtual table's or tree's refresh again {@link #STEP_MS} later while it still has rows to add: GTK adds
 * virtual rows one at a time, so they are added {@link LiveView#GROW_STEP} at a time and the event loop keeps
 * turning between steps. At most one run is pending.
 */
final class GrowTimer {
    /** Milliseconds between steps. */
    static final int STEP_MS = 40;
    private final Control control;
    private final Runnable again;
    private boolean pending;

    GrowTimer(Control control, Runnable again) {
        this.control = control;
        this.again = again;
    }

    /** Asks for one more step (display thread). */
    void schedule() {
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
}
