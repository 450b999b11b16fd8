package io.walscope.ui.prep;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.connections.ConnectionsView;

/** The Slots view: the slots of the connection selected in the Connections view (see {@link SlotsPanel}). */
public final class SlotsView extends ViewPart {
    public static final String ID = "io.walscope.ui.prep.slots";
    private SlotsPanel panel;
    private final ISelectionListener listener = (part, selection) -> {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof ConnectionProfile p) {
            follow(p);
        }
    };
    private String current;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new FillLayout());
        panel = new SlotsPanel(parent);
        getSite().getPage().addPostSelectionListener(ConnectionsView.ID, listener);
        if (getSite().getPage().findView(ConnectionsView.ID) instanceof ConnectionsView v && v.selected() != null) {
            follow(v.selected());
        }
    }

    private void follow(ConnectionProfile p) {
        String key = p.getName() + "@" + p.describe();
        if (key.equals(current)) {
            return;
        }
        current = key;
        boolean usable = !p.isDemo() || p.getPort() != 0;
        panel.setTarget(usable ? p : null, () -> ProfileSecrets.of(p));
    }

    public SlotsPanel panel() {
        return panel;
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(ConnectionsView.ID, listener);
        super.dispose();
    }
}
