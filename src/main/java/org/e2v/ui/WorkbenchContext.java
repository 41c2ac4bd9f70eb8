package org.e2v.ui;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.stage.Window;
import org.e2v.audio.CaptureLineSource;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.corpus.CorpusSession;
import org.e2v.ui.workspace.WorkspaceModel;

/**
 * What every screen gets from the shell: background execution, the workspace, the open corpus,
 * dialogs, the theme, and ways to reach the window and the status bar. FX thread only.
 */
public final class WorkbenchContext {
    private final BackgroundRunner tasks;
    private final WorkspaceModel workspace;
    private final CorpusSession corpus;
    private final Dialogs dialogs;
    private final ReadOnlyObjectProperty<Theme> theme;
    private final Supplier<Window> window;
    private final Consumer<String> notifier;
    private final Consumer<String> navigator;
    private final WorkbenchSetup setup;

    WorkbenchContext(BackgroundRunner tasks, WorkspaceModel workspace, CorpusSession corpus, Dialogs dialogs,
                     ReadOnlyObjectProperty<Theme> theme, Supplier<Window> window, Consumer<String> notifier,
                     Consumer<String> navigator, WorkbenchSetup setup) {
        this.setup = setup;
        this.tasks = tasks;
        this.workspace = workspace;
        this.corpus = corpus;
        this.dialogs = dialogs;
        this.theme = theme;
        this.window = window;
        this.notifier = notifier;
        this.navigator = navigator;
    }

    /** Runs service calls in the background (progress and Cancel appear in the status bar). */
    public BackgroundRunner tasks() {
        return tasks;
    }

    /** The open workspace. */
    public WorkspaceModel workspace() {
        return workspace;
    }

    /** The open corpus, shared by all screens. */
    public CorpusSession corpus() {
        return corpus;
    }

    public Dialogs dialogs() {
        return dialogs;
    }

    /** The current theme (charts and canvases pick their colours from it). */
    public ReadOnlyObjectProperty<Theme> theme() {
        return theme;
    }

    /** The main window, as owner for file choosers. */
    public Window window() {
        return window.get();
    }

    /** Shows a short message in the status bar (replaced by the next one). */
    public void notify(String message) {
        notifier.accept(message);
    }

    /** Switches to the screen with the given id (ignored when no such screen is registered). */
    public void showScreen(String id) {
        navigator.accept(id);
    }

    /** The user's e2v folder (settings, autosaves, recordings that cannot join the open corpus). */
    public Path userDir() {
        return setup.userDir();
    }

    /** The shipped resources folder (demo corpus); screens never write into it. */
    public Path resourcesDir() {
        return setup.resourcesDir();
    }

    /** The microphone (a synthetic line in tests). */
    public CaptureLineSource captureSource() {
        return setup.captureSource();
    }
}
