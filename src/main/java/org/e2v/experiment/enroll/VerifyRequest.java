package org.e2v.experiment.enroll;

import java.nio.file.Path;
import java.util.Objects;
import org.e2v.domain.Corpus;
import org.e2v.enroll.EnrollmentSet;

/**
 * One headless enroll-and-verify: what {@code e2v verify} and the GUI's saved sets describe.
 *
 * @param modelFile           the encoder (.e2vm); its recorded feature settings are used
 * @param corpus              the corpus holding both the enrolled utterances and the queries
 * @param set                 the class bins and their enrolled utterance ids
 * @param setFile             where {@code set} was read from (for messages), or null
 * @param queries             which utterances are verified (default {@link QuerySplit#TEST})
 * @param allLabels           score queries of every label, not only of the enrolled classes (open-set tests)
 * @param maxDistanceOverride rejection threshold replacing the set's, or null to keep the set's
 */
public record VerifyRequest(Path modelFile, Corpus corpus, EnrollmentSet set, Path setFile, QuerySplit queries,
                            boolean allLabels, Double maxDistanceOverride) {
    public VerifyRequest {
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(set, "set");
        queries = queries == null ? QuerySplit.TEST : queries;
    }
}
