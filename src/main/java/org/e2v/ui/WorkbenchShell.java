package org.e2v.ui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.e2v.common.StartupClock;
import org.e2v.common.AppInfo;
import org.e2v.domain.Corpus;
import org.e2v.experiment.workspace.RestoreDecision;
import org.e2v.experiment.workspace.SessionJournal;
import org.e2v.experiment.workspace.Workspace;
import org.e2v.experiment.workspace.WorkspaceStore;
import org.e2v.ui.concurrent.ServiceTask;
import org.e2v.ui.concurrent.UiTaskExecutor;
import org.e2v.ui.concurrent.UserError;
import org.e2v.ui.corpus.CorpusSession;
import org.e2v.ui.workspace.WorkspaceAutosave;
import org.e2v.ui.workspace.WorkspaceModel;

/**
 * The main window: menu bar, header (app, workspace, corpus), side navigation over the registered
 * screens, and a status bar with the running job (progress, Cancel) and the compute backend.
 * Also the workspace file actions and autosave. Built and used on the FX thread.
 */
public final class WorkbenchShell {
    /** Workspace files: "name.e2v.json". */
    public static final String WORKSPACE_SUFFIX = ".e2v.json";

    private final WorkbenchSetup setup;
    private final Stage stage;
    private final SessionJournal journal;
    private final UiTaskExecutor executor;
    private final Dialogs dialogs;
    private final WorkspaceModel workspace = new WorkspaceModel();
    private final CorpusSession corpusSession;
    private final WorkbenchContext context;
    private final ReadOnlyObjectWrapper<Theme> theme;
    private final Map<String, ScreenRegistration> registrations = new LinkedHashMap<>();
    private final Map<String, Screen> screens = new LinkedHashMap<>();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final StackPane content = new StackPane();
    private final Label workspaceLabel = new Label();
    private final Label corpusLabel = new Label();
    private final Label notification = new Label();
    private final Label backendLabel = new Label("ND4J: starting…");
    private final Map<Theme, RadioMenuItem> themeItems = new LinkedHashMap<>();
    private final Scene scene;
    private UserSettings settings;
    private WorkspaceAutosave autosave;
    private Thread autosaveOnExit;
    private String currentScreenId;

    /**
     * @param setup    screens and services
     * @param settings the user's settings (read before the window opens, off the FX thread)
     * @param journal  the autosave journal, already {@linkplain SessionJournal#begin begun}
     * @param stage    the window to fill
     */
    public WorkbenchShell(WorkbenchSetup setup, UserSettings settings, SessionJournal journal, Stage stage) {
        this.setup = setup;
        this.settings = settings;
        this.journal = journal;
        this.stage = stage;
        this.theme = new ReadOnlyObjectWrapper<>(this, "theme", settings.theme());
        this.dialogs = new Dialogs(() -> stage, this::stylesheets);
        this.executor = new UiTaskExecutor(3, dialogs);
        this.corpusSession = new CorpusSession(setup.corpusOpener(), executor, workspace, dialogs);
        this.context = new WorkbenchContext(executor, workspace, corpusSession, dialogs, theme.getReadOnlyProperty(),
                () -> stage, this::notifyUser, this::showScreen, setup);
        setup.screens().forEach(r -> registrations.put(r.id(), r));

        BorderPane root = new BorderPane();
        root.getStyleClass().add("workbench");
        root.setTop(new VBox(menuBar(), header()));
        root.setLeft(navigation());
        content.getStyleClass().add("screen-area");
        root.setCenter(content);
        root.setBottom(statusBar());
        scene = new Scene(root, 1280, 800);
        scene.getStylesheets().setAll(stylesheets());
        theme.addListener((obs, o, t) -> scene.getStylesheets().setAll(stylesheets()));

        workspace.currentProperty().addListener((obs, o, w) -> {
            refreshTitles();
            if (autosave != null) {
                autosave.changed(w);
            }
            String wanted = w.uiState().get("screen");
            if (wanted != null && !wanted.equals(currentScreenId) && registrations.containsKey(wanted)) {
                showScreen(wanted);
            }
        });
        workspace.dirtyProperty().addListener((obs, o, d) -> refreshTitles());
        workspace.fileProperty().addListener((obs, o, f) -> refreshTitles());
        corpusSession.corpusProperty().addListener((obs, o, c) -> refreshTitles());
        corpusSession.loadingProperty().addListener((obs, o, l) -> refreshTitles());

        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(this::onCloseRequest);
        refreshTitles();
        if (!registrations.isEmpty()) {
            showScreen(registrations.keySet().iterator().next());
        }
    }

