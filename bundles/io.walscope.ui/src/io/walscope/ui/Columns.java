package io.walscope.ui;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;

/** Viewer columns from functions: the one way views add a titled column with text, background and image. */
public final class Columns {
    /** Cells longer than this show their whole text as a tooltip. */
    static final int LONG = 24;

    private Columns() {
    }

    /** A table column whose rows are {@code type}; {@code background} may be null. */
    public static <T> TableViewerColumn add(TableViewer viewer, String title, int width, Class<T> type,
            Function<T, String> text, Function<T, Color> background) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(labels(type, text, background, null));
        return c;
    }

    /** A tree column; {@code image} may be null. */
    public static TreeViewerColumn add(TreeViewer viewer, String title, int width, Function<Object, String> text,
            Function<Object, Image> image) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(labels(Object.class, text, null, image));
        return c;
    }

    private static <T> ColumnLabelProvider labels(Class<T> type, Function<T, String> text, Function<T, Color> background,
            Function<T, Image> image) {
        return new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(type.cast(element));
            }

            @Override
            public Color getBackground(Object element) {
                return background == null ? null : background.apply(type.cast(element));
            }

            @Override
            public Image getImage(Object element) {
                return image == null ? null : image.apply(type.cast(element));
            }

            @Override
            public String getToolTipText(Object element) {
                // a long cell is readable in full when hovered (the viewers enable tooltips in RowTools)
                String t = text.apply(type.cast(element));
                return t != null && t.length() > LONG ? t : null;
            }
        };
    }
}
