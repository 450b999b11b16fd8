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
        // the working views share one folder above the editor area (where Preparation editors open)
        org.eclipse.ui.IFolderLayout main = layout.createFolder("io.walscope.app.main", IPageLayout.TOP, 0.88f,
                layout.getEditorArea());
        main.addView("io.walscope.ui.live");
        main.addView("io.walscope.ui.types");
        main.addPlaceholder("io.walscope.ui.prep.slots");
        layout.addShowViewShortcut("io.walscope.ui.connections");
        layout.addShowViewShortcut("io.walscope.ui.live");
        layout.addShowViewShortcut("io.walscope.ui.types");
    }
}
