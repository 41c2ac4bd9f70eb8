package org.e2v.features;

import java.util.ArrayList;
import java.util.List;

/**
 * emobase-like low-level descriptors (the "Emobase" input of Table 5, Sec. 4.1.2: intensity,
 * loudness, 12 MFCC, pitch, voicing probability, F0 envelope, 8 LSFs, zero-crossing rate, plus
 * their delta regression coefficients), computed frame by frame. Column order: see
 * {@link #columns()} and docs/features.md.
 */
public record EmobaseSpec(
        @Describe("Sample rate the audio is analysed at, in Hz (other rates are resampled)") int sampleRateHz,
        @Describe("Frame length in milliseconds") double frameMs,
        @Describe("Hop between frame starts in milliseconds") double hopMs,
        @Describe("Pre-emphasis coefficient a of x[n] - a x[n-1] before the spectrum and LPC (0 = off)") double preEmphasis,
        @Describe("Number of triangular mel filters feeding the MFCC") int melBands,
        @Describe("Number of MFCCs kept, c1 upwards (c0 is left out as in emobase)") int mfccCount,
        @Describe("Sinusoidal cepstral lifter L (0 = no liftering)") int cepstralLifter,
        @Describe("Lower edge of the mel filterbank in Hz") double minFreqHz,
        @Describe("Upper edge of the mel filterbank in Hz (at most half the sample rate)") double maxFreqHz,
        @Describe("LPC order p; gives p line spectral frequencies (even, >= 2)") int lpcOrder,
        @Describe("YIN analysis window in milliseconds, centred on the frame (integration window plus largest lag)") double pitchWindowMs,
        @Describe("Lowest pitch searched by YIN in Hz") double minPitchHz,
        @Describe("Highest pitch searched by YIN in Hz") double maxPitchHz,
        @Describe("YIN absolute threshold on the normalised difference (lower = stricter voicing)") double yinThreshold,
        @Describe("Frames of the moving average that smooths the held F0 into the F0 envelope") int pitchEnvelopeFrames,
        @Describe("Half-width W of the delta regression window in frames") int deltaWindow,
        @Describe("Mean-variance normalisation after extraction: none, utterance or speaker") Normalisation normalisation)
        implements AudioFeatureSpec {

    public static final String KIND = "emobase";

    public EmobaseSpec {
        SpecChecks.framing(sampleRateHz, frameMs, hopMs);
        SpecChecks.preEmphasis(preEmphasis);
        SpecChecks.melRange(sampleRateHz, melBands, minFreqHz, maxFreqHz);
        SpecChecks.positive("mfccCount", mfccCount);
        if (mfccCount + 1 > melBands) {
            throw new IllegalArgumentException("mfccCount " + mfccCount + " needs more than " + melBands + " melBands");
        }
        if (cepstralLifter < 0) {
            throw new IllegalArgumentException("cepstralLifter must not be negative, got " + cepstralLifter);
        }
        if (lpcOrder < 2 || lpcOrder % 2 != 0) {
            throw new IllegalArgumentException("lpcOrder must be even and at least 2, got " + lpcOrder);
        }
        if (!(minPitchHz > 0) || !(maxPitchHz > minPitchHz) || maxPitchHz >= sampleRateHz / 2.0) {
            throw new IllegalArgumentException("need 0 < minPitchHz < maxPitchHz < sampleRateHz/2, got " + minPitchHz
                    + " and " + maxPitchHz);
        }
        double neededMs = 1.5 * 1000.0 / minPitchHz;
        if (!(pitchWindowMs >= neededMs)) {
            throw new IllegalArgumentException("pitchWindowMs " + pitchWindowMs + " is too short for minPitchHz "
                    + minPitchHz + " (needs at least " + Math.ceil(neededMs) + " ms)");
        }
        if (!(yinThreshold > 0) || yinThreshold >= 1) {
            throw new IllegalArgumentException("yinThreshold must lie in (0, 1), got " + yinThreshold);
        }
        SpecChecks.positive("pitchEnvelopeFrames", pitchEnvelopeFrames);
        SpecChecks.positive("deltaWindow", deltaWindow);
        normalisation = SpecChecks.normalisation(normalisation);
    }

    /** The defaults: 25 ms frames, 10 ms hop at 16 kHz, 26 mel bands, 12 MFCC, LPC 8, YIN 60-500 Hz. */
    public static EmobaseSpec defaults() {
        return new EmobaseSpec(16_000, 25, 10, 0.97, 26, 12, 22, 0, 8000, 8, 40, 60, 500, 0.15, 5, 2, Normalisation.NONE);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Number of low-level descriptors before deltas. */
    public int descriptorCount() {
        return 3 + mfccCount + lpcOrder + 4;
    }

    @Override
    public int dims() {
        return 2 * descriptorCount();
    }

    @Override
    public List<String> columns() {
        List<String> base = new ArrayList<>();
        base.add("intensity");
        base.add("loudness");
        base.add("logEnergy");
        for (int i = 1; i <= mfccCount; i++) {
            base.add("mfcc" + i);
        }
        for (int i = 1; i <= lpcOrder; i++) {
            base.add("lsf" + i);
        }
        base.add("zcr");
        base.add("voicingProb");
        base.add("f0Hz");
        base.add("f0EnvHz");
        List<String> all = new ArrayList<>(base);
        for (String b : base) {
            all.add(b + "_de");
        }
        return List.copyOf(all);
    }

    @Override
    public FeatureExtractor newExtractor() {
        return new EmobaseExtractor(this);
    }

    @Override
    public EmobaseSpec withNormalisation(Normalisation n) {
        return new EmobaseSpec(sampleRateHz, frameMs, hopMs, preEmphasis, melBands, mfccCount, cepstralLifter, minFreqHz,
                maxFreqHz, lpcOrder, pitchWindowMs, minPitchHz, maxPitchHz, yinThreshold, pitchEnvelopeFrames, deltaWindow, n);
    }
}
