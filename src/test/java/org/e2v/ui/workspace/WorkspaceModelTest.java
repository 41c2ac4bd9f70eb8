package org.e2v.ui.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.experiment.workspace.Workspace;
import org.junit.jupiter.api.Test;

class WorkspaceModelTest {
    private final WorkspaceModel model = new WorkspaceModel();

    @Test
    void userChangeMakesTheWorkspaceDirtyAndSavingCleansIt() {
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.displayName()).isEqualTo("Untitled workspace");
        model.update(w -> w.withCorpus(new CorpusRef(Path.of("/c/m.csv"), "manifest")));
        assertThat(model.dirtyProperty().get()).isTrue();
        assertThat(model.displayName()).isEqualTo("Untitled workspace *");
        model.markSaved(model.current(), Path.of("/w/study.e2v.json"));
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.displayName()).isEqualTo("study.e2v.json");
    }

    @Test
    void silentChangeKeepsACleanWorkspaceClean() {
        model.updateSilently(w -> w.withUiState("screen", "corpus"));
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.current().uiState()).containsEntry("screen", "corpus");
        model.update(w -> w.withUiState("filter", "x"));
        model.updateSilently(w -> w.withUiState("screen", "train"));
        assertThat(model.dirtyProperty().get()).isTrue();
    }

    @Test
    void restoredAutosaveIsUntitledAndDirty() {
        model.replace(Workspace.empty(), Path.of("/w/a.e2v.json"));
        model.restore(Workspace.empty().withUiState("k", "v"));
        assertThat(model.fileProperty().get()).isNull();
        assertThat(model.dirtyProperty().get()).isTrue();
    }
}
