package org.e2v.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-class and summary metrics of one classifier on one set of items, all derived from the
 * confusion matrix.
 *
 * <p>Conventions (those of the paper's Table 4 and scikit-learn, see docs/decisions/0061):
 * {@code labels} is the sorted union of true and predicted labels and orders every per-class list;
 * any 0/0 precision, recall or F1 is 0; {@link #uar()} averages recall over the classes present in
 * the truth only, so a label that is predicted but never true does not drag the UAR down.
 *
 * @param labels      sorted union of the true and predicted labels
 * @param trueClasses sorted labels that occur in the truth (a subset of {@code labels})
 * @param confusion   {@code confusion[i][j]} = items of true label {@code labels[i]} predicted as {@code labels[j]}
 * @param support     items per true label
 * @param precision   TP / (TP + FP), 0 when nothing was predicted as that label
 * @param recall      TP / (TP + FN), 0 when the label never occurs in the truth
 * @param f1          2PR / (P + R), 0 when P + R = 0
 * @param uar         unweighted average recall over {@code trueClasses}
 * @param uarAllLabels mean recall over all {@code labels} (scikit-learn's default {@code average='macro'})
 * @param weightedF1  support-weighted mean F1
 * @param accuracy    fraction of items predicted correctly
 * @param count       number of items
 * @param <L>         label type (class names or integer codes)
 */
public record ClassificationReport<L>(List<L> labels, List<L> trueClasses, int[][] confusion, int[] support,
        double[] precision, double[] recall, double[] f1, double uar, double uarAllLabels, double weightedF1,
        double accuracy, int count) {

    public ClassificationReport {
        labels = List.copyOf(labels);
        trueClasses = List.copyOf(trueClasses);
        confusion = deepCopy(confusion);
        support = support.clone();
        precision = precision.clone();
        recall = recall.clone();
        f1 = f1.clone();
    }

    /**
     * Derives every metric from a confusion matrix.
     *
     * @param labels    row and column labels, in the order of the matrix
     * @param confusion square matrix, rows = true label, columns = predicted label
     * @throws IllegalArgumentException if the matrix is not square of the labels' size, has a
     *                                  negative count or counts no item
     */
    public static <L> ClassificationReport<L> fromConfusion(List<L> labels, int[][] confusion) {
        int k = labels.size();
        if (confusion.length != k) {
            throw new IllegalArgumentException("confusion matrix has " + confusion.length + " rows for " + k + " labels");
        }
        int[] support = new int[k];
        int[] predictedCount = new int[k];
        int n = 0;
        int correct = 0;
        for (int i = 0; i < k; i++) {
            if (confusion[i].length != k) {
                throw new IllegalArgumentException("confusion row " + i + " has " + confusion[i].length + " columns for " + k + " labels");
            }
            for (int j = 0; j < k; j++) {
                int v = confusion[i][j];
                if (v < 0) {
                    throw new IllegalArgumentException("negative count in confusion matrix at (" + i + ", " + j + ")");
                }
                support[i] += v;
                predictedCount[j] += v;
                n += v;
            }
            correct += confusion[i][i];
        }
        if (n == 0) {
            throw new IllegalArgumentException("metrics need at least one item");
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        List<L> trueClasses = new ArrayList<>();
        double recallSumTrue = 0;
        double recallSumAll = 0;
        double weightedF1 = 0;
        for (int i = 0; i < k; i++) {
            double tp = confusion[i][i];
            precision[i] = predictedCount[i] == 0 ? 0.0 : tp / predictedCount[i];
            recall[i] = support[i] == 0 ? 0.0 : tp / support[i];
            double pr = precision[i] + recall[i];
            f1[i] = pr == 0 ? 0.0 : 2 * precision[i] * recall[i] / pr;
            if (support[i] > 0) {
                trueClasses.add(labels.get(i));
                recallSumTrue += recall[i];
            }
            recallSumAll += recall[i];
            weightedF1 += support[i] * f1[i];
        }
        return new ClassificationReport<>(labels, trueClasses, confusion, support, precision, recall, f1,
                recallSumTrue / trueClasses.size(), recallSumAll / k, weightedF1 / n, (double) correct / n, n);
    }

    /** Index of {@code label} in {@link #labels()}, or -1. */
    public int indexOf(L label) {
        return labels.indexOf(label);
    }

    /** Recall of one label (0 if the label is absent). */
    public double recallOf(L label) {
        int i = indexOf(label);
        return i < 0 ? 0.0 : recall[i];
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    @Override
    public int[] support() {
        return support.clone();
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    @Override
    public double[] f1() {
        return f1.clone();
    }

    /** The per-class rows in label order, convenient for tables and JSON. */
    public List<ClassMetrics<L>> perClass() {
        List<ClassMetrics<L>> rows = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            rows.add(new ClassMetrics<>(labels.get(i), support[i], precision[i], recall[i], f1[i]));
        }
        return Collections.unmodifiableList(rows);
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] copy = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            copy[i] = m[i].clone();
        }
        return copy;
    }

    /** Metrics of one class. */
    public record ClassMetrics<L>(L label, int support, double precision, double recall, double f1) {
    }
}
