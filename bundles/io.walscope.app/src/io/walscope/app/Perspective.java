package io.walscope.app;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Connections on the left; later views (assistant, types, live changes) join the editor area. */
public final class Perspective implements IPerspectiveFactory {
    public static final String ID = "io.walscope.app.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(true);
        layout.addView("io.walscope.ui.connections", IPageLayout.LEFT, 0.36f, layout.getEditorArea());
        layout.addView("io.walscope.ui.live", IPageLayout.TOP, 0.88f, layout.getEditorArea());
        layout.addShowViewShortcut("io.walscope.ui.connections");
        layout.addShowViewShortcut("io.walscope.ui.live");
        layout.addView("io.walscope.ui.types", IPageLayout.BOTTOM, 0.55f, "io.walscope.ui.live");
    }
}
