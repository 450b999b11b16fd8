package io.walscope.ui;

import org.eclipse.swt.widgets.Widget;

/** Names widgets for tests and accessibility: UI tests find widgets by this data key. */
public final class Widgets {
    /** The data key under which every named widget carries its id. */
    public static final String KEY = "walscope.id";

    private Widgets() {
    }

    public static <W extends Widget> W name(W w, String id) {
        w.setData(KEY, id);
        return w;
    }
}
