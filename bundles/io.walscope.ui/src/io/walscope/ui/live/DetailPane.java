package io.walscope.ui.live;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.walscope.core.live.LiveEvent;
import io.walscope.core.live.LiveTexts;
import io.walscope.core.live.RawRender;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Op;
import io.walscope.ui.Widgets;

/**
 * The selected change: each column's before and after as PostgreSQL's text (as the plugin sent it) and as the
 * emitted JSON value, changed values highlighted, unchanged TOAST marked as such (never as NULL); the emitted JSON
 * line and the raw plugin message one tab away.
 */
final class DetailPane {
    static final String NO_BEFORE = "(no before-image: REPLICA IDENTITY is not FULL)";
    static final String NOT_SENT = "(not sent: only the key)";
    static final String TOAST = "(unchanged TOAST value, not sent)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] COLUMNS = { { "Column", "130" }, { "Before (text)", "170" }, { "After (text)", "170" },
        { "Before JSON", "170" }, { "After JSON", "170" } };
    private final CTabFolder tabs;
    private final Label note;
    private final Table values;
    private final Text json;
    private final Text raw;
    private final Color changed;
    private Plugin plugin = Plugin.PGOUTPUT;

    DetailPane(Composite parent) {
        tabs = new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM);
        Composite valuesBox = new Composite(tabs, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 2;
        valuesBox.setLayout(gl);
        note = Widgets.name(new Label(valuesBox, SWT.WRAP), "live.detail.note");
        note.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        values = Widgets.name(new Table(valuesBox, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL), "live.detail.values");
        values.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        values.setHeaderVisible(true);
        values.setLinesVisible(true);
        for (String[] c : COLUMNS) {
            TableColumn col = new TableColumn(values, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        tab("Before / After", valuesBox);
        json = text("live.detail.json", "Emitted JSON");
        raw = text("live.detail.raw", "Raw message");
        tabs.setSelection(0);
        changed = new Color(parent.getDisplay(), 255, 236, 150);
        tabs.addDisposeListener(e -> changed.dispose());
    }

    private void tab(String title, Composite control) {
        CTabItem t = new CTabItem(tabs, SWT.NONE);
        t.setText(title);
        t.setControl(control);
    }

    private Text text(String id, String title) {
        Composite box = new Composite(tabs, SWT.NONE);
        box.setLayout(new FillLayout());
        Text t = Widgets.name(new Text(box, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL), id);
        t.setFont(JFaceResources.getTextFont());
        tab(title, box);
        return t;
    }

    Composite control() {
        return tabs;
    }

    /** The plugin of the stream shown (how to read raw messages and what a missing text means). */
    void setPlugin(Plugin p) {
        plugin = p == null ? Plugin.PGOUTPUT : p;
    }

    /** Shows a transaction row: what it holds, no values. */
    void showTransaction(String[] cells) {
        values.removeAll();
        String s = "Transaction" + (cells[2].isEmpty() ? "" : " xid " + cells[2])
                + (cells[0].isEmpty() ? "" : ", committed " + cells[0] + " UTC") + (cells[1].isEmpty() ? "" : " at " + cells[1])
                + ": " + cells[5] + " (" + cells[6] + ") in " + cells[4] + ". Expand it to see its changes.";
        note.setText(s);
        json.setText(s);
        raw.setText("Select one of the transaction's changes to see its plugin message.");
    }

    void show(LiveEvent e) {
        values.removeAll();
        if (e == null) {
            note.setText("Select a change to see its values before and after (a transaction row: what it holds).");
            json.setText("");
            raw.setText("");
            return;
        }
        JsonNode line;
        try {
            line = JSON.readTree(e.line());
            json.setText(JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
        } catch (java.io.IOException ex) {
            json.setText(e.json());
            note.setText("");
            raw.setText(RawRender.render(plugin, e.raw(), null));
            return;
        }
        JsonNode key = line.path("key");
        JsonNode before = line.path("before");
        JsonNode after = line.path("after");
        boolean hasBefore = before.isObject();
        boolean hasAfter = after.isObject();
        Set<String> toast = new LinkedHashSet<>();
        line.path("unchanged_toast").forEach(n -> toast.add(n.asText()));
        LiveTexts.Texts texts = LiveTexts.decode(e.texts());
        List<String> beforeNames = names(before);
        List<String> afterNames = names(after);
        boolean keyOnly = e.op() == Op.DELETE && hasBefore && beforeNames.equals(names(key));
        Set<String> columns = new LinkedHashSet<>(beforeNames);
        columns.addAll(afterNames);
        columns.addAll(toast);
        boolean valuesSent = false;
        for (String c : columns) {
            String bText;
            String bJson;
            if (!hasBefore) {
                bText = e.op() == Op.UPDATE ? NO_BEFORE : "";
                bJson = "";
            } else if (!before.has(c)) {
                bText = keyOnly ? NOT_SENT : "";
                bJson = "";
            } else {
                bJson = before.get(c).toString();
                bText = text(texts == null ? null : texts.before(), beforeNames, c, before.get(c), null);
            }
            String aText;
            String aJson;
            if (toast.contains(c)) {
                aText = TOAST;
                aJson = TOAST;
            } else if (!hasAfter || !after.has(c)) {
                aText = "";
                aJson = "";
            } else {
                aJson = after.get(c).toString();
                aText = text(texts == null ? null : texts.after(), afterNames, c, after.get(c), bText);
            }
            valuesSent |= hasAfter && after.has(c) && !after.get(c).isNull() || hasBefore && before.has(c) && !before.get(c).isNull();
            if (texts == null) {
                bText = bText.startsWith("(") ? bText : "";
                aText = aText.startsWith("(") ? aText : "";
            }
            TableItem item = new TableItem(values, SWT.NONE);
            item.setText(new String[] { c, bText, aText, bJson, aJson });
            if (hasBefore && hasAfter && !toast.contains(c) && !keyOnly && !Objects.equals(before.get(c), after.get(c))) {
                item.setBackground(changed);
            }
        }
        note.setText(note(e, texts == null && valuesSent, hasBefore, keyOnly, !toast.isEmpty()));
        note.getParent().layout();
        raw.setText(RawRender.render(plugin, e.raw(), hasBefore && !keyOnly ? beforeNames : null, afterNames,
                new ArrayList<>(toast)));
    }

    private String note(LiveEvent e, boolean noText, boolean hasBefore, boolean keyOnly, boolean toast) {
        List<String> parts = new ArrayList<>();
        if (noText && e.op() == Op.READ) {
            parts.add("PostgreSQL text: (not kept for this snapshot row).");
        } else if (noText) {
            parts.add(switch (plugin) {
                case DECODERBUFS -> "PostgreSQL text: (sent typed by decoderbufs; PostgreSQL text not available).";
                case PGOUTPUT -> "PostgreSQL text: (sent in binary by pgoutput; PostgreSQL text not available).";
                default -> "PostgreSQL text: (not sent by " + plugin.id() + ").";
            });
        }
        if (e.op() == Op.UPDATE && !hasBefore) {
            parts.add("No before-image: the table's REPLICA IDENTITY is not FULL.");
        }
        if (keyOnly) {
            parts.add("Only the key of the deleted row is sent: the table's REPLICA IDENTITY is not FULL.");
        }
        if (toast) {
            parts.add("Unchanged TOAST values are not sent by PostgreSQL: marked, not NULL.");
        }
        if (e.op() == Op.MESSAGE) {
            parts.add("A logical decoding message: its prefix and content are in the Emitted JSON tab.");
        } else if (e.op() == Op.TRUNCATE) {
            parts.add("truncate " + e.qualifiedTable() + ": a TRUNCATE carries no row values.");
        }
        if (parts.isEmpty()) {
            parts.add(e.op().json() + " " + e.qualifiedTable() + ": values as PostgreSQL's text and as emitted JSON"
                    + (hasBefore && e.op() == Op.UPDATE ? "; changed values highlighted." : "."));
        }
        return String.join(" ", parts);
    }

    /** PostgreSQL's text of column {@code c}: its position among the image's JSON fields picks it. */
    private static String text(List<String> texts, List<String> names, String c, JsonNode value, String beforeText) {
        if (value.isNull()) {
            return "NULL";
        }
        int i = names.indexOf(c);
        if (texts == null || i < 0 || i >= texts.size() || texts.get(i) == null) {
            return "";
        }
        String t = texts.get(i);
        return t == LiveTexts.SAME_AS_BEFORE ? beforeText : t;
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        if (o != null && o.isObject()) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
                out.add(it.next());
            }
        }
        return out;
    }
}
