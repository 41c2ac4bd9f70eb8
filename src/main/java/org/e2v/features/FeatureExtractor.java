package org.e2v.features;

import org.e2v.domain.AudioClip;
import org.e2v.domain.FeatureMatrix;

/**
 * Computes one utterance's frame-level features. Instances own scratch buffers and are not
 * thread-safe: use one per thread ({@link AudioFeatureSpec#newExtractor()}).
 */
public interface FeatureExtractor {
    /** The spec this extractor implements. */
    AudioFeatureSpec spec();

    /**
     * Features of {@code clip} (resampled to the spec's rate if needed); raw, without the spec's
     * normalisation, which needs the whole set (see {@link Normaliser}).
     *
     * @throws IllegalArgumentException for an empty clip or one containing NaN/Inf samples
     */
    FeatureMatrix extract(String utteranceId, AudioClip clip);

    /** Features of samples at the spec's sample rate. */
    default FeatureMatrix extract(String utteranceId, float[] samples) {
        return extract(utteranceId, new AudioClip(samples, spec().sampleRateHz()));
    }
}
