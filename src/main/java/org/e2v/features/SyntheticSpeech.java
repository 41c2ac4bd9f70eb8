package org.e2v.features;

import java.util.Random;

/**
 * Deterministic speech-like test audio: "syllables" of a harmonic tone (12 harmonics with a
 * 1/h spectral tilt) whose F0 glides between 100 and 250 Hz with 5 Hz vibrato, shaped by a
 * 4 Hz syllable envelope, separated by short pauses, plus low-level white noise. Used when no
 * real recordings are at hand (benchmarks, tests).
 */
public final class SyntheticSpeech {
    private SyntheticSpeech() {
    }

    public static float[] generate(double seconds, int sampleRateHz, long seed) {
        int n = (int) Math.round(seconds * sampleRateHz);
        float[] x = new float[n];
        Random rng = new Random(seed);
        double phase = 0;
        double baseHz = 100 + 150 * rng.nextDouble();
        double targetHz = 100 + 150 * rng.nextDouble();
        int syllableSamples = sampleRateHz / 4;
        for (int i = 0; i < n; i++) {
            int inSyllable = i % syllableSamples;
            if (inSyllable == 0) {
                baseHz = targetHz;
                targetHz = 100 + 150 * rng.nextDouble();
            }
            double s = inSyllable / (double) syllableSamples;
            double f0 = baseHz + (targetHz - baseHz) * s + 4 * Math.sin(2 * Math.PI * 5 * i / sampleRateHz);
            phase += 2 * Math.PI * f0 / sampleRateHz;
            // Voiced for the first 80 % of each syllable with a raised-sine envelope, then a pause.
            double envelope = s < 0.8 ? Math.sin(Math.PI * s / 0.8) : 0;
            double v = 0;
            for (int h = 1; h <= 12 && h * f0 < sampleRateHz / 2.0; h++) {
                v += Math.sin(h * phase) / h;
            }
            x[i] = (float) (0.25 * envelope * v + 0.003 * rng.nextGaussian());
        }
        return x;
    }
}
