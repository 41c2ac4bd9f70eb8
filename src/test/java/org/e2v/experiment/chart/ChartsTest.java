package org.e2v.experiment.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.e2v.experiment.chart.ChartData.PointKind;
import org.e2v.metrics.Metrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartsTest {
    @TempDir
    Path dir;

    static ChartData.MarginSweep sweep() {
        return new ChartData.MarginSweep("Frustration vs neutral: margin sweep", List.of(
                ChartData.MarginPoint.of(-0.4, new double[] {0.66, 0.68}, new double[] {0.65, 0.67}),
                ChartData.MarginPoint.of(-0.3, new double[] {0.71, 0.73}, new double[] {0.70, 0.72}),
                ChartData.MarginPoint.of(0.0, new double[] {0.62, 0.60}, new double[] {0.61, 0.59}),
                ChartData.MarginPoint.of(0.3, new double[] {0.67, 0.69}, new double[] {0.66, 0.68})));
    }

    static ChartData.PolarHistogram polar() {
        Map<String, double[]> angles = new LinkedHashMap<>();
        angles.put("neutral", new double[] {10, 20, 35, 80, 95, 100});
        angles.put("frustrated", new double[] {70, 100, 120, 150, 170, 179});
        return new ChartData.PolarHistogram("Polar distance histogram", "neutral", "frustrated", angles, 18);
    }

    static ChartData.EnrollmentCurve curve() {
        return new ChartData.EnrollmentCurve("UAR vs enrolled samples", List.of(
                ChartData.CurvePoint.of(1, new double[] {0.55, 0.62, 0.60}),
                ChartData.CurvePoint.of(5, new double[] {0.66, 0.69, 0.68}),
                ChartData.CurvePoint.of(10, new double[] {0.71, 0.72, 0.72}),
                ChartData.CurvePoint.of(20, new double[] {0.72, 0.73, 0.72})));
    }

    static ChartData.ConfidenceBars bars() {
        return new ChartData.ConfidenceBars("UAR by label confidence", List.of(
                ChartData.ConfidenceGroup.of("less confident", new double[] {0.70, 0.71}),
                ChartData.ConfidenceGroup.of("confident", new double[] {0.72, 0.72}),
                ChartData.ConfidenceGroup.of("confident neutral", new double[] {0.73, 0.729}),
                ChartData.ConfidenceGroup.of("confident frustration", new double[] {0.69, 0.70})));
    }

    static ChartData.Confusion confusion() {
        return ChartData.Confusion.of("Confusion matrix", Metrics.evaluate(
                List.of("ang", "ang", "hap", "neu", "neu", "sad"), List.of("ang", "neu", "hap", "neu", "sad", "sad")));
    }

    static ChartData.TrainingCurves training() {
        return new ChartData.TrainingCurves("Training", List.of(new ChartData.EpochPoint(1, 2.3, 0.41),
                new ChartData.EpochPoint(2, 1.7, Double.NaN), new ChartData.EpochPoint(3, 1.2, 0.55)));
    }

    static ChartData.EmbeddingScatter scatter() {
        float[][] e = {{1, 0, 0}, {0.9f, 0.1f, 0}, {0, 1, 0}, {0.1f, 0.9f, 0.1f}, {1, 0.05f, 0}, {0, 1, 0.05f}, {0.95f, 0.05f, 0},
            {0.05f, 0.95f, 0.05f}};
        return ChartData.EmbeddingScatter.fromPca("Embeddings", List.of("q1", "q2", "q3", "q4", "e1", "e2", "p1", "p2"),
                List.of("neutral", "neutral", "angry", "angry", "neutral", "angry", "neutral", "angry"),
                List.of(PointKind.QUERY, PointKind.QUERY, PointKind.QUERY, PointKind.QUERY, PointKind.ENROLLED,
                        PointKind.ENROLLED, PointKind.PROTOTYPE, PointKind.PROTOTYPE), e);
    }

    static List<JFreeChart> allCharts(ChartTheme theme) {
        return List.of(Charts.marginSweep(sweep(), theme), Charts.polarHistogram(polar(), theme),
                Charts.enrollmentCurve(curve(), theme), Charts.confidenceBars(bars(), theme),
                Charts.confusionMatrix(confusion(), theme), Charts.trainingCurves(training(), theme),
                Charts.embeddingScatter(scatter(), theme));
    }

    @Test
    void everyChartRendersANonEmptyPngOfTheRequestedSizeInBothThemes() throws IOException {
        int n = 0;
        for (ChartTheme theme : ChartTheme.values()) {
            for (JFreeChart chart : allCharts(theme)) {
                Path file = dir.resolve("chart" + n++ + ".png");
                ChartExport.png(chart, file, 640, 400);
                BufferedImage image = ImageIO.read(file.toFile());
                assertThat(image.getWidth()).isEqualTo(640);
                assertThat(image.getHeight()).isEqualTo(400);
                assertThat(distinctColors(image)).as(chart.getTitle().getText()).isGreaterThan(20);
                // The corner shows the theme's chart background.
                assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(theme.background().getRGB() & 0xFFFFFF);
            }
        }
    }

    @Test
    void marginSweepHasUarAndF1SeriesWithErrorBarsInPercent() {
        XYPlot plot = Charts.marginSweep(sweep(), ChartTheme.LIGHT).getXYPlot();
        XYDataset d = plot.getDataset();
        assertThat(d.getSeriesCount()).isEqualTo(2);
        assertThat(d.getSeriesKey(0)).isEqualTo("UAR");
        assertThat(plot.getDomainAxis().getLabel()).contains("Margin m");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("Score (%)");
        var intervals = (org.jfree.data.xy.IntervalXYDataset) d;
        assertThat(intervals.getYValue(0, 1)).isCloseTo(72.0, within(1e-9));
        // std of {0.71, 0.73} = 0.01414 -> +/- 1.414 points
        assertThat(intervals.getEndYValue(0, 1) - intervals.getYValue(0, 1)).isCloseTo(100 * Math.sqrt(2e-4), within(1e-9));
    }

    @Test
    void polarHistogramHasOneSeriesPerClassWithTheBinCounts() {
        ChartData.PolarHistogram data = polar();
        XYPlot plot = Charts.polarHistogram(data, ChartTheme.DARK).getXYPlot();
        XYDataset d = plot.getDataset();
        assertThat(d.getSeriesCount()).isEqualTo(2);
        assertThat(d.getItemCount(0)).isEqualTo(18);
        int[] counts = data.counts("frustrated");
        for (int b = 0; b < 18; b++) {
            assertThat(d.getYValue(1, b)).isEqualTo(counts[b]);
        }
        assertThat(plot.getDomainAxis().getRange().getUpperBound()).isEqualTo(180);
        assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
    }

    @Test
    void histogramBinsCoverZeroTo180WithTheEndInTheLastBin() {
        int[] counts = ChartData.PolarHistogram.binCounts(new double[] {0, 29.9, 30, 90, 179.99, 180, -5, 200, Double.NaN}, 6);
        assertThat(counts).containsExactly(3, 1, 0, 1, 0, 3);
        assertThat(polar().counts("neutral")).containsExactly(0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void polarHistogramFromAVerificationResultGroupsQueriesByTrueClass() {
        var session = new org.e2v.enroll.EnrollmentSession(List.of("q0", "q1", "q2"),
                new float[][] {{1, 0}, {1, 1}, {0, 1}}, null);
        session.addClass("neutral");
        session.addClass("angry");
        session.enroll("neutral", "n", new float[] {1, 0});
        var result = session.enroll("angry", "a", new float[] {0, 1});
        ChartData.PolarHistogram h = ChartData.PolarHistogram.fromResult("h", result, List.of("neutral", "angry", "angry"), 4);
        assertThat(h.classA()).isEqualTo("neutral");
        assertThat(h.anglesByClass().keySet()).containsExactly("neutral", "angry");
        // angles 0 (neutral), 90 and 180 (angry) in 45-degree bins
        assertThat(h.counts("neutral")).containsExactly(1, 0, 0, 0);
        assertThat(h.counts("angry")).containsExactly(0, 0, 1, 1);
    }

    @Test
    void enrollmentCurveBandIsMeanPlusMinusOneStd() {
        XYPlot plot = Charts.enrollmentCurve(curve(), ChartTheme.LIGHT).getXYPlot();
        var d = (org.jfree.data.xy.IntervalXYDataset) plot.getDataset();
        assertThat(d.getSeriesCount()).isEqualTo(1);
        assertThat(d.getItemCount(0)).isEqualTo(4);
        assertThat(d.getXValue(0, 2)).isEqualTo(10);
        assertThat(d.getYValue(0, 2)).isCloseTo(100 * (0.71 + 0.72 + 0.72) / 3, within(1e-9));
        assertThat(d.getStartYValue(0, 2)).isLessThan(d.getYValue(0, 2));
        assertThat(plot.getDomainAxis().getLabel()).contains("N_p");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("UAR (%)");
    }

    @Test
    void confidenceBarsHaveOneCategoryPerGroup() {
        CategoryPlot plot = Charts.confidenceBars(bars(), ChartTheme.LIGHT).getCategoryPlot();
        assertThat(plot.getDataset().getColumnCount()).isEqualTo(4);
        assertThat(plot.getDataset().getValue(0, 2).doubleValue()).isCloseTo(72.95, within(1e-9));
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("UAR (%)");
    }

    @Test
    void confusionHeatMapWritesEveryCount() {
        ChartData.Confusion data = confusion();
        XYPlot plot = Charts.confusionMatrix(data, ChartTheme.LIGHT).getXYPlot();
        assertThat(data.labels()).containsExactly("ang", "hap", "neu", "sad");
        assertThat(plot.getAnnotations()).hasSize(16);
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Predicted class");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("True class");
        assertThat(data.count(2, 3)).isEqualTo(1);
        assertThatThrownBy(() -> new ChartData.Confusion("x", List.of("a"), new int[][] {{1, 2}})).hasMessageContaining("columns");
    }

    @Test
    void trainingCurvesUseTwoAxesAndSkipEpochsWithoutValidation() {
        XYPlot plot = Charts.trainingCurves(training(), ChartTheme.LIGHT).getXYPlot();
        assertThat(plot.getDatasetCount()).isEqualTo(2);
        assertThat(plot.getDataset(0).getItemCount(0)).isEqualTo(3);
        assertThat(plot.getDataset(1).getItemCount(0)).isEqualTo(2);
        assertThat(plot.getRangeAxis(1).getLabel()).isEqualTo("Validation UAR (%)");
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Epoch");
    }

    @Test
    void scatterSeparatesQueriesEnrolledAndPrototypesPerClass() {
        ChartData.EmbeddingScatter data = scatter();
        XYPlot plot = Charts.embeddingScatter(data, ChartTheme.LIGHT).getXYPlot();
        assertThat(plot.getDatasetCount()).isEqualTo(3);
        int points = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(plot.getDataset(i).getSeriesCount()).isEqualTo(2);
            for (int s = 0; s < 2; s++) {
                points += plot.getDataset(i).getItemCount(s);
            }
        }
        assertThat(points).isEqualTo(8);
        assertThat(plot.getDomainAxis().getLabel()).startsWith("PC 1 (").endsWith("% of variance)");
        // The two classes lie on either side of the first principal axis.
        double neutralX = data.points().get(0).x();
        double angryX = data.points().get(2).x();
        assertThat(Math.signum(neutralX)).isEqualTo(-Math.signum(angryX));
    }

    @Test
    void svgExportIsWellFormedVectorWithTextAndTheRequestedSize() throws Exception {
        for (JFreeChart chart : allCharts(ChartTheme.LIGHT)) {
            Path file = dir.resolve("chart.svg");
            ChartExport.svg(chart, file, 800, 500);
            String svg = Files.readString(file);
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("800");
            assertThat(doc.getDocumentElement().getAttribute("height")).isEqualTo("500");
            assertThat(doc.getElementsByTagName("path").getLength()).isGreaterThan(10);
            assertThat(svg).contains(">" + chart.getTitle().getText().replace("&", "&amp;") + "</text>");
        }
    }

    @Test
    void csvExportHoldsTheChartData() throws IOException {
        Path file = dir.resolve("sweep.csv");
        ChartExport.csv(sweep(), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("margin,uar_mean,uar_std,f1_mean,f1_std,repeats");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).startsWith("-0.3,0.72,");
        assertThat(ChartExport.csvString(confusion()).lines().findFirst().orElseThrow())
                .isEqualTo("true\\predicted,ang,hap,neu,sad");
        assertThat(ChartExport.csvString(training())).contains("2,1.7,\n");
        assertThat(ChartExport.csvString(polar()).lines().count()).isEqualTo(19);
    }

    @Test
    void invalidSizesAreRejected() {
        JFreeChart chart = Charts.marginSweep(sweep(), ChartTheme.LIGHT);
        assertThatThrownBy(() -> ChartExport.png(chart, dir.resolve("x.png"), 0, 10)).hasMessageContaining("positive");
    }

    private static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colors.add(image.getRGB(x, y));
            }
        }
        return colors.size();
    }
}
