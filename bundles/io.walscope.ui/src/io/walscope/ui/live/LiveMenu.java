package io.walscope.ui.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import io.walscope.core.live.LiveEvent;
import io.walscope.ui.RowTools;

/**
 * The change rows' context menu: the shared copy items (row, value, JSON of the cells), the change as emitted
 * (JSON Lines), and "Show Only This Table" (the table filter set to the row's table).
 */
final class LiveMenu {
    private LiveMenu() {
    }

    static void install(Table table, IntFunction<LiveEvent> eventAt, Consumer<String> onlyTable, Runnable copyChanges) {
        RowTools.Rows rows = new RowTools.Rows() {
            @Override
            public String[] headers() {
                return Rows.COLUMNS.clone();
            }

            @Override
            public List<String[]> selected() {
                List<String[]> out = new ArrayList<>();
                for (int i : table.getSelectionIndices()) {
                    LiveEvent e = eventAt.apply(i);
                    if (e != null) {
                        out.add(Rows.change(e));
                    }
                }
                return out;
            }

            @Override
            public String valueAt(Point p) {
                TableItem item = table.getItem(p);
                if (item == null) {
                    return null;
                }
                for (int c = 0; c < table.getColumnCount(); c++) {
                    if (item.getBounds(c).contains(p)) {
                        return item.getText(c);
                    }
                }
                return null;
            }
        };
        RowTools.menu(table, "live.table", rows,
                new RowTools.Entry("copyChange", "Copy Change as Emitted (JSON Lines)", copyChanges,
                        () -> table.getSelectionCount() > 0),
                new RowTools.Entry("onlyTable", "Show Only This Table", () -> {
                    LiveEvent e = table.getSelectionCount() == 0 ? null : eventAt.apply(table.getSelectionIndex());
                    if (e != null && e.table() != null) {
                        onlyTable.accept(e.qualifiedTable());
                    }
                }, () -> table.getSelectionCount() > 0));
    }
}
