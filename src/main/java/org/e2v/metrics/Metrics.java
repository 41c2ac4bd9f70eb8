package org.e2v.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Classification metrics from paired truth and prediction lists (UAR, weighted F1, accuracy,
 * confusion matrix, per-class precision/recall/F1) and McNemar's test between two systems.
 *
 * <p>Labels can be any naturally ordered type: class names ({@code String}) or integer codes.
 * The label order of every report is the natural (sorted) order of the union of true and
 * predicted labels, as in scikit-learn.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Evaluates one classifier.
     *
     * @param yTrue true label per item
     * @param yPred predicted label per item (same order); labels never true are allowed
     * @throws IllegalArgumentException if the lists differ in length, are empty or hold null
     */
    public static <L extends Comparable<? super L>> ClassificationReport<L> evaluate(List<L> yTrue, List<L> yPred) {
        checkPaired(yTrue, yPred, "predictions");
        TreeSet<L> union = new TreeSet<>(Comparator.naturalOrder());
        union.addAll(yTrue);
        union.addAll(yPred);
        List<L> labels = new ArrayList<>(union);
        Map<L, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[][] confusion = new int[labels.size()][labels.size()];
        for (int i = 0; i < yTrue.size(); i++) {
            confusion[index.get(yTrue.get(i))][index.get(yPred.get(i))]++;
        }
        return ClassificationReport.fromConfusion(labels, confusion);
    }

    /**
     * McNemar's test on the paired correctness of two systems A and B on the same items.
     *
     * @param yTrue true labels
     * @param predA predictions of A
     * @param predB predictions of B, same items in the same order
     */
    public static <L> McNemarResult mcNemar(List<L> yTrue, List<L> predA, List<L> predB) {
        checkPaired(yTrue, predA, "predictions of system A");
        checkPaired(yTrue, predB, "predictions of system B");
        int b = 0;
        int c = 0;
        for (int i = 0; i < yTrue.size(); i++) {
            boolean aRight = yTrue.get(i).equals(predA.get(i));
            boolean bRight = yTrue.get(i).equals(predB.get(i));
            if (aRight && !bRight) {
                b++;
            } else if (!aRight && bRight) {
                c++;
            }
        }
        return McNemarResult.of(b, c);
    }

    private static void checkPaired(List<?> yTrue, List<?> other, String what) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(other, what);
        if (yTrue.isEmpty()) {
            throw new IllegalArgumentException("metrics need at least one item");
        }
        if (yTrue.size() != other.size()) {
            throw new IllegalArgumentException(yTrue.size() + " true labels but " + other.size() + " " + what);
        }
        for (int i = 0; i < yTrue.size(); i++) {
            if (yTrue.get(i) == null || other.get(i) == null) {
                throw new IllegalArgumentException("missing label at item " + i);
            }
        }
    }
}
