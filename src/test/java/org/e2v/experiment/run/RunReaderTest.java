package org.e2v.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.common.InputException;
import org.e2v.experiment.chart.ChartData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a run directory back, on hand-written files with hand-computed values. */
class RunReaderTest {
    @TempDir
    Path run;

    @BeforeEach
    void writeRun() throws IOException {
        Files.createDirectories(run.resolve("charts"));
        Files.writeString(run.resolve("metrics.json"), """
                {"pretrain": {"uar": 0.75},
                 "verify": {"uar": 0.625, "uar_std": 0.05, "weighted_f1": 0.6, "weighted_f1_std": "NaN",
                            "classes": ["neutral", "sad"], "enroll_count": 2, "queries": 4},
                 "baseline_all": {"uar": 0.5, "mcnemar_vs_enroll_to_verify": {"p_exact": 0.25}},
                 "margin_sweep": {"-0.30": {"uar_mean": 0.6, "uar_std": 0.1, "weighted_f1_mean": 0.55, "weighted_f1_std": 0.0}},
                 "notes": ["enrollment_curve: N_p = 10 skipped"]}
                """);
        Files.writeString(run.resolve("run.json"), """
                {"task": {"name": "demo"}, "corpus": {"path": "/data/corpus/manifest.csv", "format": "manifest"}}
                """);
        // Distances chosen so the polar angles 180 D_a / (D_a + D_b) are round: 45, 90, 135, 150 degrees.
        Files.writeString(run.resolve("predictions.csv"), """
                id,y_true,y_pred,fold,d_neutral,d_sad
                q1,neutral,neutral,main,0.100000,0.300000
                q2,neutral,neutral,main,0.200000,0.200000
                q3,sad,neutral,main,0.300000,0.100000
                q4,sad,sad,main,0.500000,0.100000
                """);
        Files.writeString(run.resolve("charts/margin-sweep.csv"), """
                margin,uar_mean,uar_std,f1_mean,f1_std,repeats
                -0.3,0.6,0.1,0.55,0.05,5
                0.1,0.7,0.0,0.65,0.0,5
                """);
        Files.writeString(run.resolve("charts/enrollment-curve.csv"), """
                enrolled_per_class,uar_mean,uar_low,uar_high,repeats
                1,0.5,0.4,0.6,10
                2,0.6,0.55,0.65,10
                """);
        Files.writeString(run.resolve("charts/label-confidence.csv"), """
                group,uar_mean,uar_std,repeats
                confident,0.7,0.1,5
                "less, confident",0.5,0.2,5
                """);
        Files.createDirectories(run.resolve("models/main/pretrain"));
        Files.writeString(run.resolve("models/main/pretrain/checkpoint.json"), """
                {"history": [{"epoch": 0, "loss": 2.5, "validationUar": 0.4}, {"epoch": 1, "loss": 2.0, "validationUar": "NaN"}]}
                """);
        Files.writeString(run.resolve("embeddings.csv"), """
                row,id,label,role
                0,p1,neutral,enrollment_pool
                1,p2,sad,enrollment_pool
                2,q1,neutral,query
                3,q3,sad,query
                """);
        NpyWriter.write(run.resolve("embeddings.npy"), new float[][] {{1, 0, 0}, {0, 1, 0}, {0.9f, 0.1f, 0}, {0.1f, 0.9f, 0.2f}});
        NpyWriter.write(run.resolve("prototypes.npy"), new float[][] {{1, 0, 0}, {0, 1, 0}});
        Files.writeString(run.resolve("enrolled.csv"), "class,id\nneutral,p1\nsad,p2\n");
    }

