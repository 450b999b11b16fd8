package io.walscope.ui.live;

import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

import io.walscope.ui.WalscopeUi;
import io.walscope.ui.Widgets;

/** Preferences of the live view: the size of its ring buffer. */
public final class LivePreferences extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public static final String BUFFER_SIZE = "live.bufferSize";
    public static final int DEFAULT_BUFFER_SIZE = 200_000;
    public static final String BUFFER_MB = "live.bufferMegabytes";
    public static final int DEFAULT_BUFFER_MB = (int) (io.walscope.core.live.LiveBuffer.DEFAULT_MAX_BYTES >> 20);

    /** The whole error, wrapped under the fields (the dialog's one-line message area cuts a long one short). */
    private Label error;

    public LivePreferences() {
        super(GRID);
        setDescription("The live view keeps the newest changes in a ring buffer; when it is full the oldest drop "
                + "(the view says how many). It is bounded in changes and in memory, whichever is reached first: a change of a"
                + " narrow row takes well under 1 KB, one with large TOASTed values much more.");
    }

    /** The largest buffer the preferences accept: half the heap Java may use (the rest is the window's). */
    static int maxBufferMb(long maxHeapBytes) {
        return (int) Math.max(64, Math.min(16_384, (maxHeapBytes >> 20) / 2));
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(WalscopeUi.get().getPreferenceStore());
        getPreferenceStore().setDefault(BUFFER_SIZE, DEFAULT_BUFFER_SIZE);
        getPreferenceStore().setDefault(BUFFER_MB, DEFAULT_BUFFER_MB);
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor size = new IntegerFieldEditor(BUFFER_SIZE, "Changes kept in the live view:", getFieldEditorParent());
        size.setValidRange(1_000, 5_000_000);
        size.setErrorMessage("Changes kept: a whole number from 1,000 to 5,000,000.");
        addField(size);
        Widgets.name(size.getTextControl(getFieldEditorParent()), "live.prefs.size");
        int max = maxBufferMb(Runtime.getRuntime().maxMemory());
        IntegerFieldEditor mb = new IntegerFieldEditor(BUFFER_MB, "Memory for them (MB, at most " + max + "):",
                getFieldEditorParent());
        mb.setValidRange(16, max);
        // one sentence with the cause and the fix, instead of the editor's bare range
        mb.setErrorMessage("Memory for the changes: 16 to " + max + " MB, half of the " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB Java may use; for more, raise -Xmx in the launcher script.");
        addField(mb);
        Widgets.name(mb.getTextControl(getFieldEditorParent()), "live.prefs.mb");
        Composite parent = getFieldEditorParent();
        error = Widgets.name(new Label(parent, SWT.WRAP), "live.prefs.error");
        error.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridData d = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        d.widthHint = 300; // wraps to the page's width instead of widening it
        d.verticalIndent = 8;
        error.setLayoutData(d);
    }

    @Override
    public void setErrorMessage(String message) {
        super.setErrorMessage(message);
        if (error != null && !error.isDisposed()) {
            error.setText(message == null ? "" : message);
            error.getParent().layout(true, true);
        }
    }
}
