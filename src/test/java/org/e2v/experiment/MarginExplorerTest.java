package org.e2v.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.e2v.common.CancellationToken;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.run.RunReader;
import org.e2v.metrics.Metrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The margin explorer on a tiny margin-sweep run (m in [-0.2, 0.2]) made by the real runner. */
class MarginExplorerTest {
    @TempDir
    static Path dir;
    static Path run;
    static List<MarginView> views;
    static Path cache;

    @BeforeAll
    static void sweep() throws IOException {
        run = TinyRuns.marginSweepRun(dir);
        cache = dir.resolve("emb-cache");
        views = new MarginExplorer(run, new EmbeddingService(cache, null), null).viewAll(ProgressSink.NONE, CancellationToken.NONE);
    }

    @Test
    void listsTheSweptMarginsInIncreasingOrderWithTheirEncoders() {
        List<MarginExplorer.MarginModel> margins = MarginExplorer.margins(run);
        assertThat(margins).extracting(MarginExplorer.MarginModel::margin).containsExactly(-0.2, 0.2);
        assertThat(margins).allSatisfy(m -> assertThat(m.model()).isRegularFile().hasFileName("best.e2vm"));
        assertThat(views).extracting(MarginView::margin).containsExactly(-0.2, 0.2);
    }

    @Test
    void aRunWithoutASweepHasNoMargins() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-sweep/models/main/pretrain"));
        assertThat(MarginExplorer.margins(empty.getParent().getParent().getParent())).isEmpty();
    }

    @Test
    void theMainMarginReproducesTheRunsOwnFirstDraw() throws IOException {
        // The main encoder was pretrained with m = -0.2 from the same seeds as the sweep's -0.2
        // encoder, and enrolled.csv is the first draw behind predictions.csv: same UAR.
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        List<String> lines = Files.readAllLines(run.resolve("predictions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            truth.add(f[1]);
            predicted.add(f[2]);
        }
        MarginView main = views.get(0);
        assertThat(main.uar()).isCloseTo(Metrics.evaluate(truth, predicted).uar(), within(1e-9));
        assertThat(main.queries()).isEqualTo(truth.size());
    }

    @Test
    void polarAnglesAgreeWithTheNearestPrototypeDecision() {
        for (MarginView v : views) {
            // Two classes: a query is predicted neutral exactly when it is nearer neutral, i.e. its
            // polar angle is below 90 degrees (Sec. 5.1); the UAR follows from the angles alone.
            ChartData.PolarHistogram h = v.polar().get(0);
            assertThat(h.classA()).isEqualTo("neutral");
            assertThat(h.classB()).isEqualTo("frustrated");
            double[] neutral = h.anglesByClass().get("neutral");
            double[] frustrated = h.anglesByClass().get("frustrated");
            assertThat(neutral.length + frustrated.length).isEqualTo(v.queries());
            double recallNeutral = Stream.of(box(neutral)).filter(a -> a < 90).count() / (double) neutral.length;
            double recallFrustrated = Stream.of(box(frustrated)).filter(a -> a > 90).count() / (double) frustrated.length;
            assertThat(v.uar()).isCloseTo((recallNeutral + recallFrustrated) / 2, within(1e-9));
            assertThat(v.weightedF1()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void theMapHoldsEveryQueryAndPoolUtteranceTheEnrolledSamplesAndOnePrototypePerClass() {
        int rows = RunReader.embeddingIndex(run).size();
        Map<String, List<String>> enrolled = RunReader.enrolled(run);
        for (MarginView v : views) {
            List<ChartData.ScatterPoint> points = v.map().points();
            assertThat(points).hasSize(rows + 2);
            assertThat(points).filteredOn(p -> p.kind() == ChartData.PointKind.PROTOTYPE)
                    .extracting(ChartData.ScatterPoint::className).containsExactly("neutral", "frustrated");
            assertThat(points).filteredOn(p -> p.kind() == ChartData.PointKind.ENROLLED)
                    .extracting(ChartData.ScatterPoint::id)
                    .containsExactlyInAnyOrderElementsOf(enrolled.values().stream().flatMap(List::stream).toList());
            assertThat(v.enrolled()).isEqualTo(enrolled);
        }
        // Different encoders embed differently.
        assertThat(views.get(0).map().points().get(0).x()).isNotEqualTo(views.get(1).map().points().get(0).x());
    }

    @Test
    void aSecondVisitReadsTheEmbeddingCacheAndGivesTheSameView() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.filter(f -> f.toString().endsWith(".emb")).count()).isEqualTo(2);
        }
        MarginExplorer.MarginModel m = MarginExplorer.margins(run).get(1);
        MarginView again = new MarginExplorer(run, new EmbeddingService(cache, null), null)
                .view(m, ProgressSink.NONE, CancellationToken.NONE);
        assertThat(again.uar()).isEqualTo(views.get(1).uar());
        assertThat(again.map().points()).isEqualTo(views.get(1).map().points());
    }

    @Test
    void aCorpusWithoutTheRunsUtterancesIsAClearError() throws IOException {
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "path,speaker,label,split\n");
        MarginExplorer.MarginModel m = MarginExplorer.margins(run).get(0);
        InputException e = assertThrows(InputException.class, () -> new MarginExplorer(run, new EmbeddingService(null, null), other)
                .view(m, ProgressSink.NONE, CancellationToken.NONE));
        assertThat(e.getMessage()).contains("other.csv");
    }

    private static Double[] box(double[] v) {
        return java.util.Arrays.stream(v).boxed().toArray(Double[]::new);
    }
}