    @Test
    void summaryCarriesTheHeadlineMetricsWithNaNForWhatIsMissing() {
        RunSummary s = RunReader.read(run).summary();
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.pretrainUar()).isEqualTo(0.75);
        assertThat(s.verifyUar()).isEqualTo(0.625);
        assertThat(s.verifyUarStd()).isEqualTo(0.05);
        assertThat(s.verifyF1Std()).isNaN();
        assertThat(s.baselineAllUar()).isEqualTo(0.5);
        assertThat(s.mcNemarP()).isEqualTo(0.25);
        assertThat(s.taskClasses()).containsExactly("neutral", "sad");
        assertThat(s.enrollCount()).isEqualTo(2);
        assertThat(s.notes()).containsExactly("enrollment_curve: N_p = 10 skipped");
        RunAnalyses r = RunReader.read(run);
        assertThat(r.corpusPath()).isEqualTo(Path.of("/data/corpus/manifest.csv"));
        assertThat(r.corpusFormat()).isEqualTo("manifest");
    }

    @Test
    void polarAnglesComeFromThePredictionDistances() {
        ChartData.PolarHistogram h = RunReader.read(run).polarHistograms().get(0);
        assertThat(h.classA()).isEqualTo("neutral");
        assertThat(h.classB()).isEqualTo("sad");
        assertThat(h.anglesByClass().get("neutral")).containsExactly(new double[] {45, 90}, within(1e-9));
        assertThat(h.anglesByClass().get("sad")).containsExactly(new double[] {135, 150}, within(1e-9));
        assertThat(h.bins()).isEqualTo(18);
    }

    @Test
    void confusionCountsThePredictions() {
        ChartData.Confusion c = RunReader.read(run).confusion();
        assertThat(c.labels()).containsExactly("neutral", "sad");
        assertThat(c.counts()).isEqualTo(new int[][] {{2, 0}, {1, 1}});
    }

    @Test
    void figureCsvsBecomeTheirChartRecords() {
        RunAnalyses r = RunReader.read(run);
        assertThat(r.marginSweep().points()).containsExactly(new ChartData.MarginPoint(-0.3, 0.6, 0.1, 0.55, 0.05, 5),
                new ChartData.MarginPoint(0.1, 0.7, 0.0, 0.65, 0.0, 5));
        assertThat(r.enrollmentCurve().points()).containsExactly(new ChartData.CurvePoint(1, 0.5, 0.4, 0.6, 10),
                new ChartData.CurvePoint(2, 0.6, 0.55, 0.65, 10));
        assertThat(r.labelConfidence().groups()).extracting(ChartData.ConfidenceGroup::name)
                .containsExactly("confident", "less, confident");
        assertThat(r.training().epochs()).hasSize(2);
        assertThat(r.training().epochs().get(0)).isEqualTo(new ChartData.EpochPoint(1, 2.5, 0.4));
        assertThat(r.training().epochs().get(1).validationUar()).isNaN();
        assertThat(r.charts()).hasSize(7);
    }

    @Test
    void theEmbeddingMapMarksEnrolledSamplesAndPrototypes() {
        ChartData.EmbeddingScatter m = RunReader.read(run).embeddings();
        assertThat(m.points()).extracting(ChartData.ScatterPoint::id)
                .containsExactly("p1", "p2", "q1", "q3", "prototype neutral", "prototype sad");
        assertThat(m.points()).extracting(ChartData.ScatterPoint::kind).containsExactly(ChartData.PointKind.ENROLLED,
                ChartData.PointKind.ENROLLED, ChartData.PointKind.QUERY, ChartData.PointKind.QUERY,
                ChartData.PointKind.PROTOTYPE, ChartData.PointKind.PROTOTYPE);
        // p1 and its prototype are the same vector, so they land on the same spot of the map.
        assertThat(m.points().get(4).x()).isCloseTo(m.points().get(0).x(), within(1e-9));
        assertThat(m.xAxisLabel()).startsWith("PC 1");
    }

    @Test
    void theMarginSweepFallsBackToMetricsJsonWithoutItsCsv() throws IOException {
        Files.delete(run.resolve("charts/margin-sweep.csv"));
        ChartData.MarginSweep s = RunReader.read(run).marginSweep();
        assertThat(s.points()).containsExactly(new ChartData.MarginPoint(-0.3, 0.6, 0.1, 0.55, 0.0, 0));
    }

    @Test
    void aFolderWithoutMetricsIsNoRun(@TempDir Path other) {
        assertThat(RunReader.isRunDirectory(other)).isFalse();
        InputException e = assertThrows(InputException.class, () -> RunReader.read(other));
        assertThat(e.getMessage()).contains("metrics.json");
    }

    @Test
    void aChartCsvWithoutItsColumnsNamesFileAndColumn() throws IOException {
        Files.writeString(run.resolve("charts/enrollment-curve.csv"), "n,uar\n1,0.5\n");
        InputException e = assertThrows(InputException.class, () -> RunReader.read(run));
        assertThat(e.getMessage()).contains("enrollment-curve.csv").contains("enrolled_per_class");
    }

    @Test
    void embeddingsCsvAndNpyOfDifferentLengthsAreAnError() throws IOException {
        NpyWriter.write(run.resolve("embeddings.npy"), new float[][] {{1, 0, 0}});
        InputException e = assertThrows(InputException.class, () -> RunReader.read(run));
        assertThat(e.getMessage()).contains("embeddings.csv").contains("1 rows");
    }
}
