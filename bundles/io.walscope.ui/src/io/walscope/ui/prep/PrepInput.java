package io.walscope.ui.prep;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import io.walscope.core.profile.ConnectionProfile;

/** The editor input of the Preparation editor: one per profile (opening it again re-activates the editor). */
public final class PrepInput implements IEditorInput {
    private final ConnectionProfile profile;

    public PrepInput(ConnectionProfile profile) {
        this.profile = profile.copy();
    }

    public ConnectionProfile profile() {
        return profile;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    public String getName() {
        return String.format(Messages.EDITOR_TITLE, profile.getName());
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return profile.describe();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrepInput p && p.profile.getName().equals(profile.getName());
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile.getName());
    }
}
