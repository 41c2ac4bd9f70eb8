package org.e2v.features;

import java.util.ArrayList;
import java.util.List;

/** Mel-frequency cepstral coefficients c0..c(n-1) with optional deltas and delta-deltas. */
public record MfccSpec(
        @Describe("Sample rate the audio is analysed at, in Hz (other rates are resampled)") int sampleRateHz,
        @Describe("Frame length in milliseconds") double frameMs,
        @Describe("Hop between frame starts in milliseconds") double hopMs,
        @Describe("Pre-emphasis coefficient a of x[n] - a x[n-1] before the spectrum (0 = off)") double preEmphasis,
        @Describe("Number of triangular mel filters") int melBands,
        @Describe("Number of cepstral coefficients c0..c(n-1)") int coefficients,
        @Describe("Sinusoidal cepstral lifter L (0 = no liftering)") int cepstralLifter,
        @Describe("Lower edge of the mel filterbank in Hz") double minFreqHz,
        @Describe("Upper edge of the mel filterbank in Hz (at most half the sample rate)") double maxFreqHz,
        @Describe("Regression orders appended: 0 = none, 1 = deltas, 2 = deltas and delta-deltas") int deltaOrder,
        @Describe("Half-width W of the delta regression window in frames") int deltaWindow,
        @Describe("Mean-variance normalisation after extraction: none, utterance or speaker") Normalisation normalisation)
        implements AudioFeatureSpec {

    public static final String KIND = "mfcc";

    public MfccSpec {
        SpecChecks.framing(sampleRateHz, frameMs, hopMs);
        SpecChecks.preEmphasis(preEmphasis);
        SpecChecks.melRange(sampleRateHz, melBands, minFreqHz, maxFreqHz);
        SpecChecks.positive("coefficients", coefficients);
        if (coefficients > melBands) {
            throw new IllegalArgumentException("coefficients " + coefficients + " exceed melBands " + melBands);
        }
        if (cepstralLifter < 0) {
            throw new IllegalArgumentException("cepstralLifter must not be negative, got " + cepstralLifter);
        }
        if (deltaOrder < 0 || deltaOrder > 2) {
            throw new IllegalArgumentException("deltaOrder must be 0, 1 or 2, got " + deltaOrder);
        }
        SpecChecks.positive("deltaWindow", deltaWindow);
        normalisation = SpecChecks.normalisation(normalisation);
    }

    /** 13 coefficients (c0..c12) from 26 mel bands, lifter 22, with deltas; 25 ms / 10 ms at 16 kHz. */
    public static MfccSpec defaults() {
        return new MfccSpec(16_000, 25, 10, 0.97, 26, 13, 22, 0, 8000, 1, 2, Normalisation.NONE);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int dims() {
        return coefficients * (deltaOrder + 1);
    }

    @Override
    public List<String> columns() {
        List<String> all = new ArrayList<>();
        String suffix = "";
        for (int order = 0; order <= deltaOrder; order++) {
            for (int k = 0; k < coefficients; k++) {
                all.add("c" + k + suffix);
            }
            suffix += "_de";
        }
        return List.copyOf(all);
    }

    @Override
    public FeatureExtractor newExtractor() {
        return new MfccExtractor(this);
    }

    @Override
    public MfccSpec withNormalisation(Normalisation n) {
        return new MfccSpec(sampleRateHz, frameMs, hopMs, preEmphasis, melBands, coefficients, cepstralLifter, minFreqHz,
                maxFreqHz, deltaOrder, deltaWindow, n);
    }
}
