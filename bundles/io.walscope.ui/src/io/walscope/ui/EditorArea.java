package io.walscope.ui;

import java.util.List;

import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.ui.IWorkbenchWindow;

/**
 * Gives the editor area (where Preparation editors open) a fair share of its column when an editor opens, instead
 * of the strip the perspective leaves it while no editor is open, and gives the views their room back when the last
 * editor closes. Works on the window's e4 model: the weights of
 * the sash that holds the editor area.
 */
public final class EditorArea {
    /** The id of the editor area's placeholder in every perspective. */
    private static final String AREA = "org.eclipse.ui.editorss";
    /** Where the weight the area had before it grew is kept (transient data of its placeholder). */
    private static final String BEFORE = "walscope.editorArea.before";

    private EditorArea() {
    }

    /** Grows the editor area to {@code share} (0..1) of its sash when it holds less; never shrinks it. */
    public static void enlarge(IWorkbenchWindow window, double share) {
        for (MPlaceholder ph : areas(window)) {
            grow(ph, share);
        }
    }

    /** Gives the editor area back the weight it had before {@link #enlarge} (when the last editor closed). */
    public static void restore(IWorkbenchWindow window) {
        for (MPlaceholder ph : areas(window)) {
            Object before = ph.getTransientData().remove(BEFORE);
            if (before instanceof String w) {
                ph.setContainerData(w);
            }
        }
    }

    private static List<MPlaceholder> areas(IWorkbenchWindow window) {
        MWindow mw = window.getService(MWindow.class);
        EModelService ms = window.getService(EModelService.class);
        if (mw == null || ms == null) {
            return List.of();
        }
        return ms.findElements(mw, AREA, MPlaceholder.class, null).stream()
                .filter(ph -> ph.isToBeRendered() && ph.getParent() != null && ph.getWidget() != null).toList();
    }

    private static void grow(MUIElement area, double share) {
        MElementContainer<MUIElement> parent = area.getParent();
        double own = weight(area);
        double others = 0;
        for (MUIElement sibling : parent.getChildren()) {
            if (sibling != area && sibling.isToBeRendered() && sibling.isVisible()) {
                others += weight(sibling);
            }
        }
        if (others <= 0 || own / (own + others) >= share) {
            return;
        }
        area.getTransientData().putIfAbsent(BEFORE, area.getContainerData());
        area.setContainerData(Long.toString(Math.round(share * others / (1 - share))));
    }

    private static double weight(MUIElement e) {
        try {
            return e.getContainerData() == null ? 0 : Double.parseDouble(e.getContainerData());
        } catch (NumberFormatException x) {
            return 0;
        }
    }
}
