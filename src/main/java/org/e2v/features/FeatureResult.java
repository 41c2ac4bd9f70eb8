package org.e2v.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.e2v.domain.FeatureMatrix;

/**
 * Features of a set of utterances, keyed by utterance id in input order, normalised as the spec
 * says, plus a summary.
 *
 * @param spec     the spec used (recorded in provenance via {@link FeatureSpecs#canonicalJson})
 * @param features utterance id to features (unmodifiable)
 * @param summary  counts, timings and per-file problems
 */
public record FeatureResult(FeatureSpec spec, Map<String, FeatureMatrix> features, ExtractionSummary summary) {
    public FeatureResult {
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /** Features of one utterance, or null when it has none (see the summary's problems). */
    public FeatureMatrix get(String utteranceId) {
        return features.get(utteranceId);
    }
}
