package io.walscope.ui;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Text;

/** The one "text + Browse…" widget for file fields (DBeaver's TextWithOpenFile). */
public final class FileField extends Composite {
    private final Text text;
    private final Button browse;

    /**
     * @param id the data key of the text ({@code id}) and its button ({@code id + ".browse"}), for tests
     * @param extensions filter for the file dialog, e.g. {@code "*.pem;*.crt;*.der"}
     */
    public FileField(Composite parent, String id, String dialogTitle, String extensions) {
        super(parent, SWT.NONE);
        GridLayout l = new GridLayout(2, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        setLayout(l);
        text = Widgets.name(new Text(this, SWT.BORDER | SWT.SINGLE), id);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        browse = Widgets.name(new Button(this, SWT.PUSH), id + ".browse");
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setText(dialogTitle);
            d.setFilterExtensions(new String[] { extensions, "*" });
            if (!text.getText().isBlank()) {
                d.setFileName(text.getText());
            }
            if (!text.getText().isBlank() && java.nio.file.Path.of(text.getText()).getParent() != null) {
                d.setFilterPath(java.nio.file.Path.of(text.getText()).getParent().toString());
            }
            String f = Folders.open(d);
            if (f != null) {
                text.setText(f);
            }
        });
    }

    public String getPath() {
        return text.getText().trim();
    }

    public void setPath(String path) {
        text.setText(path == null ? "" : path);
    }

    /** Called whenever the path changes (typed or chosen). */
    public void onChange(Consumer<String> listener) {
        text.addListener(SWT.Modify, e -> listener.accept(getPath()));
    }

    public Text text() {
        return text;
    }
}
