package org.e2v.ui;

import java.util.Objects;
import javafx.application.Application;
import javafx.stage.Stage;
import org.e2v.common.StartupClock;
import org.e2v.experiment.workspace.RestoreDecision;
import org.e2v.experiment.workspace.SessionJournal;

/**
 * The JavaFX application. Reads settings and the autosave journal in {@link #init()} (on the
 * launcher thread, so the FX thread touches no files), shows the window in {@link #start}, and
 * closes the session cleanly in {@link #stop()}. Start it with {@link Workbench#launch}.
 */
public class WorkbenchApp extends Application {
    private static volatile WorkbenchSetup pendingSetup;

    private WorkbenchSetup setup;
    private UserSettings settings;
    private SessionJournal journal;
    private RestoreDecision decision;
    private WorkbenchShell shell;

    static void prepare(WorkbenchSetup setup) {
        pendingSetup = Objects.requireNonNull(setup);
    }

    @Override
    public void init() {
        StartupClock.mark("JavaFX started");
        setup = pendingSetup != null ? pendingSetup : WorkbenchSetup.standard();
        settings = UserSettings.load(setup.settingsFile());
        journal = new SessionJournal(setup.autosaveDir());
        decision = journal.begin(System.currentTimeMillis());
    }

    @Override
    public void start(Stage stage) {
        StartupClock.mark("settings read");
        shell = new WorkbenchShell(setup, settings, journal, stage);
        stage.setOnShown(e -> StartupClock.mark("window shown"));
        stage.show();
        shell.started(decision);
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
    }
}
