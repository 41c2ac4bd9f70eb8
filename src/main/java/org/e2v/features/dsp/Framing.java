package org.e2v.features.dsp;

/**
 * Frame arithmetic shared by every extractor.
 *
 * <p>A clip of {@code n} samples cut into frames of {@code frameSamples} with a hop of
 * {@code hopSamples} has {@code T = 1 + floor((n - frameSamples) / hopSamples)} frames when
 * {@code n >= frameSamples}. A clip shorter than one frame (but not empty) is zero-padded to one
 * frame, so {@code T = 1}; trailing samples that do not fill a whole hop are dropped. Frame
 * {@code t} covers samples {@code [t * hop, t * hop + frame)}.
 */
public final class Framing {
    private Framing() {
    }

    /** Number of frames for {@code samples} samples; throws for an empty clip. */
    public static int frameCount(int samples, int frameSamples, int hopSamples) {
        if (frameSamples <= 0 || hopSamples <= 0) {
            throw new IllegalArgumentException("frame and hop must be positive, got " + frameSamples + " and " + hopSamples);
        }
        if (samples <= 0) {
            throw new IllegalArgumentException("a clip without samples has no frames");
        }
        if (samples < frameSamples) {
            return 1;
        }
        return 1 + (samples - frameSamples) / hopSamples;
    }

    /** Milliseconds to samples, rounded to the nearest sample (25 ms at 16 kHz = 400). */
    public static int samples(double milliseconds, int sampleRateHz) {
        return (int) Math.round(milliseconds * sampleRateHz / 1000.0);
    }

    /** The smallest power of two that is at least {@code n}. */
    public static int nextPowerOfTwo(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    /** A symmetric Hamming window of {@code length} samples (0.54 - 0.46 cos). */
    public static float[] hamming(int length) {
        float[] w = new float[length];
        if (length == 1) {
            w[0] = 1f;
            return w;
        }
        for (int i = 0; i < length; i++) {
            w[i] = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (length - 1)));
        }
        return w;
    }
}
