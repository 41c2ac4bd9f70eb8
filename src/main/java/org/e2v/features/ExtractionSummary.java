package org.e2v.features;

import java.util.List;
import org.e2v.domain.CorpusProblem;

/**
 * What one extraction or import did.
 *
 * @param features       the feature set ("emobase", "npy", ...)
 * @param utterances     utterances with usable features
 * @param frames         total frames over those utterances
 * @param dims           feature dimension D
 * @param audioSeconds   seconds of audio behind the features (NaN for imported features)
 * @param elapsedSeconds wall-clock time of the call
 * @param cacheHits      utterances read from the feature cache instead of being computed
 * @param problems       utterances that were skipped and why (file and problem)
 */
public record ExtractionSummary(String features, int utterances, long frames, int dims, double audioSeconds,
                                double elapsedSeconds, int cacheHits, List<CorpusProblem> problems) {
    public ExtractionSummary {
        problems = List.copyOf(problems);
    }
}
