package org.e2v.ui.workspace;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.e2v.experiment.workspace.Workspace;

/**
 * The open workspace as observable state (FX thread only). Screens change it through
 * {@link #update}; the shell saves it, autosaves it, and shows its name and whether it has
 * unsaved changes. The value is an immutable {@link Workspace}, so listeners can hand it to a
 * background thread as is.
 */
public final class WorkspaceModel {
    private final ObjectProperty<Workspace> current = new SimpleObjectProperty<>(this, "current", Workspace.empty());
    private final ObjectProperty<Workspace> baseline = new SimpleObjectProperty<>(this, "baseline", Workspace.empty());
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final BooleanBinding dirty = Bindings.createBooleanBinding(
            () -> !Objects.equals(current.get(), baseline.get()), current, baseline);

    public ReadOnlyObjectProperty<Workspace> currentProperty() {
        return current;
    }

    public Workspace current() {
        return current.get();
    }

    /** The file this workspace was opened from or last saved to; null while untitled. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file;
    }

    /** True when the workspace differs from what was last opened or saved. */
    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    /** Applies a change made by the user (marks the workspace dirty when it changes anything). */
    public void update(UnaryOperator<Workspace> change) {
        current.set(Objects.requireNonNull(change.apply(current.get())));
    }

    /**
     * Applies a change that is not the user's edit (restoring state the workspace already
     * implied, such as the default corpus opened at start): the workspace stays clean if it was.
     */
    public void updateSilently(UnaryOperator<Workspace> change) {
        boolean wasDirty = dirty.get();
        update(change);
        if (!wasDirty) {
            baseline.set(current.get());
        }
    }

    /** Replaces the whole workspace after opening {@code from} (null for a new/untitled one). */
    public void replace(Workspace workspace, Path from) {
        current.set(Objects.requireNonNull(workspace));
        baseline.set(workspace);
        file.set(from);
    }

    /** Replaces the workspace with a restored autosave: untitled and dirty, so the user saves it. */
    public void restore(Workspace workspace) {
        baseline.set(Workspace.empty());
        file.set(null);
        current.set(Objects.requireNonNull(workspace));
    }

    /** Records that {@code snapshot} was saved to {@code to}. */
    public void markSaved(Workspace snapshot, Path to) {
        baseline.set(snapshot);
        file.set(to);
    }

    /** "name.e2v.json" or "Untitled workspace", with "*" when there are unsaved changes. */
    public String displayName() {
        Path f = file.get();
        String name = f == null ? "Untitled workspace" : f.getFileName().toString();
        return dirty.get() ? name + " *" : name;
    }
}
