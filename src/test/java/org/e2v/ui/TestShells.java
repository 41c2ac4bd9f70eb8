package org.e2v.ui;

import javafx.stage.Stage;
import org.e2v.experiment.workspace.RestoreDecision;
import org.e2v.experiment.workspace.SessionJournal;

/** Starts the real main window for TestFX tests the way {@link WorkbenchApp} does, with default settings. */
public final class TestShells {
    private TestShells() {
    }

    /** Builds the shell for {@code setup}, shows {@code stage} and runs the start-up (journal, startup corpus). */
    public static WorkbenchShell start(WorkbenchSetup setup, Stage stage) {
        SessionJournal journal = new SessionJournal(setup.autosaveDir());
        RestoreDecision decision = journal.begin(0);
        WorkbenchShell shell = new WorkbenchShell(setup, UserSettings.defaults(), journal, stage);
        stage.show();
        shell.started(decision);
        return shell;
    }
}
