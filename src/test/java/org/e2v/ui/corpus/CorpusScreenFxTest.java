package org.e2v.ui.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.e2v.domain.Corpus;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.ui.TestShells;
import org.e2v.ui.WorkbenchSetup;
import org.e2v.ui.WorkbenchShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Corpus screen in the real window, headless: filtering and the waveform preview. */
@ExtendWith(ApplicationExtension.class)
class CorpusScreenFxTest {
    @TempDir
    static Path dir;

    private WorkbenchShell shell;

    @Start
    void start(Stage stage) throws Exception {
        Path corpusDir = Files.createTempDirectory(dir, "corpus");
        Corpus corpus = TestCorpora.sixUtterances(corpusDir);
        WorkbenchSetup setup = new WorkbenchSetup().screen(CorpusScreen.REGISTRATION)
                .corpusOpener((path, format, progress, cancel) -> corpus)
                .backendDescriber(() -> "test")
                .userDir(Files.createTempDirectory(dir, "home"))
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
    void typingInTheFilterReducesTheRows(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 6);
        robot.clickOn("#corpus-filter").write("s2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).extracting(UtteranceRow::id).containsExactly("utt1", "utt4");
        assertThat(robot.lookup("#corpus-count").queryLabeled().getText()).isEqualTo("2 of 6 utterances");
        assertThat(robot.lookup("#corpus-problems").query().isVisible()).isTrue();
        // clear the text, then pick a label from the drop-down: only that label's rows remain
        robot.interact(() -> robot.lookup("#corpus-filter").queryTextInputControl().clear());
        javafx.scene.control.ComboBox<?> labels = robot.lookup("#corpus-label-filter").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(labels.getItems()).extracting(Object::toString).containsExactly("All labels", "angry", "neutral", "sad");
        assertThat(labels.getValue()).hasToString("All labels");
        robot.interact(() -> labels.getSelectionModel().select(3));
        assertThat(table(robot).getItems()).extracting(UtteranceRow::id).containsExactly("utt1", "utt4");
    }

    @Test
    void selectingARowDrawsItsWaveform(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 6);
        PreviewCanvas waveform = robot.lookup("#corpus-waveform").queryAs(PreviewCanvas.class);
        assertThat(countInk(robot, waveform)).isZero();
        robot.clickOn("utt5");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> waveform.previewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        // utt5 is a loud sine: the envelope fills most of the canvas height over its whole width
        long ink = countInk(robot, waveform);
        double area = waveform.canvas().getWidth() * waveform.canvas().getHeight();
        assertThat(waveform.canvas().getWidth()).isGreaterThan(100);
        assertThat(ink / area).isGreaterThan(0.3);
    }

    /** Pixels of the canvas that are (mostly) the waveform colour. */
    private static long countInk(FxRobot robot, PreviewCanvas canvas) {
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        Image[] holder = new Image[1];
        robot.interact(() -> holder[0] = canvas.canvas().snapshot(params, null));
        Image shot = holder[0];
        PixelReader px = shot.getPixelReader();
        Color wave = canvas.waveColorProperty().get();
        long n = 0;
        for (int y = 0; y < (int) shot.getHeight(); y++) {
            for (int x = 0; x < (int) shot.getWidth(); x++) {
                Color c = px.getColor(x, y);
                if (c.getOpacity() > 0.5 && Math.abs(c.getRed() - wave.getRed()) < 0.1
                        && Math.abs(c.getGreen() - wave.getGreen()) < 0.1 && Math.abs(c.getBlue() - wave.getBlue()) < 0.1) {
                    n++;
                }
            }
        }
        return n;
    }
}
