package org.e2v.experiment.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child process for {@link CrashRestoreTest}: begins a session journal, autosaves {@link #workspace()}
 * and prints "autosaved", then keeps running until it is killed (it never marks the session closed).
 */
public final class CrashingSessionMain {
    private CrashingSessionMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SessionJournal journal = new SessionJournal(Path.of(args[0]));
        journal.begin(System.currentTimeMillis());
        journal.autosave(workspace());
        System.out.println("autosaved");
        System.out.flush();
        Thread.sleep(60_000);
    }

    /** The workspace the crashed session had open. */
    static Workspace workspace() {
        return Workspace.empty().withModel(Path.of("/data/e2v/models/enc.e2vm")).withRun(Path.of("/data/e2v/runs/r1"))
                .withEnrollment(Map.of("angry", List.of("u1", "u7"), "calm", List.of("u3")))
                .withUiState("screen", "enroll");
    }
}
