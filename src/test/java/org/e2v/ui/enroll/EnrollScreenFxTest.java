package org.e2v.ui.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.e2v.common.CancellationToken;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Corpus;
import org.e2v.domain.Utterance;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.enroll.EnrollFixtures;
import org.e2v.experiment.enroll.QuerySplit;
import org.e2v.experiment.enroll.VerifyRequest;
import org.e2v.experiment.enroll.VerifyService;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.experiment.workspace.RestoreDecision;
import org.e2v.experiment.workspace.SessionJournal;
import org.e2v.ui.UserSettings;
import org.e2v.ui.WorkbenchSetup;
import org.e2v.ui.WorkbenchShell;
import org.e2v.ui.corpus.CorpusScreen;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Enroll &amp; verify screen in the real window, headless, on a synthetic corpus embedded by a
 * tiny encoder made in the test: drag and drop, number keys, live UAR, polar histogram, saved sets.
 */
@ExtendWith(ApplicationExtension.class)
class EnrollScreenFxTest {
    @TempDir
    static Path dir;
    static Path manifest;
    static Path model;
    static Corpus corpus;
    static VerifyService service;

    private WorkbenchShell shell;
    private EnrollViewModel vm;

    @BeforeAll
    static void data() throws Exception {
        manifest = EnrollFixtures.corpus(dir.resolve("c"), List.of("neutral", "frustrated", "angry"), 4, 4);
        model = EnrollFixtures.model(dir.resolve("enc.e2vm"), 9);
        corpus = CorpusLoaders.load(manifest, "auto", LoaderOptions.defaults());
        service = new VerifyService(new EmbeddingService(dir.resolve("emb"), null));
    }

