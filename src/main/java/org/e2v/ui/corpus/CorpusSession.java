package org.e2v.ui.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.e2v.domain.Corpus;
import org.e2v.domain.Utterance;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.concurrent.ErrorPresenter;
import org.e2v.ui.concurrent.TaskHandle;
import org.e2v.ui.concurrent.UserError;
import org.e2v.ui.workspace.WorkspaceModel;

/**
 * The corpus the workbench has open, shared by every screen (FX thread only). Keeps itself and
 * the workspace in step: opening a corpus records it in the workspace, and opening a workspace
 * that names another corpus loads that one.
 */
public final class CorpusSession {
    private final CorpusOpener opener;
    private final BackgroundRunner runner;
    private final WorkspaceModel workspace;
    private final ErrorPresenter errors;
    private final ReadOnlyObjectWrapper<Corpus> corpus = new ReadOnlyObjectWrapper<>(this, "corpus");
    private final ReadOnlyObjectWrapper<CorpusRef> source = new ReadOnlyObjectWrapper<>(this, "source");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper loadFailure = new ReadOnlyStringWrapper(this, "loadFailure");
    private CorpusRef requested;
    private TaskHandle pending;

    public CorpusSession(CorpusOpener opener, BackgroundRunner runner, WorkspaceModel workspace, ErrorPresenter errors) {
        this.errors = Objects.requireNonNull(errors);
        this.opener = Objects.requireNonNull(opener);
        this.runner = Objects.requireNonNull(runner);
        this.workspace = Objects.requireNonNull(workspace);
        workspace.currentProperty().addListener((obs, old, w) -> followWorkspace(w.corpus()));
    }

    /** The open corpus, or null. */
    public ReadOnlyObjectProperty<Corpus> corpusProperty() {
        return corpus.getReadOnlyProperty();
    }

    public Corpus corpus() {
        return corpus.get();
    }

    /** Where the open corpus came from, or null. */
    public ReadOnlyObjectProperty<CorpusRef> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** True while a corpus is being loaded. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the last quiet load (at start or from a workspace) failed, or null. */
    public ReadOnlyStringProperty loadFailureProperty() {
        return loadFailure.getReadOnlyProperty();
    }

    /** Opens a corpus the user chose; a failure is shown in an error dialog. */
    public void open(CorpusRef ref) {
        load(ref, false, true);
    }

    /**
     * Opens a corpus the user did not explicitly pick now (the demo corpus at start, the corpus of
     * a restored workspace): a failure is kept in {@link #loadFailureProperty()} for the empty
     * state rather than interrupting with a dialog, and the workspace stays unmodified.
     */
    public void openQuietly(CorpusRef ref) {
        load(ref, true, false);
    }

    /**
     * Adds a recording that {@link org.e2v.data.RecordingStore} has saved and listed to the open
     * corpus at once (the table shows it without reloading). With no corpus open, the manifest the
     * recording was listed in is opened instead.
     */
    public void addRecording(Utterance utterance, org.e2v.data.RecordingStore.Target target) {
        Corpus c = corpus.get();
        if (c == null) {
            open(new CorpusRef(target.listFile(), "manifest"));
            return;
        }
        List<Utterance> all = new ArrayList<>(c.utterances());
        all.add(utterance);
        corpus.set(new Corpus(c.name(), c.root(), c.format(), all, c.problems()));
    }

    private void followWorkspace(CorpusRef wanted) {
        if (Objects.equals(wanted, source.get()) || (wanted != null && wanted.equals(requested))) {
            return;
        }
        if (wanted == null) {
            cancelPending();
            corpus.set(null);
            source.set(null);
            loadFailure.set(null);
            return;
        }
        load(wanted, true, false);
    }

    private void load(CorpusRef ref, boolean quiet, boolean userEdit) {
        cancelPending();
        requested = ref;
        loading.set(true);
        pending = runner.run("Opening corpus " + ref.path().getFileName(),
                (progress, cancel) -> opener.open(ref.path(), ref.format(), progress, cancel),
                loaded -> {
                    if (!ref.equals(requested)) {
                        return; // superseded by a later request
                    }
                    finish();
                    loadFailure.set(null);
                    source.set(ref);
                    corpus.set(loaded);
                    if (userEdit) {
                        workspace.update(w -> w.withCorpus(ref));
                    } else {
                        workspace.updateSilently(w -> w.withCorpus(ref));
                    }
                },
                quiet ? error -> {
                    if (ref.equals(requested)) {
                        finish();
                        loadFailure.set(UserError.of(error).message());
                    }
                } : error -> {
                    if (ref.equals(requested)) {
                        finish();
                    }
                    errors.show("Opening corpus", error);
                });
    }

    private void finish() {
        requested = null;
        pending = null;
        loading.set(false);
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        requested = null;
        loading.set(false);
    }
}
