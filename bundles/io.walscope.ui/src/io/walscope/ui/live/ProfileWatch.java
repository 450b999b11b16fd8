package io.walscope.ui.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

import io.walscope.core.WalscopeException;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.WalscopeUi;

/**
 * Watches the saved profiles for the live view (on the display thread, for as long as {@code owner} lives): the
 * connection it shows was deleted (its name went and no new name points at the same server), renamed (a new name
 * with the same server came instead), or edited (same name).
 */
final class ProfileWatch {
    private final Supplier<ConnectionProfile> shown;
    private final Consumer<ConnectionProfile> changed;
    private final Runnable deleted;
    private Set<String> known;

    /**
     * @param changed called with the profile under its new name (renamed) or its new settings (edited)
     * @param deleted called when the shown profile is gone
     */
    ProfileWatch(Control owner, Supplier<ConnectionProfile> shown, Consumer<ConnectionProfile> changed, Runnable deleted) {
        this.shown = shown;
        this.changed = changed;
        this.deleted = deleted;
        known = profiles().keySet();
        Runnable listener = () -> {
            Display d = owner.isDisposed() ? null : owner.getDisplay();
            if (d != null && !d.isDisposed()) {
                d.asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        look();
                    }
                });
            }
        };
        WalscopeUi.get().profiles().addListener(listener);
        owner.addListener(org.eclipse.swt.SWT.Dispose, e -> WalscopeUi.get().profiles().removeListener(listener));
    }

    private void look() {
        Set<String> before = known;
        Map<String, ConnectionProfile> now = profiles(); // the profile file is read once per change
        known = now.keySet();
        ConnectionProfile p = shown.get();
        if (p == null || p.isDemo()) {
            return;
        }
        ConnectionProfile same = now.get(p.getName());
        if (same != null) {
            changed.accept(same);
            return;
        }
        for (ConnectionProfile c : now.values()) {
            if (!before.contains(c.getName()) && c.describe().equals(p.describe())) {
                changed.accept(c);
                return;
            }
        }
        deleted.run();
    }

    /** The saved profiles by name (none when the file cannot be read: the Connections view says what to do). */
    private static Map<String, ConnectionProfile> profiles() {
        Map<String, ConnectionProfile> out = new HashMap<>();
        try {
            for (ConnectionProfile p : WalscopeUi.get().profiles().list()) {
                out.put(p.getName(), p);
            }
        } catch (WalscopeException e) {
            // an unreadable profile file: the Connections view says what to do
        }
        return out;
    }
}
