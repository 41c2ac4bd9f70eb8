package org.e2v.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.e2v.domain.Corpus;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.experiment.workspace.WorkspaceStore;
import org.e2v.ui.corpus.CorpusScreen;
import org.e2v.ui.corpus.TestCorpora;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window, headless: navigation, theme switching, startup corpus, workspace saving. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchShellTest {
    @TempDir
    static Path dir;

    private WorkbenchShell shell;
    private final java.util.concurrent.atomic.AtomicInteger warmCreations = new java.util.concurrent.atomic.AtomicInteger();
    private Path userDir;

    @Start
    void start(Stage stage) throws Exception {
        userDir = Files.createTempDirectory(dir, "home");
        Path corpusDir = Files.createTempDirectory(dir, "corpus");
        Corpus corpus = TestCorpora.sixUtterances(corpusDir);
        WorkbenchSetup setup = new WorkbenchSetup()
                .screen(CorpusScreen.REGISTRATION)
                .screen("notes", "Notes", ctx -> () -> new StackPane(new Label("Notes screen")))
                .screen(new ScreenRegistration("warm", "Warm", ctx -> {
                    warmCreations.incrementAndGet();
                    return () -> new StackPane(new Label("Warm screen"));
                }).warmedOnStart())
                .corpusOpener((path, format, progress, cancel) -> corpus)
                .backendDescriber(() -> "ND4J test backend")
                .userDir(userDir)
                .startupCorpus(new CorpusRef(corpusDir.resolve("manifest.csv"), "manifest"));
        shell = TestShells.start(setup, stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::shutdown).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWarmedScreenIsCreatedRightAfterStartAndOnlyOnce(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> warmCreations.get() == 1);
        assertThat(shell.currentScreenId()).isEqualTo("corpus");
        robot.clickOn("#nav-warm");
        assertThat(robot.lookup("Warm screen").tryQuery()).isPresent();
        assertThat(warmCreations.get()).isEqualTo(1);
        assertThat(org.e2v.common.StartupClock.marks()).containsKey("corpus opened");
    }

    @Test
    void navigationSwitchesScreensAndRemembersTheScreen(FxRobot robot) {
        assertThat(shell.currentScreenId()).isEqualTo("corpus");
        assertThat(robot.lookup("#corpus-table").tryQuery()).isPresent();
        robot.clickOn("#nav-notes");
        assertThat(shell.currentScreenId()).isEqualTo("notes");
        assertThat(robot.lookup("Notes screen").tryQuery()).isPresent();
        assertThat(robot.lookup("#corpus-table").tryQuery()).isEmpty();
        assertThat(shell.context().workspace().current().uiState()).containsEntry("screen", "notes");
        robot.clickOn("#nav-notes"); // clicking the current screen keeps it selected
        assertThat(robot.lookup("#nav-notes").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        robot.clickOn("#nav-corpus");
        assertThat(shell.currentScreenId()).isEqualTo("corpus");
    }

    @Test
    void themeToggleSwapsTheStylesheetAndIsRemembered(FxRobot robot) throws Exception {
        assertThat(shell.scene().getStylesheets()).containsExactly(Theme.LIGHT.stylesheet(), Theme.baseStylesheet());
        robot.clickOn("View").clickOn("Dark theme");
        assertThat(shell.theme()).isEqualTo(Theme.DARK);
        assertThat(shell.scene().getStylesheets()).containsExactly(Theme.DARK.stylesheet(), Theme.baseStylesheet());
        Path settings = userDir.resolve("settings.json");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(settings));
        assertThat(UserSettings.load(settings).theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void startupCorpusAndBackendAppearInHeaderAndStatusBar(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#header-corpus").queryLabeled().getText().contains("6 utterances"));
        assertThat(robot.lookup("#header-corpus").queryLabeled().getText()).isEqualTo("Corpus: six · 6 utterances");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#status-backend").queryLabeled().getText().equals("ND4J test backend"));
        // the corpus opened at start is not a user edit: nothing to save yet
        assertThat(robot.lookup("#header-workspace").queryLabeled().getText()).isEqualTo("Untitled workspace");
    }

    @Test
    void savingWritesTheWorkspaceAndClearsTheUnsavedMark(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shell.context().corpus().corpus() != null);
        robot.interact(() -> shell.context().workspace().update(w -> w.withEnrollment(
                java.util.Map.of("angry", java.util.List.of("utt0", "utt3")))));
        assertThat(robot.lookup("#header-workspace").queryLabeled().getText()).isEqualTo("Untitled workspace *");
        Path file = dir.resolve("study" + WorkbenchShell.WORKSPACE_SUFFIX);
        robot.interact(() -> shell.saveWorkspaceTo(file, () -> { }));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#header-workspace").queryLabeled().getText().equals("study.e2v.json"));
        assertThat(WorkspaceStore.load(file).enrollment()).containsEntry("angry", java.util.List.of("utt0", "utt3"));
        assertThat(WorkspaceStore.load(file).corpus()).isEqualTo(shell.context().corpus().sourceProperty().get());
    }
}
