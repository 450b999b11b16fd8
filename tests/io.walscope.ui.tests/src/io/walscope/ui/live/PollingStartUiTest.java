package io.walscope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.pg.stream.PollOptions;
import io.walscope.core.pg.stream.StreamOptions;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.testbed.ui.Ui;

/**
 * The Start dialog's source choice, driven as real widgets: timestamp polling shows its warning and its own
 * controls, refuses a bad interval, and its result makes a {@link LiveSession} poll instead of stream.
 * Screenshots go to target/screenshots.
 */
class PollingStartUiTest {
    @Test
    void timestampPollingIsAChoiceWithItsWarning() {
        Display d = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        Shell parent = new Shell(d);
        ConnectionProfile p = new ConnectionProfile().setName("orders-prod");
        StartDialog dlg = new StartDialog(parent, p);
        dlg.setBlockOnOpen(false);
        dlg.open();
        try {
            Label warning = Ui.find(d, "live.start.poll.warning", Label.class);
            Combo plugin = Ui.find(d, "live.start.plugin", Combo.class);
            assertFalse(warning.getVisible());
            assertTrue(plugin.getVisible());
            Ui.screenshot(dlg.getShell(), "live-start-1-logical");

            Button logical = Ui.find(d, "live.start.source.logical", Button.class);
            Button poll = Ui.find(d, "live.start.source.poll", Button.class);
            assertEquals("Timestamp polling (tables with a last_update column; deletes are not seen)", poll.getText());
            logical.setSelection(false);
            poll.setSelection(true);
            Ui.click(poll);
            assertTrue(warning.getVisible());
            assertTrue(warning.getText().contains("Deletes are not seen"), warning.getText());
            assertFalse(plugin.getVisible(), "the slot's controls are hidden when polling");
            Text interval = Ui.find(d, "live.start.poll.interval", Text.class);
            assertEquals("1", interval.getText());
            assertEquals("last_update", Ui.find(d, "live.start.poll.column", Text.class).getText());
            Ui.find(d, "live.start.tables", Text.class).setText("shop.orders, shop.items");
            Ui.screenshot(dlg.getShell(), "live-start-2-polling");

            interval.setText("soon");
            Ui.click(Ui.find(d, "live.start.ok", Button.class));
            assertNotNull(dlg.getErrorMessage(), "a bad interval keeps the dialog open");
            assertNull(dlg.result());
            interval.setText("0.5");
            Ui.click(Ui.find(d, "live.start.ok", Button.class));
            StreamOptions o = dlg.result();
            assertNotNull(o);

            LiveSession s = new LiveSession(p, o, new LiveBuffer(100));
            PollOptions po = s.polling();
            assertNotNull(po, "the session polls");
            assertEquals(Duration.ofMillis(500), po.interval());
            assertEquals("polling every 0.5 s \u2014 deletes are not seen", LiveSession.pollingMessage(po));
            assertNull(new LiveSession(p, new StreamOptions(), new LiveBuffer(100)).polling(), "streams by default");
        } finally {
            if (dlg.getShell() != null && !dlg.getShell().isDisposed()) {
                dlg.close();
            }
            parent.dispose();
        }
    }
}
