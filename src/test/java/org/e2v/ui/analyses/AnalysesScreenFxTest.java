package org.e2v.ui.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.e2v.experiment.TinyRuns;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.Theme;
import org.e2v.ui.TestShells;
import org.e2v.ui.WorkbenchSetup;
import org.e2v.ui.WorkbenchShell;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Analyses screen in the real window, headless, on a tiny margin-sweep run made by the runner. */
@ExtendWith(ApplicationExtension.class)
class AnalysesScreenFxTest {
    @TempDir
    static Path dir;
    static Path run;

    private WorkbenchShell shell;
    private AnalysesScreen screen;

    @BeforeAll
    static void makeRun() throws Exception {
        run = TinyRuns.marginSweepRun(dir);
    }

    @Start
    void start(Stage stage) throws Exception {
        WorkbenchSetup setup = new WorkbenchSetup()
                .screen(new ScreenRegistration("analyses", "Analyses", ctx -> {
                    screen = new AnalysesScreen(ctx, new EmbeddingService(dir.resolve("emb-cache"), null));
                    return screen;
                }))
                .backendDescriber(() -> "test")
                .userDir(Files.createTempDirectory(dir, "home"));
        shell = TestShells.start(setup, stage);
        shell.showScreen("analyses");
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::shutdown).get(10, TimeUnit.SECONDS);
    }

    private AnalysesView view() {
        return screen.analysesView();
    }

    private void openTinyRun(FxRobot robot) throws Exception {
        robot.interact(() -> screen.open(run));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> screen.viewModel().run() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void withoutARunTheScreenExplainsHowToMakeOne(FxRobot robot) {
        assertThat(robot.lookup("#analyses-empty").queryLabeled().getText())
                .contains("Train screen").contains("e2v run sample-tasks/demo-analyses.yaml");
    }

    @Test
    void openingARunDrawsEveryFigureTheEmbeddingMapAndTheSummary(FxRobot robot) throws Exception {
        openTinyRun(robot);
        List<ChartCard> cards = view().figureCards();
        // margin sweep, polar histogram, enrollment curve, label confidence, confusion, training
        assertThat(cards).hasSize(6);
        assertThat(cards).extracting(c -> c.data().getClass().getSimpleName()).containsExactly("MarginSweep",
                "PolarHistogram", "EnrollmentCurve", "ConfidenceBars", "Confusion", "TrainingCurves");
        for (ChartCard c : cards) {
            assertThat(c.viewer().getScene()).isNotNull();
            assertThat(seriesCount(c.chart())).as(c.data().title()).isPositive();
        }
        ChartData.MarginSweep sweep = (ChartData.MarginSweep) cards.get(0).data();
        assertThat(sweep.points()).extracting(ChartData.MarginPoint::margin).containsExactly(-0.2, 0.2);
        assertThat(view().embeddingCard().chart()).isNotNull();
        assertThat(seriesCount(view().embeddingCard().chart())).isPositive();
        String uar = AnalysesView.percent(screen.viewModel().run().summary().verifyUar());
        assertThat(robot.lookup("#summary-uar").queryLabeled().getText()).startsWith(uar + " ± ");
        // The run is now the workspace's run, so the screen reopens it next time.
        assertThat(shell.context().workspace().current().run()).isEqualTo(run);
    }

    @Test
    void movingTheMarginSliderSwitchesEveryViewToThatMarginsEncoder(FxRobot robot) throws Exception {
        openTinyRun(robot);
        AnalysesViewModel vm = screen.viewModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.marginViews().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.currentMarginProperty().get().margin()).isEqualTo(-0.2);
        ChartData first = view().marginMapCard().data();
        robot.interact(() -> view().marginSlider().setValue(1));
        assertThat(vm.currentMarginProperty().get().margin()).isEqualTo(0.2);
        assertThat(view().marginMapCard().data()).isSameAs(vm.marginViews().get(1).map()).isNotEqualTo(first);
        assertThat(view().marginPolarCard().data()).isSameAs(vm.marginViews().get(1).polar().get(0));
        assertThat(robot.lookup("#analyses-margin-metrics").queryLabeled().getText())
                .startsWith("m = +0.20   UAR " + AnalysesView.percent(vm.marginViews().get(1).uar()));
    }

    @Test
    void exportWritesThePictureAndTheNumbers(FxRobot robot) throws Exception {
        openTinyRun(robot);
        ChartCard curve = view().figureCards().get(2);
        Path png = dir.resolve("curve.png");
        Path svg = dir.resolve("curve.svg");
        Path csv = dir.resolve("curve.csv");
        curve.exportPng(png);
        curve.exportSvg(svg);
        curve.exportCsv(csv);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(bytes[1]).isEqualTo((byte) 'P');
        assertThat(Files.readString(svg)).contains("<svg");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("enrolled_per_class,uar_mean,uar_low,uar_high,repeats");
        assertThat(lines).hasSize(1 + ((ChartData.EnrollmentCurve) curve.data()).points().size());
    }

    @Test
    void themeSwitchRedrawsTheChartsInTheDarkTheme(FxRobot robot) throws Exception {
        openTinyRun(robot);
        JFreeChart light = view().figureCards().get(0).chart();
        robot.interact(() -> shell.setTheme(Theme.DARK));
        JFreeChart dark = view().figureCards().get(0).chart();
        assertThat(dark).isNotSameAs(light);
        assertThat(dark.getBackgroundPaint()).isNotEqualTo(light.getBackgroundPaint());
    }

    @Test
    void playingSomethingThatIsNoUtteranceOfTheCorpusSaysSo(FxRobot robot) throws Exception {
        openTinyRun(robot);
        AnalysesViewModel vm = screen.viewModel();
        robot.interact(() -> vm.play("prototype neutral"));
        assertThat(vm.messageProperty().get()).contains("no audio");
        robot.interact(() -> vm.play("no-such-utterance"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.messageProperty().get().contains("not in the run's corpus"));
        assertThat(robot.lookup("#analyses-message").queryLabeled().getText()).contains("no-such-utterance");
    }

    @Test
    void aClickedScatterItemMapsBackToItsPoint() {
        ChartData.EmbeddingScatter s = new ChartData.EmbeddingScatter("t", "x", "y", List.of(
                new ChartData.ScatterPoint("a1", "a", ChartData.PointKind.QUERY, 0, 0),
                new ChartData.ScatterPoint("b1", "b", ChartData.PointKind.QUERY, 1, 0),
                new ChartData.ScatterPoint("a2", "a", ChartData.PointKind.ENROLLED, 0, 1),
                new ChartData.ScatterPoint("a3", "a", ChartData.PointKind.QUERY, 2, 2),
                new ChartData.ScatterPoint("prototype b", "b", ChartData.PointKind.PROTOTYPE, 1, 1)));
        // Charts.embeddingScatter: dataset 2 = queries, 1 = enrolled, 0 = prototypes; series = class.
        assertThat(ScatterPoints.at(s, 2, 0, 1).id()).isEqualTo("a3");
        assertThat(ScatterPoints.at(s, 2, 1, 0).id()).isEqualTo("b1");
        assertThat(ScatterPoints.at(s, 1, 0, 0).id()).isEqualTo("a2");
        assertThat(ScatterPoints.at(s, 0, 1, 0).id()).isEqualTo("prototype b");
        assertThat(ScatterPoints.at(s, 2, 0, 5)).isNull();
        // The same mapping as the chart's own datasets.
        XYPlot plot = org.e2v.experiment.chart.Charts.embeddingScatter(s, org.e2v.experiment.chart.ChartTheme.LIGHT).getXYPlot();
        assertThat(plot.getDataset(2).getXValue(0, 1)).isEqualTo(2.0);
        assertThat(plot.getDataset(0).getYValue(1, 0)).isEqualTo(1.0);
    }

    private static int seriesCount(JFreeChart chart) {
        if (chart.getPlot() instanceof CategoryPlot p) {
            return p.getDataset().getRowCount();
        }
        XYPlot p = chart.getXYPlot();
        int n = 0;
        for (int i = 0; i < p.getDatasetCount(); i++) {
            if (p.getDataset(i) != null) {
                n += p.getDataset(i).getSeriesCount();
            }
        }
        return n;
    }
}
