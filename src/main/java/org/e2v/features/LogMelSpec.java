package org.e2v.features;

import java.util.ArrayList;
import java.util.List;

/** Log-mel spectrogram: natural log of triangular mel filter energies (input of the CNN encoder). */
public record LogMelSpec(
        @Describe("Sample rate the audio is analysed at, in Hz (other rates are resampled)") int sampleRateHz,
        @Describe("Frame length in milliseconds") double frameMs,
        @Describe("Hop between frame starts in milliseconds") double hopMs,
        @Describe("Pre-emphasis coefficient a of x[n] - a x[n-1] before the spectrum (0 = off)") double preEmphasis,
        @Describe("Number of mel bands (columns)") int melBands,
        @Describe("Lower edge of the mel filterbank in Hz") double minFreqHz,
        @Describe("Upper edge of the mel filterbank in Hz (at most half the sample rate)") double maxFreqHz,
        @Describe("Floor added before the logarithm, ln(energy + floor), so silence stays finite") double logFloor,
        @Describe("Mean-variance normalisation after extraction: none, utterance or speaker") Normalisation normalisation)
        implements AudioFeatureSpec {

    public static final String KIND = "logmel";

    public LogMelSpec {
        SpecChecks.framing(sampleRateHz, frameMs, hopMs);
        SpecChecks.preEmphasis(preEmphasis);
        SpecChecks.melRange(sampleRateHz, melBands, minFreqHz, maxFreqHz);
        if (!(logFloor > 0)) {
            throw new IllegalArgumentException("logFloor must be positive, got " + logFloor);
        }
        normalisation = SpecChecks.normalisation(normalisation);
    }

    /** 64 bands over 0-8000 Hz, 25 ms / 10 ms at 16 kHz, no pre-emphasis, floor 1e-10. */
    public static LogMelSpec defaults() {
        return new LogMelSpec(16_000, 25, 10, 0.0, 64, 0, 8000, 1e-10, Normalisation.NONE);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int dims() {
        return melBands;
    }

    @Override
    public List<String> columns() {
        List<String> all = new ArrayList<>();
        for (int m = 0; m < melBands; m++) {
            all.add("mel" + m);
        }
        return List.copyOf(all);
    }

    @Override
    public FeatureExtractor newExtractor() {
        return new LogMelExtractor(this);
    }

    @Override
    public LogMelSpec withNormalisation(Normalisation n) {
        return new LogMelSpec(sampleRateHz, frameMs, hopMs, preEmphasis, melBands, minFreqHz, maxFreqHz, logFloor, n);
    }
}
