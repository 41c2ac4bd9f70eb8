package org.e2v.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.e2v.common.E2vException;
import org.e2v.enroll.CosineVerifier;
import org.e2v.metrics.ClassificationReport;
import org.e2v.metrics.Metrics;

/**
 * Batch enroll-to-verify (Algorithm 1) on cached embeddings: draw N_p enrolled samples per class,
 * average them into prototypes, predict every query by the nearest prototype in cosine distance.
 */
final class Verification {
    private Verification() {
    }

    /**
     * One draw's outcome.
     *
     * @param enrolled   utterance ids enrolled per class
     * @param predicted  predicted class per query ("unknown" when rejected)
     * @param distances  query x class cosine distances
     * @param report     metrics against the queries' true labels
     */
    record Draw(Map<String, List<String>> enrolled, List<String> predicted, double[][] distances,
                ClassificationReport<String> report) {
    }

    /**
     * Draws {@code perClass} samples of each class from its pool (without replacement) and verifies.
     *
     * @throws E2vException when a pool holds fewer than {@code perClass} samples
     */
    static Draw draw(List<String> classes, Map<String, List<String>> pools, int perClass, Map<String, float[]> emb,
                     List<String> queryIds, List<String> queryTruth, Double threshold, SplittableRandom rng) {
        Map<String, List<String>> enrolled = new LinkedHashMap<>();
        for (String c : classes) {
            List<String> pool = pools.getOrDefault(c, List.of());
            if (pool.size() < perClass) {
                throw new E2vException("cannot enroll " + perClass + " samples of class '" + c + "': the enrollment split has "
                        + pool.size() + (pool.size() == 1 ? " utterance" : " utterances") + " of it");
            }
            enrolled.put(c, sample(pool, perClass, rng));
        }
        return verify(classes, enrolled, emb, queryIds, queryTruth, threshold);
    }

    /** Verifies the queries against prototypes of the given enrolled samples. */
    static Draw verify(List<String> classes, Map<String, List<String>> enrolled, Map<String, float[]> emb,
                       List<String> queryIds, List<String> queryTruth, Double threshold) {
        double[][] prototypes = new double[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            List<String> ids = enrolled.get(classes.get(c));
            double[][] rows = new double[ids.size()][];
            for (int i = 0; i < ids.size(); i++) {
                rows[i] = toDouble(emb.get(ids.get(i)));
            }
            prototypes[c] = CosineVerifier.prototype(rows);
        }
        double[][] queries = new double[queryIds.size()][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = toDouble(emb.get(queryIds.get(q)));
        }
        double[][] d = CosineVerifier.cosineDistances(queries, prototypes);
        int[] nearest = CosineVerifier.nearest(d, threshold == null ? Double.POSITIVE_INFINITY : threshold);
        List<String> predicted = new ArrayList<>(nearest.length);
        for (int n : nearest) {
            predicted.add(n == CosineVerifier.UNKNOWN_INDEX ? "unknown" : classes.get(n));
        }
        return new Draw(enrolled, predicted, d, Metrics.evaluate(queryTruth, predicted));
    }

    static List<String> sample(List<String> pool, int count, SplittableRandom rng) {
        List<String> copy = new ArrayList<>(pool);
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(copy.size() - i);
            String t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return List.copyOf(copy.subList(0, count));
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