    @Start
    void start(Stage stage) throws Exception {
        WorkbenchSetup setup = new WorkbenchSetup().screen(CorpusScreen.REGISTRATION)
                .screen(EnrollScreen.registration(service::embed, model))
                .corpusOpener((path, format, progress, cancel) -> corpus)
                .backendDescriber(() -> "test")
                .userDir(Files.createTempDirectory(dir, "home"))
                .startupCorpus(new CorpusRef(manifest, "manifest"));
        SessionJournal journal = new SessionJournal(setup.autosaveDir());
        RestoreDecision decision = journal.begin(0);
        shell = new WorkbenchShell(setup, UserSettings.defaults(), journal, stage);
        stage.setWidth(1260);
        stage.setHeight(780);
        stage.show();
        shell.started(decision);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::shutdown).get(10, TimeUnit.SECONDS);
    }

    private EnrollView open(FxRobot robot) throws Exception {
        robot.clickOn("#nav-enroll");
        EnrollView view = robot.lookup(".enroll-screen").queryAs(EnrollView.class);
        vm = viewModelOf(view);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.readyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return view;
    }

    private static EnrollViewModel viewModelOf(EnrollView view) throws Exception {
        var f = EnrollView.class.getDeclaredField("vm");
        f.setAccessible(true);
        return (EnrollViewModel) f.get(view);
    }

    private String shownUar(FxRobot robot) {
        return robot.lookup("#enroll-uar").queryLabeled().getText();
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** UAR of the bins as shown, computed headless by the service `e2v verify` uses. */
    private double headlessUar() {
        EnrollmentSet set = vm.currentSet();
        return service.verify(new VerifyRequest(model, corpus, set, null, QuerySplit.TEST, false, null),
                ProgressSink.NONE, CancellationToken.NONE).scored().report().uar();
    }

    private void select(FxRobot robot, ListView<Utterance> list, String... ids) {
        robot.interact(() -> {
            list.getSelectionModel().clearSelection();
            for (String id : ids) {
                list.getItems().stream().filter(u -> u.id().equals(id)).findFirst()
                        .ifPresent(u -> list.getSelectionModel().select(u));
            }
        });
    }

    @Test
    void draggingTwoUtterancesIntoABinChangesTheUarAndRemovingThemRestoresIt(FxRobot robot) throws Exception {
        EnrollView view = open(robot);
        assertThat(shownUar(robot)).isEqualTo("–");
        // a poor start: the neutral bin holds a frustrated sample
        robot.interact(() -> {
            vm.enroll(0, List.of("spk2_frustrated_2"));
            vm.enroll(1, List.of("spk2_frustrated_0", "spk2_frustrated_1"));
        });
        String before = shownUar(robot);
        assertThat(before).isEqualTo(percent(headlessUar()));

        ListView<Utterance> list = view.corpusList();
        select(robot, list, "spk2_neutral_1", "spk2_neutral_2");
        robot.drag(robot.lookup("spk2_neutral_1   neutral · spk2").queryLabeled()).dropTo("#enroll-bin-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.binList(0).getItems()).containsExactly("spk2_frustrated_2", "spk2_neutral_1", "spk2_neutral_2");
        String after = shownUar(robot);
        assertThat(after).isEqualTo(percent(headlessUar())).isNotEqualTo(before);

        // one back by Delete, one by dragging it onto the trash
        robot.interact(() -> view.binList(0).getSelectionModel().select("spk2_neutral_2"));
        robot.clickOn(robot.lookup("spk2_neutral_2   neutral").queryLabeled()).type(KeyCode.DELETE);
        assertThat(view.binList(0).getItems()).containsExactly("spk2_frustrated_2", "spk2_neutral_1");
        assertThat(shownUar(robot)).isEqualTo(percent(headlessUar()));
        robot.interact(() -> {
            view.binList(0).getSelectionModel().clearSelection();
            view.binList(0).getSelectionModel().select("spk2_neutral_1");
        });
        robot.drag(robot.lookup("spk2_neutral_1   neutral").queryLabeled()).dropTo("#enroll-trash");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.binList(0).getItems()).containsExactly("spk2_frustrated_2");
        assertThat(shownUar(robot)).isEqualTo(before);
        assertThat(list.getItems()).extracting(Utterance::id).contains("spk2_neutral_1", "spk2_neutral_2");
    }

    @Test
    void numberKeyTwoEnrollsTheSelectionIntoTheSecondBin(FxRobot robot) throws Exception {
        EnrollView view = open(robot);
        robot.clickOn(robot.lookup("spk2_frustrated_3   frustrated · spk2").queryLabeled());
        robot.type(KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.binList(1).getItems()).containsExactly("spk2_frustrated_3");
        assertThat(view.binList(0).getItems()).isEmpty();
        assertThat(view.corpusList().getItems()).extracting(Utterance::id).doesNotContain("spk2_frustrated_3");
    }

    @Test
    void theResultLinesWrapInsteadOfBeingCutOffInANarrowWindow(FxRobot robot) throws Exception {
        EnrollView view = open(robot);
        select(robot, view.corpusList(), "spk2_frustrated_3");
        robot.clickOn(view.corpusList()).type(KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.getScene().getWindow().setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#enroll-detail", "#enroll-status")) {
            javafx.scene.control.Label label = robot.lookup(id).queryAs(javafx.scene.control.Label.class);
            if (!label.isVisible() || label.getText().isEmpty()) {
                continue;
            }
            // the skin's text node holds what is drawn: an ellipsized line would end in "..."
            String drawn = robot.lookup(id + " .text").queryAs(javafx.scene.text.Text.class).getText();
            assertThat(drawn.replace("\n", " ")).as(id).isEqualTo(label.getText());
        }
        assertThat(robot.lookup("#enroll-detail").queryLabeled().getText()).contains("queries verified");
    }

    @Test
    void theNoEncoderTextNamesTheButtonThatOpensOne(FxRobot robot) throws Exception {
        robot.clickOn("#nav-enroll");
        String button = robot.lookup("#enroll-open-model").queryButton().getText();
        assertThat(EnrollViewModel.NO_MODEL_TEXT).contains("\"" + button + "\"").doesNotContain("File >");
    }

    @Test
    void thePolarHistogramShowsEveryScoredQueryAfterEnrollment(FxRobot robot) throws Exception {
        EnrollView view = open(robot);
        ChartViewer polar = view.polarViewer();
        assertThat(polar.isVisible()).isFalse();
        robot.interact(() -> {
            vm.enroll(0, List.of("spk2_neutral_0", "spk2_neutral_1"));
            vm.enroll(1, List.of("spk2_frustrated_0"));
        });
        assertThat(polar.isVisible()).isTrue();
        IntervalXYDataset data = (IntervalXYDataset) ((XYPlot) polar.getChart().getPlot()).getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        double total = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                total += data.getYValue(s, i);
            }
        }
        // 4 neutral + 4 frustrated test queries of speaker 3
        assertThat(total).isEqualTo(8.0);
    }

    @Test
    void savingAndLoadingASetRestoresTheBins(FxRobot robot) throws Exception {
        EnrollView view = open(robot);
        Path file = dir.resolve("gui-set.json");
        robot.interact(() -> {
            vm.enroll(0, List.of("spk2_neutral_0", "spk2_neutral_3"));
            vm.enroll(1, List.of("spk2_frustrated_2"));
            vm.saveSet(file);
        });
        // Wait for the save's own completion (its notice), not for the file: the file appears
        // before the task's success callback runs, and a late "Saved" notice would overwrite
        // the "Loaded" notice awaited below.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            String n = vm.noticeProperty().get();
            return n != null && n.startsWith("Saved gui-set.json.");
        });
        assertThat(file).exists();
        String uar = shownUar(robot);
        robot.interact(() -> {
            vm.removeBin(1);
            vm.unenroll(List.of("spk2_neutral_0"));
        });
        assertThat(view.binList(0).getItems()).containsExactly("spk2_neutral_3");
        robot.interact(() -> vm.loadSet(file));
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Loaded gui-set.json.".equals(vm.noticeProperty().get()));
        } catch (TimeoutException e) {
            throw new AssertionError("notice: " + vm.noticeProperty().get() + " / status: " + vm.statusProperty().get(), e);
        }
        // The notice is set before the bins' lists are refreshed on the FX thread: wait for the lists.
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> view.binList(0).getItems().size() == 2 && view.binList(1).getItems().size() == 1);
        } catch (TimeoutException e) {
            throw new AssertionError("bins: " + vm.bins().stream().map(b -> b.name() + b.ids()).toList() + " lists "
                    + view.binList(0).getItems() + " file " + Files.readString(file), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.binList(0).getItems()).containsExactly("spk2_neutral_0", "spk2_neutral_3");
        assertThat(view.binList(1).getItems()).containsExactly("spk2_frustrated_2");
        assertThat(shownUar(robot)).isEqualTo(uar);
        assertThat(robot.lookup("#enroll-notice").query().isVisible()).isTrue();
    }
}
