package org.e2v.ui.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.e2v.audio.AudioFiles;
import org.e2v.domain.Corpus;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.ui.TestShells;
import org.e2v.ui.WorkbenchSetup;
import org.e2v.ui.WorkbenchShell;
import org.e2v.ui.features.FeaturesScreen;
import org.e2v.ui.features.FeaturesViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Corpus screen's "Record…" dialog with a synthetic microphone, and the .npy feature check
 * handing its folder to the Features screen, in the real window (headless).
 */
@ExtendWith(ApplicationExtension.class)
class RecordAndImportFxTest {
    @TempDir
    static Path dir;

    private WorkbenchShell shell;
    private Path home;
    private Path corpusDir;

    @Start
    void start(Stage stage) throws Exception {
        corpusDir = Files.createTempDirectory(dir, "corpus");
        home = Files.createTempDirectory(dir, "home");
        Corpus corpus = TestCorpora.sixUtterances(corpusDir);
        WorkbenchSetup setup = new WorkbenchSetup().screen(CorpusScreen.REGISTRATION).screen(FeaturesScreen.REGISTRATION)
                .corpusOpener((path, format, progress, cancel) -> corpus)
                .backendDescriber(() -> "test")
                .userDir(home)
                .resourcesDir(Files.createTempDirectory(dir, "resources"))
                .captureSource(() -> new RecordingViewModelTest.RisingSineLine(16_000))
                .startupCorpus(new CorpusRef(corpusDir.resolve("manifest.csv"), "manifest"));
        shell = TestShells.start(setup, stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::shutdown).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private TableView<UtteranceRow> table(FxRobot robot) {
        return robot.lookup("#corpus-table").queryAs(TableView.class);
    }

    @Test
    void recordLabelAndSaveAddsTheRecordingToTheTable(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 6);
        robot.clickOn("#corpus-record");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#record-save").queryButton().isDisabled()).isTrue();
        robot.clickOn("#record-toggle");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> "0:01.0".equals(robot.lookup("#record-elapsed").queryLabeled().getText()));
        LevelMeter meter = robot.lookup("#record-meter").queryAs(LevelMeter.class);
        assertThat(meter.rmsProperty().get()).as("a loud last block fills most of the meter").isGreaterThan(0.9);
        assertThat(robot.lookup("#record-clipping").query().isVisible()).isTrue();
        assertThat(robot.lookup("#record-toggle").queryButton().getText()).isEqualTo("Stop");
        robot.clickOn("#record-toggle");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#record-save").queryButton().isDisabled());

        robot.interact(() -> robot.lookup("#record-name").queryTextInputControl().setText("fx-take"));
        robot.clickOn("#record-label").write("curious");
        robot.interact(() -> robot.lookup("#record-speaker").queryTextInputControl().setText("tester"));
        robot.clickOn("#record-save");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 7);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#record-message").queryLabeled().getText()).startsWith("Saved fx-take to ");
        assertThat(robot.lookup("#record-toggle").queryButton().getText()).isEqualTo("Record another");
        UtteranceRow row = table(robot).getSelectionModel().getSelectedItem();
        assertThat(row.id()).isEqualTo("fx-take");
        assertThat(row.utterance().label().name()).isEqualTo("curious");
        assertThat(row.utterance().speaker().id()).isEqualTo("tester");
        // the test corpus is not a manifest on disk: the recording goes to the user's recordings
        assertThat(AudioFiles.load(home.resolve("recordings/fx-take.wav"), null).samples().length).isEqualTo(16_000);
        assertThat(Files.readString(home.resolve("recordings/manifest.csv"))).contains("fx-take.wav,tester,curious,,fx-take");
        javafx.stage.Window dialog = robot.lookup("#record-toggle").query().getScene().getWindow();
        robot.interact(dialog::hide);
        assertThat(robot.lookup("#record-toggle").tryQuery()).isEmpty();
    }

    @Test
    void checkedFeaturesAreHandedToTheFeaturesScreen(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 6);
        Path folder = Files.createDirectories(dir.resolve("npy-" + System.nanoTime()));
        for (int i = 0; i < 6; i++) {
            float[] data = new float[5 * 4];
            Files.write(folder.resolve("utt" + i + ".npy"), org.e2v.features.Npy.toBytes(new int[] {5, 4}, data));
        }
        Files.writeString(folder.resolve("utt2.npy"), "broken");
        CorpusView view = robot.lookup(".corpus-screen").queryAs(CorpusView.class);
        robot.interact(() -> view.viewModel().checkFeatures(folder));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#corpus-open-features").query().isVisible());
        assertThat(robot.lookup("#corpus-feature-check").queryLabeled().getText())
                .contains("5 of 6 utterances matched, 4 dims");
        assertThat(robot.lookup("#corpus-show-feature-problems").queryButton().getText()).isEqualTo("Show 1 problem");
        robot.clickOn("#corpus-open-features");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.currentScreenId()).isEqualTo("features");
        ComboBox<?> kind = robot.lookup("#features-kind").queryAs(ComboBox.class);
        assertThat(kind.getValue()).isEqualTo(FeaturesViewModel.IMPORT);
        assertThat(robot.lookup("#features-import-folder").queryLabeled().getText()).isEqualTo(folder.toString());
        assertThat(shell.context().workspace().current().uiState()).containsEntry(FeaturesViewModel.IMPORT_STATE_KEY,
                folder.toString());
    }
}
