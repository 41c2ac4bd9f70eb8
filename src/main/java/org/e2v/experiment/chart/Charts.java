package org.e2v.experiment.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Builds the e2v charts (the paper's Figs. 2-5 and the workbench's diagnostic views) from
 * {@link ChartData} records. Charts are plain AWT JFreeCharts: {@link ChartExport} renders them
 * headless, the GUI shows them in a {@code ChartViewer}. Metric axes are in percent, as in the paper.
 */
public final class Charts {
    private Charts() {
    }

    /** Fig. 2: UAR and weighted F1 (%) versus the margin m, with +/- 1 std error bars over repeats. */
    public static JFreeChart marginSweep(ChartData.MarginSweep data, ChartTheme theme) {
        XYIntervalSeries uar = new XYIntervalSeries("UAR");
        XYIntervalSeries f1 = new XYIntervalSeries("Weighted F1");
        for (ChartData.MarginPoint p : data.points()) {
            uar.add(p.margin(), p.margin(), p.margin(), 100 * p.uarMean(), 100 * (p.uarMean() - p.uarStd()),
                    100 * (p.uarMean() + p.uarStd()));
            f1.add(p.margin(), p.margin(), p.margin(), 100 * p.f1Mean(), 100 * (p.f1Mean() - p.f1Std()),
                    100 * (p.f1Mean() + p.f1Std()));
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(uar);
        dataset.addSeries(f1);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setCapLength(6);
        renderer.setErrorStroke(new BasicStroke(1.2f));
        NumberAxis x = new NumberAxis("Margin m in Eq. (4)");
        x.setTickUnit(new NumberTickUnit(0.1));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = percentAxis("Score (%)");
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        // m = 0 separates NAMP (negative) from AMProto (positive) margins.
        plot.addDomainMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f)));
        return finish(new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true), theme, renderer, plot);
    }

    /**
     * Fig. 3: polar-angle histograms, one translucent bar series per true class over [0, 180]
     * degrees, with the decision line at 90 degrees.
     */
    public static JFreeChart polarHistogram(ChartData.PolarHistogram data, ChartTheme theme) {
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        double w = data.binWidthDeg();
        for (Map.Entry<String, double[]> e : data.anglesByClass().entrySet()) {
            XYIntervalSeries s = new XYIntervalSeries(e.getKey());
            int[] counts = data.counts(e.getKey());
            for (int b = 0; b < counts.length; b++) {
                double start = b * w;
                s.add(start + w / 2, start, start + w, counts[b], 0, counts[b]);
            }
            dataset.addSeries(s);
        }
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        // short enough for the Enroll screen's narrow chart: the classes at both ends are what a reader needs
        NumberAxis x = new NumberAxis("Angle (\u00b0): 0 = " + data.classA() + ", 180 = " + data.classB());
        x.setRange(0, 180);
        x.setTickUnit(new NumberTickUnit(30));
        NumberAxis y = new NumberAxis("Queries per bin (count)");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        ValueMarker decision = new ValueMarker(90, Color.GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        decision.setLabel("90\u00b0: equal distance");
        decision.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        decision.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        decision.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(decision);
        plot.setForegroundAlpha(0.65f);
        JFreeChart chart = finish(new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true), theme, renderer, plot);
        decision.setLabelPaint(theme.text());
        return chart;
    }

    /** Fig. 4: mean UAR (%) versus enrolled samples per class N_p, with a spread band (mean +/- 1 std). */
    public static JFreeChart enrollmentCurve(ChartData.EnrollmentCurve data, ChartTheme theme) {
        YIntervalSeries s = new YIntervalSeries("UAR (mean, band = +/- 1 std)");
        for (ChartData.CurvePoint p : data.points()) {
            s.add(p.enrolledPerClass(), 100 * p.mean(), 100 * p.low(), 100 * p.high());
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        dataset.addSeries(s);
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.25f);
        NumberAxis x = new NumberAxis("Enrolled samples per class N_p (count)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, x, percentAxis("UAR (%)"), renderer);
        JFreeChart chart = finish(new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true), theme, renderer, plot);
        renderer.setSeriesFillPaint(0, ChartTheme.seriesColor(0));
        return chart;
    }

    /** Fig. 5: mean UAR (%) per label-confidence group of the enrolled samples, with std error bars. */
    public static JFreeChart confidenceBars(ChartData.ConfidenceBars data, ChartTheme theme) {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (ChartData.ConfidenceGroup g : data.groups()) {
            dataset.add(100 * g.uarMean(), 100 * g.uarStd(), "UAR", g.name());
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator(
                "{2}", new java.text.DecimalFormat("0.0")));
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis("Label confidence of the enrolled samples"),
                percentAxis("UAR (%)"), renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        theme.apply(chart);
        renderer.setSeriesPaint(0, ChartTheme.seriesColor(0));
        renderer.setErrorIndicatorPaint(theme.text());
        renderer.setDefaultItemLabelPaint(theme.text());
        return chart;
    }

    /** Confusion matrix heat map: rows = true class (y), columns = predicted class (x), cell counts written in. */
    public static JFreeChart confusionMatrix(ChartData.Confusion data, ChartTheme theme) {
        int k = data.labels().size();
        double[] xs = new double[k * k];
        double[] ys = new double[k * k];
        double[] zs = new double[k * k];
        int max = 1;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int idx = i * k + j;
                xs[idx] = j;
                ys[idx] = i;
                zs[idx] = data.count(i, j);
                max = Math.max(max, data.count(i, j));
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("count", new double[][] {xs, ys, zs});
        String[] names = data.labels().toArray(new String[0]);
        SymbolAxis x = new SymbolAxis("Predicted class", names);
        SymbolAxis y = new SymbolAxis("True class", names);
        y.setInverted(true); // first class on top, as confusion matrices are printed
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        // upright class names overlap (and JFreeChart then drops them) as soon as the chart is narrow
        x.setVerticalTickLabels(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        HeatScale scale = new HeatScale(max, theme);
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        theme.apply(chart);
        // Added after the theme, which would otherwise restyle the annotations like item labels.
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int c = data.count(i, j);
                XYTextAnnotation label = new XYTextAnnotation(Integer.toString(c), j, i);
                label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                label.setPaint(2.0 * c > max ? Color.WHITE : new Color(0x222222));
                plot.addAnnotation(label);
            }
        }
        NumberAxis scaleAxis = new NumberAxis("Items (count)");
        scaleAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        scaleAxis.setRange(0, max);
        scaleAxis.setLabelPaint(theme.text());
        scaleAxis.setTickLabelPaint(theme.text());
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        legend.setBackgroundPaint(theme.background());
        chart.addSubtitle(legend);
        return chart;
    }

    /** Training loss (left axis) and validation UAR in % (right axis) per epoch. */
    public static JFreeChart trainingCurves(ChartData.TrainingCurves data, ChartTheme theme) {
        XYSeries loss = new XYSeries("Training loss");
        XYSeries uar = new XYSeries("Validation UAR (%)");
        for (ChartData.EpochPoint e : data.epochs()) {
            loss.add(e.epoch(), e.trainLoss());
            if (!Double.isNaN(e.validationUar())) {
                uar.add(e.epoch(), 100 * e.validationUar());
            }
        }
        NumberAxis x = new NumberAxis("Epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis lossAxis = new NumberAxis("Training loss (nats)");
        lossAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(loss), x, lossAxis, lossRenderer);
        NumberAxis uarAxis = percentAxis("Validation UAR (%)");
        plot.setRangeAxis(1, uarAxis);
        plot.setDataset(1, new XYSeriesCollection(uar));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer uarRenderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(1, uarRenderer);
        JFreeChart chart = new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        theme.apply(chart);
        lossRenderer.setSeriesPaint(0, ChartTheme.seriesColor(0));
        lossRenderer.setSeriesStroke(0, new BasicStroke(2f));
        uarRenderer.setSeriesPaint(0, ChartTheme.seriesColor(1));
        uarRenderer.setSeriesStroke(0, new BasicStroke(2f));
        return chart;
    }

    /**
     * 2-D embedding scatter: one colour per class; queries as small dots, enrolled samples as
     * larger outlined squares, prototypes as large diamonds (each kind its own dataset, so the
     * legend shows every class once per kind).
     */
    public static JFreeChart embeddingScatter(ChartData.EmbeddingScatter data, ChartTheme theme) {
        List<String> classes = data.classNames();
        NumberAxis x = new NumberAxis(data.xAxisLabel());
        NumberAxis y = new NumberAxis(data.yAxisLabel());
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        ChartData.PointKind[] kinds = ChartData.PointKind.values();
        Shape[] shapes = {new Ellipse2D.Double(-2.5, -2.5, 5, 5), new Rectangle2D.Double(-5, -5, 10, 10), diamond(9)};
        String[] suffix = {"", " (enrolled)", " (prototype)"};
        XYLineAndShapeRenderer[] renderers = new XYLineAndShapeRenderer[kinds.length];
        // Prototypes drawn last (dataset index 0 is drawn on top in JFreeChart's default order: reverse).
        for (int kIdx = 0; kIdx < kinds.length; kIdx++) {
            XYSeriesCollection dataset = new XYSeriesCollection();
            for (String c : classes) {
                XYSeries s = new XYSeries(c + suffix[kIdx], false, true);
                for (ChartData.ScatterPoint p : data.points()) {
                    if (p.kind() == kinds[kIdx] && p.className().equals(c)) {
                        s.add(p.x(), p.y());
                    }
                }
                dataset.addSeries(s);
            }
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
            int datasetIndex = kinds.length - 1 - kIdx;
            plot.setDataset(datasetIndex, dataset);
            plot.setRenderer(datasetIndex, r);
            renderers[kIdx] = r;
        }
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        JFreeChart chart = new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        theme.apply(chart);
        for (int kIdx = 0; kIdx < kinds.length; kIdx++) {
            XYLineAndShapeRenderer r = renderers[kIdx];
            for (int c = 0; c < classes.size(); c++) {
                r.setSeriesPaint(c, ChartTheme.seriesColor(c));
                r.setSeriesShape(c, shapes[kIdx]);
                r.setSeriesShapesFilled(c, kinds[kIdx] != ChartData.PointKind.ENROLLED);
                r.setSeriesOutlinePaint(c, theme.text());
                r.setUseOutlinePaint(kinds[kIdx] == ChartData.PointKind.PROTOTYPE);
                r.setSeriesStroke(c, new BasicStroke(2f));
            }
        }
        return chart;
    }

    private static Shape diamond(double size) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -size);
        p.lineTo(size, 0);
        p.lineTo(0, size);
        p.lineTo(-size, 0);
        p.closePath();
        return p;
    }

    private static NumberAxis percentAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static JFreeChart finish(JFreeChart chart, ChartTheme theme, org.jfree.chart.renderer.xy.XYItemRenderer renderer,
            XYPlot plot) {
        theme.apply(chart);
        for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, ChartTheme.seriesColor(s));
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        return chart;
    }

    /** White (or the dark plot colour) to deep blue, proportional to the count. */
    private static final class HeatScale implements PaintScale, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final double max;
        private final Color low;
        private final Color high = new Color(0x08306B);

        HeatScale(double max, ChartTheme theme) {
            this.max = max;
            this.low = theme == ChartTheme.DARK ? new Color(0xC6DBEF) : new Color(0xF7FBFF);
        }

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, value / max));
            return new Color(mix(low.getRed(), high.getRed(), t), mix(low.getGreen(), high.getGreen(), t),
                    mix(low.getBlue(), high.getBlue(), t));
        }

        private static int mix(int a, int b, double t) {
            return (int) Math.round(a + (b - a) * t);
        }
    }
}
