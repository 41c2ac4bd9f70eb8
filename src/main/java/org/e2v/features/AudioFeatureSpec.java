package org.e2v.features;

import java.util.List;
import org.e2v.features.dsp.Framing;

/** A feature set computed from audio frame by frame. */
public sealed interface AudioFeatureSpec extends FeatureSpec permits EmobaseSpec, MfccSpec, LogMelSpec {
    /** Rate the audio is analysed at (clips at other rates are resampled). */
    int sampleRateHz();

    /** Frame length in milliseconds. */
    double frameMs();

    /** Hop between frame starts in milliseconds. */
    double hopMs();

    /** Feature dimension D. */
    int dims();

    /** Column names in output order; size {@link #dims()}. */
    List<String> columns();

    /** A new extractor (not thread-safe: one per thread). */
    FeatureExtractor newExtractor();

    @Override
    AudioFeatureSpec withNormalisation(Normalisation normalisation);

    default int frameSamples() {
        return Framing.samples(frameMs(), sampleRateHz());
    }

    default int hopSamples() {
        return Framing.samples(hopMs(), sampleRateHz());
    }

    /** Number of frames for a clip of {@code samples} samples at {@link #sampleRateHz()} (see {@link Framing}). */
    default int frameCount(int samples) {
        return Framing.frameCount(samples, frameSamples(), hopSamples());
    }
}
