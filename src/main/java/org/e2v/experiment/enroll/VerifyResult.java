package org.e2v.experiment.enroll;

import java.util.List;
import java.util.Map;
import org.e2v.domain.CorpusProblem;
import org.e2v.enroll.VerificationResult;

/**
 * Result of {@link VerifyService#verify}.
 *
 * @param modelHash       "sha256:..." of the encoder used
 * @param setModelHash    the hash recorded in the enrollment set, or null
 * @param verification    every query of the selection against the prototypes
 * @param trueLabels      true label per query of {@code verification}
 * @param scored          the queries that count and their metrics
 * @param enrolledCounts  enrolled utterances per class, in bin order
 * @param problems        query utterances that could not be embedded (left out)
 * @param cacheHits       embeddings read from the cache
 */
public record VerifyResult(String modelHash, String setModelHash, VerificationResult verification,
                           List<String> trueLabels, ScoredQueries scored, Map<String, Integer> enrolledCounts,
                           List<CorpusProblem> problems, int cacheHits) {
    public VerifyResult {
        trueLabels = List.copyOf(trueLabels);
        enrolledCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(enrolledCounts));
        problems = List.copyOf(problems);
    }

    /** False when the set records another encoder than the one used (its numbers will differ). */
    public boolean modelMatchesSet() {
        return setModelHash == null || setModelHash.equals(modelHash);
    }
}