    /** Starts what needs the window on screen: autosave, backend lookup, restore offer, startup corpus. */
    public void started(RestoreDecision decision) {
        autosave = WorkspaceAutosave.start(journal,
                e -> Platform.runLater(() -> notifyUser("Autosave failed: " + UserError.of(e).message())));
        // stopped from outside (SIGTERM, Ctrl+C, logging out): write the changes of the last second too
        autosaveOnExit = autosave.flushOnExit(3_000);
        executor.run("Checking compute backend", (p, c) -> setup.backendDescriber().get(),
                text -> backendLabel.setText(text),
                error -> {
                    backendLabel.setText("ND4J: unavailable");
                    backendLabel.setTooltip(new Tooltip(UserError.of(error).message()));
                });
        if (decision == RestoreDecision.OFFER_RESTORE) {
            executor.run("Reading autosave", (p, c) -> journal.loadAutosave(), this::offerRestore, error -> {
                notifyUser("The autosaved workspace could not be read: " + UserError.of(error).message());
                openStartupCorpus();
            });
        } else {
            openStartupCorpus();
        }
        corpusSession.corpusProperty().addListener((o, old, c) -> {
            if (c != null) {
                StartupClock.mark("corpus opened");
                // Create the screens that start work of their own on a corpus (the Enroll screen
                // embeds it) now rather than on their first visit. Not earlier: building them on the
                // FX thread before the first frame would delay the window.
                warmScreens();
            }
        });
    }

    private void warmScreens() {
        for (ScreenRegistration reg : registrations.values()) {
            if (reg.warmOnStart()) {
                screens.computeIfAbsent(reg.id(), k -> reg.factory().create(context));
            }
        }
    }

    private void offerRestore(Workspace saved) {
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType fresh = new ButtonType("Start fresh", ButtonBar.ButtonData.NO);
        Optional<ButtonType> answer = dialogs.ask("Restore workspace",
                "e2v did not close properly last time",
                "Your work up to the last autosave was kept. Restore it?", restore, fresh);
        if (answer.isPresent() && answer.get() == restore) {
            workspace.restore(saved);
            notifyUser("Restored the autosaved workspace.");
        } else {
            openStartupCorpus();
        }
    }

    private void openStartupCorpus() {
        if (setup.startupCorpus() != null && corpusSession.corpus() == null) {
            corpusSession.openQuietly(setup.startupCorpus());
        }
    }

    /** Clean exit: writes the autosave, marks the session closed and stops background jobs. */
    public void shutdown() {
        if (autosave != null) {
            WorkspaceAutosave.removeExitFlush(autosaveOnExit);
            autosave.closeCleanly(5_000);
            autosave = null;
        }
        executor.close();
    }

    public Scene scene() {
        return scene;
    }

    public WorkbenchContext context() {
        return context;
    }

    public UiTaskExecutor executor() {
        return executor;
    }

    /** The id of the visible screen, or null when none is registered. */
    public String currentScreenId() {
        return currentScreenId;
    }

    public Theme theme() {
        return theme.get();
    }

    /** Switches the colour theme and remembers it in the user settings. */
    public void setTheme(Theme newTheme) {
        if (newTheme == theme.get()) {
            return;
        }
        theme.set(newTheme);
        themeItems.get(newTheme).setSelected(true);
        saveSettings(settings.withTheme(newTheme));
    }

    /** Shows the screen with id {@code id}, creating it on first use. */
    public void showScreen(String id) {
        ScreenRegistration reg = registrations.get(id);
        if (reg == null || id.equals(currentScreenId)) {
            return;
        }
        if (currentScreenId != null) {
            screens.get(currentScreenId).hidden();
        }
        Screen screen = screens.computeIfAbsent(id, k -> reg.factory().create(context));
        content.getChildren().setAll(screen.view());
        currentScreenId = id;
        navButtons.get(id).setSelected(true);
        screen.shown();
        if (!id.equals(workspace.current().uiState().get("screen"))) {
            workspace.updateSilently(w -> w.withUiState("screen", id));
        }
    }

    private List<String> stylesheets() {
        return List.of(theme.get().stylesheet(), Theme.baseStylesheet());
    }

