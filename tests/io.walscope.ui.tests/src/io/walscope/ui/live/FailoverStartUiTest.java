package io.walscope.ui.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.TargetSessionAttrs;
import io.walscope.testbed.ui.Ui;

/**
 * The Start dialog's failover slot, driven as real widgets: offered for a persistent slot only, and its result asks
 * the stream for a failover slot. (The stream through a real failover: FailoverStreamTest and ReplicationCliTest.)
 */
class FailoverStartUiTest {
    @Test
    void aPersistentSlotCanBeAFailoverSlot() {
        Display d = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        Shell parent = new Shell(d);
        ConnectionProfile p = new ConnectionProfile().setName("orders-ha")
                .setHosts(List.of(new HostPort("db1", 5432), new HostPort("db2", 5432)))
                .setTargetSessionAttrs(TargetSessionAttrs.PRIMARY);
        StartDialog dlg = new StartDialog(parent, p);
        dlg.setBlockOnOpen(false);
        dlg.open();
        try {
            Button failover = Ui.find(d, "live.start.failover", Button.class);
            assertFalse(failover.isEnabled(), "a temporary slot cannot fail over");
            Button temporary = Ui.find(d, "live.start.temporary", Button.class);
            Button persistent = Ui.find(d, "live.start.persistent", Button.class);
            temporary.setSelection(false);
            persistent.setSelection(true);
            Ui.click(persistent);
            assertTrue(failover.isEnabled());
            failover.setSelection(true);
            Ui.click(failover);
            // GTK animates a check box for a moment: let the picture show the end state
            long shown = System.nanoTime() + 400_000_000L;
            Ui.waitUntil(d, () -> System.nanoTime() > shown, java.time.Duration.ofSeconds(5), () -> "the animation");
            Ui.screenshot(dlg.getShell(), "live-start-failover");
            Ui.click(Ui.find(d, "live.start.ok", Button.class));
            StreamOptions o = dlg.result();
            assertNotNull(o);
            assertTrue(o.failover(), "a failover slot");
            assertTrue(o.slot() != null, "named");
        } finally {
            if (dlg.getShell() != null && !dlg.getShell().isDisposed()) {
                dlg.close();
            }
            parent.dispose();
        }
    }
}
