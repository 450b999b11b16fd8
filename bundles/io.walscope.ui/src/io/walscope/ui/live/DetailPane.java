package io.walscope.ui.live;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.walscope.core.live.LiveEvent;
import io.walscope.ui.Widgets;

/**
 * The selected change: before and after side by side (changed values highlighted, unchanged TOAST marked as
 * such, never as NULL), and the emitted JSON line one tab away.
 */
final class DetailPane {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CTabFolder tabs;
    private final Table values;
    private final Text json;
    private final Color changed;

    DetailPane(Composite parent) {
        tabs = new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM);
        values = Widgets.name(new Table(tabs, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL), "live.detail.values");
        values.setHeaderVisible(true);
        values.setLinesVisible(true);
        for (String[] c : new String[][] { { "Column", "140" }, { "Before", "260" }, { "After", "260" } }) {
            TableColumn col = new TableColumn(values, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        CTabItem t1 = new CTabItem(tabs, SWT.NONE);
        t1.setText("Before / After");
        t1.setControl(values);
        Composite jsonBox = new Composite(tabs, SWT.NONE);
        jsonBox.setLayout(new FillLayout());
        json = Widgets.name(new Text(jsonBox, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL), "live.detail.json");
        CTabItem t2 = new CTabItem(tabs, SWT.NONE);
        t2.setText("Emitted JSON");
        t2.setControl(jsonBox);
        tabs.setSelection(0);
        changed = new Color(parent.getDisplay(), 255, 243, 180);
        tabs.addDisposeListener(e -> changed.dispose());
    }

    Composite control() {
        return tabs;
    }

    void show(LiveEvent e) {
        values.removeAll();
        if (e == null) {
            json.setText("");
            return;
        }
        try {
            JsonNode line = JSON.readTree(e.line());
            json.setText(JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
            JsonNode before = line.path("before");
            JsonNode after = line.path("after");
            Set<String> toast = new LinkedHashSet<>();
            line.path("unchanged_toast").forEach(n -> toast.add(n.asText()));
            Set<String> columns = new LinkedHashSet<>();
            names(before, columns);
            names(after, columns);
            columns.addAll(toast);
            if (columns.isEmpty()) {
                names(line.path("key"), columns);
            }
            for (String c : columns) {
                TableItem item = new TableItem(values, SWT.NONE);
                String b = text(before, c, false);
                String a = toast.contains(c) ? "(unchanged TOAST value, not sent)" : text(after, c, false);
                if (before.isMissingNode() || before.isNull()) {
                    b = e.op().json().equals("update") ? "(no before-image: REPLICA IDENTITY is not FULL)" : "";
                }
                if (after.isMissingNode() || after.isNull()) {
                    a = "";
                }
                item.setText(new String[] { c, b, a });
                boolean diff = !before.isMissingNode() && !before.isNull() && !after.isMissingNode() && !after.isNull()
                        && !toast.contains(c) && !java.util.Objects.equals(before.get(c), after.get(c));
                if (diff) {
                    item.setBackground(changed);
                }
            }
        } catch (java.io.IOException ex) {
            json.setText(e.json());
        }
    }

    private static void names(JsonNode o, Set<String> out) {
        if (o != null && o.isObject()) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
                out.add(it.next());
            }
        }
    }

    private static String text(JsonNode o, String c, boolean raw) {
        if (o == null || !o.isObject() || !o.has(c)) {
            return "";
        }
        JsonNode v = o.get(c);
        return v.isNull() ? "NULL" : v.isTextual() && !raw ? v.asText() : v.toString();
    }
}
