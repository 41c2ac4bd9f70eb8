package org.e2v.ui.workspace;

import java.nio.file.Path;
import org.e2v.experiment.workspace.SessionJournal;
import org.e2v.experiment.workspace.Workspace;

/**
 * Child process for {@link TerminatedSessionTest}: begins a session, autosaves one workspace, changes
 * it (the change waits for the autosave's quiet period), prints "changed" and keeps running until it
 * is stopped. Registers the exit flush as the workbench does.
 */
public final class TerminatedSessionMain {
    private TerminatedSessionMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SessionJournal journal = new SessionJournal(Path.of(args[0]));
        journal.begin(System.currentTimeMillis());
        WorkspaceAutosave autosave = WorkspaceAutosave.start(journal, e -> e.printStackTrace());
        autosave.flushOnExit(3_000);
        autosave.changed(first());
        autosave.flush(3_000);
        autosave.changed(last());
        System.out.println("changed");
        System.out.flush();
        Thread.sleep(60_000);
    }

    static Workspace first() {
        return Workspace.empty().withUiState("screen", "corpus");
    }

    /** The change made less than the quiet period before the process was stopped. */
    static Workspace last() {
        return first().withUiState("screen", "enroll").withUiState("filter", "ang");
    }
}
