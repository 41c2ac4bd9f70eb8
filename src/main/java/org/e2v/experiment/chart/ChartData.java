package org.e2v.experiment.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.enroll.Pca;
import org.e2v.enroll.VerificationResult;
import org.e2v.metrics.ClassificationReport;

/**
 * The data behind one chart: plain numbers, no chart library types. Every kind can be written as
 * a CSV table ({@link #csvHeader()}, {@link #csvRows()}) next to its picture.
 */
public sealed interface ChartData {
    /** Chart title. */
    String title();

    /** Column names of the CSV export. */
    List<String> csvHeader();

    /** Rows of the CSV export (numbers or strings), one per data point. */
    List<List<Object>> csvRows();

    /** Mean of values (NaN for none). */
    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }

    /** Sample standard deviation (n - 1); 0 for fewer than two values. */
    static double std(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double s = 0;
        for (double v : values) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (values.length - 1));
    }

    /**
     * Fig. 2: UAR and weighted F1 of the verification task versus the margin m of Eq. (4), with
     * error bars (one standard deviation over repeats) when there are repeats.
     */
    record MarginSweep(String title, List<MarginPoint> points) implements ChartData {
        public MarginSweep {
            points = List.copyOf(points);
        }

        @Override
        public List<String> csvHeader() {
            return List.of("margin", "uar_mean", "uar_std", "f1_mean", "f1_std", "repeats");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (MarginPoint p : points) {
                rows.add(List.of(p.margin(), p.uarMean(), p.uarStd(), p.f1Mean(), p.f1Std(), p.repeats()));
            }
            return rows;
        }
    }

    /** One margin of a sweep: means and standard deviations over {@code repeats} runs. */
    record MarginPoint(double margin, double uarMean, double uarStd, double f1Mean, double f1Std, int repeats) {
        /** Summarises the per-repeat UARs and F1s of one margin. */
        public static MarginPoint of(double margin, double[] uars, double[] f1s) {
            if (uars.length == 0 || uars.length != f1s.length) {
                throw new IllegalArgumentException("need the same positive number of UAR and F1 values");
            }
            return new MarginPoint(margin, ChartData.mean(uars), ChartData.std(uars), ChartData.mean(f1s), ChartData.std(f1s), uars.length);
        }
    }

    /**
     * Fig. 3: histograms of the polar angle {@code 180 D_a / (D_a + D_b)} (Sec. 5.1) of the queries,
     * one per true class; class A sits at 0 degrees, class B at 180, the decision line at 90.
     *
     * @param anglesByClass polar angles in degrees per true class, in legend order
     * @param bins          number of equal bins over [0, 180]
     */
    record PolarHistogram(String title, String classA, String classB, Map<String, double[]> anglesByClass, int bins)
            implements ChartData {
        public PolarHistogram {
            if (bins < 1) {
                throw new IllegalArgumentException("a histogram needs at least one bin");
            }
            Map<String, double[]> copy = new LinkedHashMap<>();
            anglesByClass.forEach((k, v) -> copy.put(k, v.clone()));
            anglesByClass = java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * The histogram of a verification result's polar angles, one series per true class (in
         * order of first appearance among the queries).
         *
         * @param result     a result with polar angles (a class pair with enrolled samples)
         * @param trueLabels true class of each query, in the result's query order
         */
        public static PolarHistogram fromResult(String title, VerificationResult result, List<String> trueLabels, int bins) {
            if (!result.hasPolarAngles()) {
                throw new IllegalArgumentException("the result has no polar angles: enroll samples in both classes of the pair");
            }
            if (trueLabels.size() != result.queryCount()) {
                throw new IllegalArgumentException(trueLabels.size() + " true labels for " + result.queryCount() + " queries");
            }
            double[] angles = result.polarAnglesDeg();
            Map<String, List<Double>> grouped = new LinkedHashMap<>();
            for (int q = 0; q < angles.length; q++) {
                grouped.computeIfAbsent(trueLabels.get(q), k -> new ArrayList<>()).add(angles[q]);
            }
            Map<String, double[]> byClass = new LinkedHashMap<>();
            grouped.forEach((k, v) -> byClass.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            return new PolarHistogram(title, result.polarClassA(), result.polarClassB(), byClass, bins);
        }

        public double binWidthDeg() {
            return 180.0 / bins;
        }

        /** Counts per bin of one class; 180 degrees falls into the last bin, angles outside [0, 180] are clamped. */
        public int[] counts(String className) {
            return binCounts(anglesByClass.get(className), bins);
        }

        /** Counts of {@code anglesDeg} in {@code bins} equal bins over [0, 180]. */
        public static int[] binCounts(double[] anglesDeg, int bins) {
            int[] counts = new int[bins];
            for (double a : anglesDeg) {
                if (Double.isNaN(a)) {
                    continue;
                }
                int b = (int) Math.floor(a / 180.0 * bins);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
            return counts;
        }

        @Override
        public List<String> csvHeader() {
            List<String> h = new ArrayList<>(List.of("bin_start_deg", "bin_end_deg"));
            h.addAll(anglesByClass.keySet());
            return h;
        }

        @Override
        public List<List<Object>> csvRows() {
            List<int[]> counts = new ArrayList<>();
            for (String c : anglesByClass.keySet()) {
                counts.add(counts(c));
            }
            List<List<Object>> rows = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                List<Object> row = new ArrayList<>();
                row.add(b * binWidthDeg());
                row.add((b + 1) * binWidthDeg());
                for (int[] c : counts) {
                    row.add(c[b]);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Fig. 4: UAR versus enrolled samples per class N_p, mean with a spread band. */
    record EnrollmentCurve(String title, List<CurvePoint> points) implements ChartData {
        public EnrollmentCurve {
            points = List.copyOf(points);
        }

        @Override
        public List<String> csvHeader() {
            return List.of("enrolled_per_class", "uar_mean", "uar_low", "uar_high", "repeats");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (CurvePoint p : points) {
                rows.add(List.of(p.enrolledPerClass(), p.mean(), p.low(), p.high(), p.repeats()));
            }
            return rows;
        }
    }

    /** One N_p of Fig. 4: mean UAR and a band (mean +/- one standard deviation over repeats). */
    record CurvePoint(int enrolledPerClass, double mean, double low, double high, int repeats) {
        public static CurvePoint of(int enrolledPerClass, double[] uars) {
            if (uars.length == 0) {
                throw new IllegalArgumentException("need at least one UAR for N_p = " + enrolledPerClass);
            }
            double m = ChartData.mean(uars);
            double s = ChartData.std(uars);
            return new CurvePoint(enrolledPerClass, m, m - s, m + s, uars.length);
        }
    }

    /** Fig. 5: UAR per label-confidence group of the enrolled samples (Sec. 5.4), with std error bars. */
    record ConfidenceBars(String title, List<ConfidenceGroup> groups) implements ChartData {
        public ConfidenceBars {
            groups = List.copyOf(groups);
        }

        @Override
        public List<String> csvHeader() {
            return List.of("group", "uar_mean", "uar_std", "repeats");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (ConfidenceGroup g : groups) {
                rows.add(List.of(g.name(), g.uarMean(), g.uarStd(), g.repeats()));
            }
            return rows;
        }
    }

    /** One bar of Fig. 5. */
    record ConfidenceGroup(String name, double uarMean, double uarStd, int repeats) {
        public static ConfidenceGroup of(String name, double[] uars) {
            return new ConfidenceGroup(name, ChartData.mean(uars), ChartData.std(uars), uars.length);
        }
    }

    /** Confusion matrix heat map: rows true, columns predicted. */
    record Confusion(String title, List<String> labels, int[][] counts) implements ChartData {
        public Confusion {
            labels = List.copyOf(labels);
            int[][] copy = new int[counts.length][];
            for (int i = 0; i < counts.length; i++) {
                if (counts[i].length != labels.size()) {
                    throw new IllegalArgumentException("confusion row " + i + " has " + counts[i].length + " columns for "
                            + labels.size() + " labels");
                }
                copy[i] = counts[i].clone();
            }
            if (copy.length != labels.size()) {
                throw new IllegalArgumentException(copy.length + " confusion rows for " + labels.size() + " labels");
            }
            counts = copy;
        }

        /** From a metrics report (labels as text). */
        public static Confusion of(String title, ClassificationReport<?> report) {
            List<String> names = new ArrayList<>();
            report.labels().forEach(l -> names.add(String.valueOf(l)));
            return new Confusion(title, names, report.confusion());
        }

        public int count(int trueIndex, int predictedIndex) {
            return counts[trueIndex][predictedIndex];
        }

        @Override
        public int[][] counts() {
            int[][] copy = new int[counts.length][];
            for (int i = 0; i < counts.length; i++) {
                copy[i] = counts[i].clone();
            }
            return copy;
        }

        @Override
        public List<String> csvHeader() {
            List<String> h = new ArrayList<>();
            h.add("true\\predicted");
            h.addAll(labels);
            return h;
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                List<Object> row = new ArrayList<>();
                row.add(labels.get(i));
                for (int v : counts[i]) {
                    row.add(v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Training loss and validation UAR per epoch. */
    record TrainingCurves(String title, List<EpochPoint> epochs) implements ChartData {
        public TrainingCurves {
            epochs = List.copyOf(epochs);
        }

        @Override
        public List<String> csvHeader() {
            return List.of("epoch", "train_loss", "validation_uar");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (EpochPoint e : epochs) {
                rows.add(List.of(e.epoch(), e.trainLoss(), e.validationUar()));
            }
            return rows;
        }
    }

    /** One epoch: mean training loss and validation UAR (NaN when not evaluated that epoch). */
    record EpochPoint(int epoch, double trainLoss, double validationUar) {
    }

    /** 2-D embedding scatter (e.g. PCA): queries, enrolled samples and prototypes, coloured by class. */
    record EmbeddingScatter(String title, String xAxisLabel, String yAxisLabel, List<ScatterPoint> points)
            implements ChartData {
        public EmbeddingScatter {
            points = List.copyOf(points);
        }

        /**
         * Projects embeddings onto their first two principal axes ({@link Pca}, fitted on all rows)
         * and labels the axes with the share of variance they explain.
         *
         * @param ids        one id per row
         * @param classNames class per row
         * @param kinds      what each row is (query, enrolled sample, prototype)
         * @param embeddings rows of one dimension (at least 2 rows)
         */
        public static EmbeddingScatter fromPca(String title, List<String> ids, List<String> classNames,
                List<PointKind> kinds, float[][] embeddings) {
            if (ids.size() != embeddings.length || classNames.size() != embeddings.length || kinds.size() != embeddings.length) {
                throw new IllegalArgumentException("ids, classes, kinds and embeddings differ in length");
            }
            Pca pca = Pca.fit(embeddings, 2);
            List<ScatterPoint> points = new ArrayList<>(embeddings.length);
            for (int i = 0; i < embeddings.length; i++) {
                double[] xy = pca.project(embeddings[i]);
                points.add(new ScatterPoint(ids.get(i), classNames.get(i), kinds.get(i), xy[0], xy[1]));
            }
            return new EmbeddingScatter(title,
                    String.format(java.util.Locale.ROOT, "PC 1 (%.1f%% of variance)", 100 * pca.explainedVarianceRatio(0)),
                    String.format(java.util.Locale.ROOT, "PC 2 (%.1f%% of variance)", 100 * pca.explainedVarianceRatio(1)),
                    points);
        }

        /** Class names in order of first appearance (the legend order). */
        public List<String> classNames() {
            List<String> names = new ArrayList<>();
            for (ScatterPoint p : points) {
                if (!names.contains(p.className())) {
                    names.add(p.className());
                }
            }
            return names;
        }

        @Override
        public List<String> csvHeader() {
            return List.of("id", "class", "kind", "x", "y");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (ScatterPoint p : points) {
                rows.add(List.of(p.id(), p.className(), p.kind().name().toLowerCase(java.util.Locale.ROOT), p.x(), p.y()));
            }
            return rows;
        }
    }

    /** What a scatter point stands for. */
    enum PointKind { QUERY, ENROLLED, PROTOTYPE }

    /** One point of the scatter. */
    record ScatterPoint(String id, String className, PointKind kind, double x, double y) {
    }
}
