package org.e2v.ui.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.e2v.experiment.SyntheticCorpus;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.TestShells;
import org.e2v.ui.WorkbenchSetup;
import org.e2v.ui.WorkbenchShell;
import org.e2v.ui.corpus.CorpusOpener;
import org.e2v.ui.corpus.CorpusScreen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train screen in the real window, headless: a live run with curves, Cancel, and the margin rule. */
@ExtendWith(ApplicationExtension.class)
class TrainScreenFxTest {
    @TempDir
    static Path dir;

    private WorkbenchShell shell;
    private TrainScreen screen;
    private String previousHome;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        previousHome = System.getProperty("e2v.home");
        System.setProperty("e2v.home", home.toString());
        Path manifest = SyntheticCorpus.write(Files.createTempDirectory(dir, "corpus"),
                List.of("angry", "happy", "neutral", "sad"), 4, 3, 0.4);
        WorkbenchSetup setup = new WorkbenchSetup().screen(CorpusScreen.REGISTRATION)
                .screen(new ScreenRegistration("train", "Train", ctx -> screen = new TrainScreen(ctx)))
                .corpusOpener(CorpusOpener.loaders())
                .backendDescriber(() -> "test")
                .userDir(home)
                .startupCorpus(new CorpusRef(manifest, "manifest"));
        shell = TestShells.start(setup, stage);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::shutdown).get(20, TimeUnit.SECONDS);
        if (previousHome == null) {
            System.clearProperty("e2v.home");
        } else {
            System.setProperty("e2v.home", previousHome);
        }
    }

    private TrainViewModel openTrainScreen(FxRobot robot) throws Exception {
        robot.clickOn("#nav-train");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> screen != null && screen.viewModel().labels.size() == 4);
        return screen.viewModel();
    }

    @Test
    void startDrawsEpochPointsAndCancelStopsWithACheckpoint(FxRobot robot) throws Exception {
        TrainViewModel vm = openTrainScreen(robot);
        robot.interact(() -> {
            Tiny.configure(vm, 500);
            vm.taskClasses.setAll("neutral", "sad");
        });
        assertThat(vm.problems).isEmpty();
        robot.clickOn("#train-start");
        LineChart<?, ?> loss = robot.lookup("#train-loss-chart").queryAs(LineChart.class);
        LineChart<?, ?> uar = robot.lookup("#train-uar-chart").queryAs(LineChart.class);
        // a few epochs: validation UAR points appear on the curve
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> uar.getData().get(0).getData().size() >= 2);
        assertThat(loss.getData().get(0).getData().size()).isGreaterThanOrEqualTo(4);
        assertThat(robot.lookup("#train-command").queryTextInputControl().getText())
                .isEqualTo("e2v run " + vm.runDir.get().resolve("task.yaml"));
        robot.clickOn("#train-cancel");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.status.get() == TrainViewModel.Status.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#train-status").queryLabeled().getText()).startsWith("cancelled");
        assertThat(vm.runDir.get().resolve("models/main/pretrain/checkpoint.json")).isRegularFile();
        assertThat(vm.uarCurve.size()).isLessThan(500);
        // the interrupted run is listed and can be resumed
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.runs.size() == 1);
        assertThat(vm.runs.get(0).status().label()).isEqualTo("interrupted");
    }

    @Test
    void theMarginSliderShowsTheSignRuleOfTheLoss(FxRobot robot) throws Exception {
        TrainViewModel vm = openTrainScreen(robot);
        Label problem = robot.lookup("#train-margin-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isFalse();
        Slider slider = robot.lookup("#train-margin").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(0.25));
        assertThat(vm.margin.get()).isEqualTo(0.25);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("margin must be negative for namp");
        assertThat(robot.lookup("#train-equation").queryLabeled().getText()).contains("m = +0.25");
        assertThat(robot.lookup("#train-start").queryButton().isDisabled()).isTrue();
        robot.interact(() -> slider.setValue(-0.2));
        assertThat(problem.isVisible()).isFalse();
    }
}
