package org.e2v.features;

import org.e2v.audio.Resampler;
import org.e2v.domain.AudioClip;

/** Input preparation shared by the frame-level extractors. */
abstract class FrameExtractor implements FeatureExtractor {
    /** Floor under mel energies before the logarithm in cepstral analysis. */
    static final double LOG_FLOOR = 1e-10;

    /** The clip's samples at {@code sampleRateHz}, checked to be non-empty and finite. */
    static float[] prepare(String utteranceId, AudioClip clip, int sampleRateHz) {
        float[] x = clip.samples();
        if (x.length == 0) {
            throw new IllegalArgumentException("utterance " + utteranceId + " has no audio samples");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("utterance " + utteranceId + " has a non-finite audio sample at "
                        + String.format(java.util.Locale.ROOT, "%.3f", i / (double) clip.sampleRateHz()) + " s");
            }
        }
        return clip.sampleRateHz() == sampleRateHz ? x : Resampler.resample(x, clip.sampleRateHz(), sampleRateHz);
    }

    /** y[0] = x[0], y[n] = x[n] - a x[n-1]; returns {@code x} itself when a = 0. */
    static float[] preEmphasise(float[] x, double a) {
        if (a == 0) {
            return x;
        }
        float[] y = new float[x.length];
        y[0] = x[0];
        float af = (float) a;
        for (int i = 1; i < x.length; i++) {
            y[i] = x[i] - af * x[i - 1];
        }
        return y;
    }
}
