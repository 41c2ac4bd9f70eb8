package org.e2v.experiment.enroll;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.e2v.enroll.VerificationResult;
import org.e2v.metrics.ClassificationReport;
import org.e2v.metrics.Metrics;

/**
 * The queries of a {@link VerificationResult} that count for the metrics, with those metrics.
 *
 * <p>Scope (one rule for the CLI and the GUI): a query counts when it is not itself enrolled and,
 * in the default closed-set scope, when its true label is one of the classes that has a prototype
 * (Sec. 3.3.3 verifies queries of the new task's classes only). With {@code allLabels}, every
 * query counts, so queries of classes nobody enrolled show whether the open-set threshold rejects
 * them as "unknown".
 *
 * @param rows   indexes into the result's queries, in result order
 * @param ids    utterance id per counted query
 * @param yTrue  true label per counted query
 * @param yPred  predicted label per counted query ({@link VerificationResult#UNKNOWN_LABEL} when rejected)
 * @param report UAR, weighted F1, confusion and per-class metrics; null when nothing counts
 *               (no class has a prototype, or no query is in scope)
 */
public record ScoredQueries(int[] rows, List<String> ids, List<String> yTrue, List<String> yPred,
                            ClassificationReport<String> report) {
    public ScoredQueries {
        rows = rows.clone();
        ids = List.copyOf(ids);
        yTrue = List.copyOf(yTrue);
        yPred = List.copyOf(yPred);
    }

    /**
     * Selects and scores the queries of {@code result}.
     *
     * @param result     a verification of every query
     * @param trueLabels true label per query of {@code result}, in its order
     * @param enrolled   enrolled utterance ids (left out: a sample is trivially close to its own prototype)
     * @param allLabels  count queries of every label, not only of the enrolled classes
     */
    public static ScoredQueries of(VerificationResult result, List<String> trueLabels, Set<String> enrolled,
                                   boolean allLabels) {
        if (trueLabels.size() != result.queryCount()) {
            throw new IllegalArgumentException(trueLabels.size() + " true labels for " + result.queryCount() + " queries");
        }
        Set<String> active = new HashSet<>(result.classNames());
        List<Integer> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> yTrue = new ArrayList<>();
        List<String> yPred = new ArrayList<>();
        if (!active.isEmpty()) {
            for (int q = 0; q < result.queryCount(); q++) {
                String id = result.queryIds().get(q);
                String label = trueLabels.get(q);
                if (enrolled.contains(id) || (!allLabels && !active.contains(label))) {
                    continue;
                }
                rows.add(q);
                ids.add(id);
                yTrue.add(label);
                yPred.add(result.predictedLabel(q));
            }
        }
        ClassificationReport<String> report = ids.isEmpty() ? null : Metrics.evaluate(yTrue, yPred);
        return new ScoredQueries(rows.stream().mapToInt(Integer::intValue).toArray(), ids, yTrue, yPred, report);
    }

    public int count() {
        return ids.size();
    }

    public boolean hasReport() {
        return report != null;
    }

    @Override
    public int[] rows() {
        return rows.clone();
    }
}
