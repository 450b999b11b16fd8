package io.walscope.ui.wizard;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.pg.PluginProbe;
import io.walscope.core.profile.Plugin;
import io.walscope.ui.Widgets;

/** Page 2: the logical decoding plugin, each with what it needs, and — after a test — whether the server has it. */
final class PluginPage extends WizardPage {
    private final ConnectionWizard wizard;
    private final Map<Plugin, Button> buttons = new EnumMap<>(Plugin.class);
    private final Map<Plugin, Label> availability = new EnumMap<>(Plugin.class);
    private Map<Plugin, PluginProbe.Result> found;
    private Text fix;

    PluginPage(ConnectionWizard wizard) {
        super("plugin", "Logical decoding plugin", null);
        this.wizard = wizard;
        setDescription("How the server turns its WAL into changes. Availability is shown after a test connection.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        for (Plugin p : Plugin.values()) {
            Button b = Widgets.name(new Button(c, SWT.RADIO), "wizard.plugin." + p.id());
            b.setText(p.id());
            b.setSelection(wizard.profile().getPlugin() == p);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    wizard.profile().setPlugin(p);
                    validate();
                }
            });
            buttons.put(p, b);
            Label a = Widgets.name(new Label(c, SWT.NONE), "wizard.plugin." + p.id() + ".availability");
            a.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            a.setText("not tested yet");
            availability.put(p, a);
            Label d = new Label(c, SWT.WRAP);
            GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
            gd.horizontalIndent = 24;
            gd.widthHint = 520;
            d.setLayoutData(gd);
            d.setText(p.description());
        }
        // the cause and the fix of a refused plugin, whole and selectable (the title area shows two lines)
        fix = Widgets.name(new Text(c, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI), "wizard.plugin.fix");
        GridData fd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        fd.widthHint = 520;
        fd.verticalIndent = 8;
        fd.exclude = true;
        fix.setLayoutData(fd);
        fix.setVisible(false);
        setControl(c);
        showAvailability(wizard.lastTest() == null ? null : wizard.lastTest().plugins());
    }

    /** Shows what the last test found (null: not tested). */
    void showAvailability(Map<Plugin, PluginProbe.Result> found) {
        this.found = found;
        if (availability.isEmpty()) {
            return;
        }
        for (Plugin p : Plugin.values()) {
            PluginProbe.Result r = found == null ? null : found.get(p);
            Label l = availability.get(p);
            l.setText(r == null ? "not tested yet" : r.availability().label());
            l.setForeground(r != null && r.availability() != PluginProbe.Availability.AVAILABLE
                    ? l.getDisplay().getSystemColor(SWT.COLOR_DARK_RED)
                    : r != null ? l.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN) : null);
            l.setToolTipText(r == null ? null : r.detail());
        }
        validate();
        ((Composite) getControl()).layout(true, true);
    }

    private void validate() {
        Plugin p = wizard.profile().getPlugin();
        PluginProbe.Result r = found == null ? null : found.get(p);
        if (!p.canTail()) {
            setMessage(p.id() + " is named for completeness: Walscope cannot tail it.", WARNING);
        } else if (r != null && r.availability() == PluginProbe.Availability.NOT_ALLOWED) {
            setMessage("The server refuses " + p.id() + ": output_plugin_libraries does not list it (the fix is below).",
                    WARNING);
        } else if (r != null && (r.availability() == PluginProbe.Availability.WAITS_FOR_PRIMARY
                || r.availability() == PluginProbe.Availability.NOT_ON_STANDBY)) {
            // on a standby: the cause and what to do, in the page's message area where it is read
            setMessage(r.detail(), WARNING);
        } else {
            setMessage(null, NONE);
        }
        boolean show = r != null && r.availability() == PluginProbe.Availability.NOT_ALLOWED;
        if (fix != null && !fix.isDisposed() && show != fix.getVisible()) {
            fix.setText(show ? r.detail() : "");
            fix.setVisible(show);
            ((GridData) fix.getLayoutData()).exclude = !show;
            fix.getParent().layout(true, true);
        } else if (fix != null && show) {
            fix.setText(r.detail());
        }
    }
}
