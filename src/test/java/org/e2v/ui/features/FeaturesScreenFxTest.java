package org.e2v.ui.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.e2v.domain.Corpus;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.experiment.workspace.RestoreDecision;
import org.e2v.experiment.workspace.SessionJournal;
import org.e2v.ui.UserSettings;
import org.e2v.ui.WorkbenchSetup;
import org.e2v.ui.WorkbenchShell;
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

/** The Features screen in the real window, headless: Extract fills the summary and the heat map. */
@ExtendWith(ApplicationExtension.class)
class FeaturesScreenFxTest {
    @TempDir
    static Path dir;

    private WorkbenchShell shell;
    private String previousHome;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        previousHome = System.getProperty("e2v.home");
        System.setProperty("e2v.home", home.toString());
        Path corpusDir = Files.createTempDirectory(dir, "corpus");
        Corpus corpus = TestCorpora.sixUtterances(corpusDir);
        WorkbenchSetup setup = new WorkbenchSetup().screen(CorpusScreen.REGISTRATION).screen(FeaturesScreen.REGISTRATION)
                .corpusOpener((path, format, progress, cancel) -> corpus)
                .backendDescriber(() -> "test")
                .userDir(home)
                .startupCorpus(new CorpusRef(corpusDir.resolve("manifest.csv"), "manifest"));
        SessionJournal journal = new SessionJournal(setup.autosaveDir());
        RestoreDecision decision = journal.begin(0);
        shell = new WorkbenchShell(setup, UserSettings.defaults(), journal, stage);
        stage.setWidth(1200);
        stage.setHeight(800);
        stage.show();
        shell.started(decision);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::shutdown).get(10, TimeUnit.SECONDS);
        if (previousHome == null) {
            System.clearProperty("e2v.home");
        } else {
            System.setProperty("e2v.home", previousHome);
        }
    }

    @Test
    void extractShowsASummaryAndAFeatureImage(FxRobot robot) throws Exception {
        robot.clickOn("#nav-features");
        FeatureImage image = robot.lookup("#features-image").queryAs(FeatureImage.class);
        assertThat(colouredPixels(robot, image)).isZero();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#features-extract").queryButton().isDisabled());
        robot.clickOn("#features-extract");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#features-summary").queryLabeled().getText().startsWith("6 utterances"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> image.matrixProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        // the default extractor, emobase, with its own dimension
        int dims = org.e2v.features.FeatureSpecs.defaults("emobase").dims();
        assertThat(robot.lookup("#features-summary").queryLabeled().getText()).contains(" " + dims + " dims");
        assertThat(image.matrixProperty().get().dims()).isEqualTo(dims);
        long coloured = colouredPixels(robot, image);
        double plotArea = (image.canvas().getWidth() - 66) * (image.canvas().getHeight() - 48);
        assertThat(coloured / plotArea).isGreaterThan(0.8);
    }

    /** Pixels whose colour is saturated (the heat map; axes and text are grey). */
    private static long colouredPixels(FxRobot robot, FeatureImage image) {
        Image[] holder = new Image[1];
        robot.interact(() -> holder[0] = image.canvas().snapshot(null, null));
        PixelReader px = holder[0].getPixelReader();
        long n = 0;
        for (int y = 0; y < (int) holder[0].getHeight(); y++) {
            for (int x = 0; x < (int) holder[0].getWidth(); x++) {
                Color c = px.getColor(x, y);
                if (c.getOpacity() > 0.9 && c.getSaturation() > 0.3) {
                    n++;
                }
            }
        }
        return n;
    }
}
