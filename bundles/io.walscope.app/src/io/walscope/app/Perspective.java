package io.walscope.app;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * Connections on the left, the working views (live changes, types, the Welcome page) in one folder beside them. The
 * editor area (where Preparation editors open) is hidden while no editor is open, so no empty part takes room.
 */
public final class Perspective implements IPerspectiveFactory {
    public static final String ID = "io.walscope.app.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false); // shown by PrepHandlers.open, hidden again when the last editor closes
        layout.addView("io.walscope.ui.connections", IPageLayout.LEFT, 0.36f, layout.getEditorArea());
        // the working views share one folder above the editor area (where Preparation editors open)
        org.eclipse.ui.IFolderLayout main = layout.createFolder("io.walscope.app.main", IPageLayout.TOP, 0.88f,
                layout.getEditorArea());
        main.addView("io.walscope.ui.live");
        main.addView("io.walscope.ui.types");
        main.addPlaceholder("io.walscope.ui.prep.slots");
        main.addPlaceholder("io.walscope.ui.welcome");
        layout.addShowViewShortcut("io.walscope.ui.connections");
        layout.addShowViewShortcut("io.walscope.ui.live");
        layout.addShowViewShortcut("io.walscope.ui.types");
        layout.addShowViewShortcut("io.walscope.ui.welcome");
    }
}
