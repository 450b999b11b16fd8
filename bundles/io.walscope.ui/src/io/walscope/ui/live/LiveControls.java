package io.walscope.ui.live;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.live.LiveFilter;
import io.walscope.core.stream.Op;
import io.walscope.ui.Widgets;

/**
 * The live view's controls above the rows: the connection, Start/Pause/Stop, Follow, Newest first, Group by
 * transaction, Export and Copy; then the filters (operations, table, text). The view attaches the actions.
 */
final class LiveControls {
    final Label profile;
    final Button start;
    final Button pause;
    final Button stop;
    final Button follow;
    final Button newestFirst;
    final Button grouped;
    final Button export;
    final Button copy;
    final Combo table;
    final Text search;
    private final Map<Op, Button> ops = new EnumMap<>(Op.class);
    private final Composite top;

    LiveControls(Composite parent, Color[] opColors) {
        Composite bar = new Composite(parent, SWT.NONE);
        top = bar;
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setLayout(new GridLayout(1, false));
        profile = Widgets.name(new Label(bar, SWT.NONE), "live.profile");
        profile.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        // the buttons and the filters wrap onto another line in a narrow window instead of being cut off
        Composite buttons = new Composite(bar, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        buttons.setLayout(rows());
        bar = buttons;
        start = button(bar, SWT.PUSH, "Start…", "live.start");
        pause = button(bar, SWT.PUSH, "Pause", "live.pause");
        stop = button(bar, SWT.PUSH, "Stop", "live.stop");
        follow = button(bar, SWT.CHECK, "Follow", "live.follow");
        follow.setSelection(true);
        newestFirst = button(bar, SWT.CHECK, "Newest first", "live.newestFirst");
        grouped = button(bar, SWT.CHECK, "Group by transaction", "live.grouped");
        export = button(bar, SWT.PUSH, "Export…", "live.export");
        copy = button(bar, SWT.PUSH, "Copy JSON", "live.copy");

        Composite f = new Composite(parent, SWT.NONE);
        f.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        f.setLayout(rows());
        for (Op op : Op.values()) {
            Button b = button(f, SWT.CHECK, op.json(), "live.filter." + op.json());
            b.setSelection(true);
            b.setForeground(opColors[op.ordinal()]);
            ops.put(op, b);
        }
        table = Widgets.name(new Combo(f, SWT.READ_ONLY), "live.filter.table");
        resetTables();
        search = Widgets.name(new Text(f, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL), "live.filter.text");
        search.setMessage("search in values");
        search.setLayoutData(new RowData(260, SWT.DEFAULT));
    }

    private static RowLayout rows() {
        RowLayout l = new RowLayout(SWT.HORIZONTAL);
        l.wrap = true;
        l.center = true;
        l.marginLeft = 0;
        l.marginTop = 0;
        l.marginBottom = 0;
        return l;
    }

    private static Button button(Composite bar, int style, String text, String id) {
        Button b = Widgets.name(new Button(bar, style), id);
        b.setText(text);
        return b;
    }

    /** Lays the controls out again (a button's text changed: the rows may wrap differently). */
    void relayout() {
        top.layout(true, true);
        top.getParent().layout();
    }

    /** Calls {@code action} whenever a filter changes. */
    void onFilterChange(Runnable action) {
        ops.values().forEach(b -> b.addListener(SWT.Selection, e -> action.run()));
        table.addListener(SWT.Selection, e -> action.run());
        search.addListener(SWT.Modify, e -> action.run());
    }

    /** Adds a table seen for the first time to the table filter, in name order after "all tables". */
    void addTable(String name) {
        int i = 1;
        while (i < table.getItemCount() && table.getItem(i).compareTo(name) < 0) {
            i++;
        }
        if (i < table.getItemCount() && table.getItem(i).equals(name)) {
            return;
        }
        table.add(name, i);
    }

    /** Shows only {@code name} (does not notify). */
    void selectTable(String name) {
        addTable(name);
        table.select(table.indexOf(name));
    }

    /** Only "all tables" in the table filter (a new stream). */
    void resetTables() {
        table.removeAll();
        table.add("all tables");
        table.select(0);
    }

    /** Ticks exactly {@code shown} (does not notify). */
    void setOps(Set<Op> shown) {
        ops.forEach((op, b) -> b.setSelection(shown.contains(op)));
    }

    /** The filter the controls describe. */
    LiveFilter filter() {
        Set<Op> shown = EnumSet.noneOf(Op.class);
        ops.forEach((op, b) -> {
            if (b.getSelection()) {
                shown.add(op);
            }
        });
        String t = table.getSelectionIndex() <= 0 ? null : table.getText();
        return new LiveFilter(shown, t, search.getText());
    }
}
