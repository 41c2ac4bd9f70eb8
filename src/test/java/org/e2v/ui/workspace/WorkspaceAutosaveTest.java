package org.e2v.ui.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.e2v.experiment.workspace.RestoreDecision;
import org.e2v.experiment.workspace.SessionJournal;
import org.e2v.experiment.workspace.Workspace;
import org.e2v.ui.concurrent.Debouncer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceAutosaveTest {
    @TempDir
    Path dir;

    private final List<Runnable> scheduled = new ArrayList<>();
    private final Debouncer.Scheduler scheduler = (task, delay) -> {
        scheduled.add(task);
        return () -> scheduled.remove(task);
    };

    private void runScheduled() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void changesAreWrittenAfterTheQuietPeriodOnly() {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        List<Throwable> errors = new ArrayList<>();
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, errors::add);
        Workspace a = Workspace.empty().withUiState("screen", "corpus");
        Workspace b = a.withUiState("filter", "ang");
        autosave.changed(a);
        autosave.changed(b);
        assertThat(Files.exists(journal.autosaveFile())).isFalse();
        assertThat(scheduled).hasSize(1);
        runScheduled();
        assertThat(journal.loadAutosave()).isEqualTo(b);
        assertThat(errors).isEmpty();
    }

    @Test
    void unchangedWorkspaceIsNotRewritten() throws Exception {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, e -> { });
        autosave.changed(Workspace.empty());
        runScheduled();
        Files.delete(journal.autosaveFile());
        autosave.saveIfChanged();
        assertThat(Files.exists(journal.autosaveFile())).isFalse();
    }

    @Test
    void cleanCloseWritesPendingChangeAndPreventsRestoreOffer() {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, e -> { });
        Workspace w = Workspace.empty().withUiState("k", "v");
        autosave.changed(w);
        autosave.closeCleanly(1000);
        assertThat(journal.loadAutosave()).isEqualTo(w);
        assertThat(new SessionJournal(dir, 2, p -> false).begin(1)).isEqualTo(RestoreDecision.CLEAN_EXIT);
    }

    @Test
    void crashAfterAutosaveIsOfferedForRestore() {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, e -> { });
        autosave.changed(Workspace.empty().withUiState("k", "v"));
        runScheduled();
        autosave.close(); // not a clean exit
        assertThat(new SessionJournal(dir, 2, p -> false).begin(1)).isEqualTo(RestoreDecision.OFFER_RESTORE);
    }

    @Test
    void flushWritesThePendingChangeNowWithoutMarkingTheSessionClosed() {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        List<Throwable> errors = new ArrayList<>();
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, errors::add);
        Workspace w = Workspace.empty().withUiState("k", "v");
        autosave.changed(w);
        assertThat(autosave.flush(1000)).isNull();
        assertThat(scheduled).as("the debounced write is cancelled").isEmpty();
        assertThat(journal.loadAutosave()).isEqualTo(w);
        assertThat(new SessionJournal(dir, 2, p -> false).begin(1)).isEqualTo(RestoreDecision.OFFER_RESTORE);
        assertThat(errors).isEmpty();
    }

    @Test
    void flushOnTheAutosaveThreadWaitsForTheWrite() {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        WorkspaceAutosave autosave = WorkspaceAutosave.start(journal, e -> { });
        try {
            Workspace w = Workspace.empty().withUiState("screen", "train");
            autosave.changed(w);
            assertThat(autosave.flush(5000)).isNull();
            assertThat(journal.loadAutosave()).isEqualTo(w);
        } finally {
            autosave.closeCleanly(5000);
        }
        assertThat(autosave.flush(5000)).as("after a clean close nothing is pending").isNull();
    }

    @Test
    void flushReturnsAFailedWriteInsteadOfCallingTheHandler() throws Exception {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        List<Throwable> errors = new ArrayList<>();
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, errors::add);
        Files.createDirectories(journal.autosaveFile().resolve("blocker"));
        autosave.changed(Workspace.empty().withUiState("k", "v"));
        assertThat(autosave.flush(1000)).contains("workspace.json");
        assertThat(errors).isEmpty();
    }

    @Test
    void failedWriteIsReportedAndRetriedOnTheNextChange() throws Exception {
        SessionJournal journal = new SessionJournal(dir, 1, p -> false);
        journal.begin(0);
        List<Throwable> errors = new ArrayList<>();
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, errors::add);
        // a non-empty folder where the autosave file belongs makes the atomic rename fail
        Files.createDirectories(journal.autosaveFile().resolve("blocker"));
        Workspace w = Workspace.empty().withUiState("k", "v");
        autosave.changed(w);
        runScheduled();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).hasMessageContaining("workspace.json");
        Files.delete(journal.autosaveFile().resolve("blocker"));
        Files.delete(journal.autosaveFile());
        autosave.saveIfChanged();
        assertThat(journal.loadAutosave()).isEqualTo(w);
    }
}
