package org.e2v.enroll;

import java.util.List;
import org.e2v.metrics.ClassificationReport;

/**
 * An immutable snapshot of verifying every query against the current prototypes.
 *
 * @param classNames     the classes that took part, in session order: only classes with at least
 *                       one enrolled sample (empty bins have no prototype and are left out); column
 *                       {@code c} of the distances and predicted index {@code c} refer to {@code classNames[c]}
 * @param queryIds       query utterance ids, row order
 * @param predicted      per query the index into {@code classNames}, or
 *                       {@link CosineVerifier#UNKNOWN_INDEX} when rejected by the threshold or no class is enrolled
 * @param distances      cosine distances {@code 1 - cos}, row-major {@code queries x classNames}
 * @param polarClassA    class at 0 degrees of the polar angles, or null when there are none
 * @param polarClassB    class at 180 degrees, or null
 * @param polarAnglesDeg per query {@code 180 D_a / (D_a + D_b)} (Sec. 5.1), or an empty array when
 *                       the pair is not set or one of its classes is empty
 * @param maxDistance    the open-set threshold in force ({@code +Infinity} = closed set)
 * @param metrics        metrics against the queries' true labels (predicted label "unknown" for
 *                       rejections), or null when the session has no true labels or no class is enrolled
 */
public record VerificationResult(List<String> classNames, List<String> queryIds, int[] predicted, float[] distances,
        String polarClassA, String polarClassB, double[] polarAnglesDeg, double maxDistance,
        ClassificationReport<String> metrics) {

    /** Label reported for a query rejected by the open-set threshold. */
    public static final String UNKNOWN_LABEL = "unknown";

    public VerificationResult {
        classNames = List.copyOf(classNames);
        queryIds = List.copyOf(queryIds);
        if (predicted.length != queryIds.size() || distances.length != queryIds.size() * classNames.size()) {
            throw new IllegalArgumentException("result arrays do not match " + queryIds.size() + " queries x "
                    + classNames.size() + " classes");
        }
        predicted = predicted.clone();
        distances = distances.clone();
        polarAnglesDeg = polarAnglesDeg.clone();
    }

    public int queryCount() {
        return queryIds.size();
    }

    public int classCount() {
        return classNames.size();
    }

    /** Cosine distance of query {@code q} to class column {@code c}. */
    public float distance(int q, int c) {
        return distances[q * classNames.size() + c];
    }

    /** Predicted class index of query {@code q}, or {@link CosineVerifier#UNKNOWN_INDEX}. */
    public int predictedIndex(int q) {
        return predicted[q];
    }

    /** Predicted class name of query {@code q}, or {@link #UNKNOWN_LABEL}. */
    public String predictedLabel(int q) {
        int c = predicted[q];
        return c < 0 ? UNKNOWN_LABEL : classNames.get(c);
    }

    public boolean hasPolarAngles() {
        return polarAnglesDeg.length > 0;
    }

    public boolean hasMetrics() {
        return metrics != null;
    }

    @Override
    public int[] predicted() {
        return predicted.clone();
    }

    @Override
    public float[] distances() {
        return distances.clone();
    }

    @Override
    public double[] polarAnglesDeg() {
        return polarAnglesDeg.clone();
    }
}