    private MenuBar menuBar() {
        MenuItem newWs = item("New workspace", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newWorkspace);
        MenuItem open = item("Open workspace…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openWorkspace);
        MenuItem save = item("Save workspace", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveWorkspace);
        MenuItem saveAs = item("Save workspace as…",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::saveWorkspaceAs);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        Menu file = new Menu("File", null, newWs, open, new SeparatorMenuItem(), save, saveAs, new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        ToggleGroup themes = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem ti = new RadioMenuItem(t.displayName() + " theme");
            ti.setId("theme-" + t.name().toLowerCase(java.util.Locale.ROOT));
            ti.setToggleGroup(themes);
            ti.setSelected(t == theme.get());
            ti.setOnAction(e -> setTheme(t));
            themeItems.put(t, ti);
            view.getItems().add(ti);
        }
        if (!registrations.isEmpty()) {
            view.getItems().add(new SeparatorMenuItem());
            int n = 1;
            for (ScreenRegistration r : registrations.values()) {
                MenuItem go = new MenuItem("Go to " + r.title());
                if (n <= 9) {
                    go.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(n)), KeyCombination.SHORTCUT_DOWN));
                }
                go.setOnAction(e -> showScreen(r.id()));
                view.getItems().add(go);
                n++;
            }
        }
        Menu help = new Menu("Help", null, item("About e2v", null, () -> dialogs.info("About e2v",
                "e2v " + AppInfo.version() + " – Enroll-to-Verify Workbench\n\n"
                        + "Enroll about ten utterances of a new emotion class; queries are verified against the "
                        + "class prototypes by cosine distance.\n\nUser data: " + setup.userDir())));
        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem mi = new MenuItem(text);
        if (accelerator != null) {
            mi.setAccelerator(accelerator);
        }
        mi.setOnAction(e -> action.run());
        return mi;
    }

    private Node header() {
        Label app = new Label("e2v");
        app.getStyleClass().add("app-name");
        Label subtitle = new Label("Enroll-to-Verify Workbench");
        subtitle.getStyleClass().add("app-subtitle");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        workspaceLabel.setId("header-workspace");
        workspaceLabel.getStyleClass().add("header-item");
        corpusLabel.setId("header-corpus");
        corpusLabel.getStyleClass().add("header-item");
        HBox header = new HBox(12, app, subtitle, spacer, workspaceLabel, corpusLabel);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    private Node navigation() {
        VBox nav = new VBox();
        nav.getStyleClass().add("nav");
        int n = 1;
        for (ScreenRegistration r : registrations.values()) {
            ToggleButton b = new ToggleButton(r.title());
            b.setId("nav-" + r.id());
            b.getStyleClass().add("nav-item");
            b.setToggleGroup(navGroup);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setTooltip(new Tooltip(r.title() + (n <= 9 ? "  (Ctrl+" + n + ")" : "")));
            b.setOnAction(e -> {
                if (!b.isSelected()) {
                    b.setSelected(true); // one screen is always shown: clicking the current one keeps it
                }
                showScreen(r.id());
            });
            navButtons.put(r.id(), b);
            nav.getChildren().add(b);
            n++;
        }
        return nav;
    }

    private Node statusBar() {
        Label taskTitle = new Label();
        taskTitle.getStyleClass().add("task-title");
        Label taskMessage = new Label();
        taskMessage.getStyleClass().add("task-message");
        taskMessage.setMinWidth(0);
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(160);
        Button cancel = new Button("Cancel");
        cancel.setId("task-cancel");
        cancel.getStyleClass().add("small");
        Label more = new Label();
        more.getStyleClass().add("task-more");
        HBox taskBox = new HBox(8, taskTitle, bar, taskMessage, cancel, more);
        taskBox.setId("task-box");
        taskBox.setAlignment(Pos.CENTER_LEFT);
        taskBox.managedProperty().bind(taskBox.visibleProperty());
        taskBox.setVisible(false);

        notification.setId("status-notification");
        notification.getStyleClass().add("notification");
        notification.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        backendLabel.setId("status-backend");
        backendLabel.getStyleClass().add("backend");
        HBox status = new HBox(12, taskBox, notification, spacer, backendLabel);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");
        status.setPadding(new Insets(4, 12, 4, 12));

        executor.running().addListener((ListChangeListener<ServiceTask<?>>) change -> {
            List<ServiceTask<?>> tasks = executor.running();
            taskTitle.textProperty().unbind();
            taskMessage.textProperty().unbind();
            bar.progressProperty().unbind();
            if (tasks.isEmpty()) {
                taskBox.setVisible(false);
                return;
            }
            ServiceTask<?> first = tasks.get(0);
            taskTitle.textProperty().bind(first.titleProperty());
            taskMessage.textProperty().bind(first.messageProperty());
            bar.progressProperty().bind(first.progressProperty());
            cancel.setOnAction(e -> first.cancel());
            more.setText(tasks.size() > 1 ? "+" + (tasks.size() - 1) + " more" : "");
            taskBox.setVisible(true);
        });
        return status;
    }

    private void notifyUser(String message) {
        notification.setText(message);
    }

    private void refreshTitles() {
        String ws = workspace.displayName();
        workspaceLabel.setText(ws);
        Corpus c = corpusSession.corpus();
        if (corpusSession.loadingProperty().get()) {
            corpusLabel.setText("Corpus: loading…");
        } else if (c == null) {
            corpusLabel.setText("No corpus open");
        } else {
            corpusLabel.setText("Corpus: " + c.name() + " · " + c.utterances().size() + " utterances");
        }
        stage.setTitle("e2v – " + ws);
    }

    private void saveSettings(UserSettings updated) {
        settings = updated;
        Path file = setup.settingsFile();
        executor.run("Saving settings", (p, c) -> {
            updated.save(file);
            return updated;
        }, s -> { }, e -> notifyUser("Settings could not be saved: " + UserError.of(e).message()));
    }

    // ---- workspace files ----

    /** Runs {@code then} once unsaved changes are saved or discarded; not at all on Cancel. */
    private void whenChangesHandled(String action, Runnable then) {
        if (!workspace.dirtyProperty().get()) {
            then.run();
            return;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Optional<ButtonType> answer = dialogs.ask(action, "Save changes to " + workspace.displayName().replace(" *", "") + "?",
                "Your changes will be lost if you don't save them.", save, discard, ButtonType.CANCEL);
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return;
        }
        if (answer.get() == discard) {
            then.run();
            return;
        }
        Path target = workspace.fileProperty().get() != null ? workspace.fileProperty().get() : chooseSaveFile();
        if (target != null) {
            saveWorkspaceTo(target, then);
        }
    }

    private void newWorkspace() {
        whenChangesHandled("New workspace", () -> workspace.replace(Workspace.empty(), null));
    }

    private void openWorkspace() {
        whenChangesHandled("Open workspace", () -> {
            java.io.File f = workspaceChooser("Open workspace").showOpenDialog(stage);
            if (f != null) {
                openWorkspace(f.toPath());
            }
        });
    }

    /** Loads a workspace file in the background and makes it current. */
    public void openWorkspace(Path file) {
        executor.run("Opening workspace " + file.getFileName(), (p, c) -> WorkspaceStore.load(file), w -> {
            workspace.replace(w, file);
            saveSettings(settings.withLastWorkspace(file));
            notifyUser("Opened " + file);
        });
    }

    private void saveWorkspace() {
        Path f = workspace.fileProperty().get();
        if (f == null) {
            saveWorkspaceAs();
        } else {
            saveWorkspaceTo(f, () -> { });
        }
    }

    private void saveWorkspaceAs() {
        Path f = chooseSaveFile();
        if (f != null) {
            saveWorkspaceTo(f, () -> { });
        }
    }

    /** Saves the current workspace to {@code file} in the background, then runs {@code then}. */
    public void saveWorkspaceTo(Path file, Runnable then) {
        Workspace snapshot = workspace.current();
        executor.run("Saving workspace", (p, c) -> {
            WorkspaceStore.save(file, snapshot);
            return file;
        }, saved -> {
            workspace.markSaved(snapshot, saved);
            saveSettings(settings.withLastWorkspace(saved));
            notifyUser("Saved " + saved);
            then.run();
        });
    }

    private Path chooseSaveFile() {
        FileChooser chooser = workspaceChooser("Save workspace");
        Path current = workspace.fileProperty().get();
        chooser.setInitialFileName(current == null ? "workspace" + WORKSPACE_SUFFIX : current.getFileName().toString());
        java.io.File f = chooser.showSaveDialog(stage);
        if (f == null) {
            return null;
        }
        String name = f.getName();
        return name.endsWith(".json") ? f.toPath() : f.toPath().resolveSibling(name + WORKSPACE_SUFFIX);
    }

    private FileChooser workspaceChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("e2v workspaces", "*" + WORKSPACE_SUFFIX),
                new FileChooser.ExtensionFilter("JSON files", "*.json"));
        Path last = settings.lastWorkspace();
        if (last != null && last.getParent() != null && last.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(last.getParent().toFile());
        }
        return chooser;
    }

    private void onCloseRequest(WindowEvent e) {
        // the window stays open until changes are saved or discarded; then the app exits
        e.consume();
        whenChangesHandled("Quit", Platform::exit);
    }
}
