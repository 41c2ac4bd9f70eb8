package org.e2v.features;

import org.e2v.domain.AudioClip;
import org.e2v.domain.FeatureMatrix;
import org.e2v.features.dsp.Dct;
import org.e2v.features.dsp.Deltas;
import org.e2v.features.dsp.Framing;
import org.e2v.features.dsp.Lpc;
import org.e2v.features.dsp.MelFilterbank;
import org.e2v.features.dsp.PowerSpectrum;
import org.e2v.features.dsp.Yin;

/**
 * The emobase-like descriptor set of {@link EmobaseSpec}. Per frame: one FFT shared by the mel
 * bands/MFCC, one LPC fit (on the same windowed, pre-emphasised frame) for the LSFs, one
 * FFT-based YIN on the raw signal, and time-domain intensity, energy and zero crossings. No
 * allocation per frame; only the output matrix and a pre-emphasised copy per utterance.
 */
final class EmobaseExtractor extends FrameExtractor {
    /** openSMILE's loudness reference: L = (I / I0)^0.3 with I0 = 1e-6 for samples in [-1, 1]. */
    static final double LOUDNESS_REFERENCE = 1e-6;

    private final EmobaseSpec spec;
    private final int frameSamples;
    private final int hopSamples;
    private final PowerSpectrum spectrum;
    private final MelFilterbank mel;
    private final Dct dct;
    private final Lpc lpc;
    private final Yin yin;
    private final float[] hamming;
    private final double hammingSum;
    private final double[] melEnergies;

    EmobaseExtractor(EmobaseSpec spec) {
        this.spec = spec;
        this.frameSamples = spec.frameSamples();
        this.hopSamples = spec.hopSamples();
        this.spectrum = new PowerSpectrum(frameSamples);
        this.mel = new MelFilterbank(spec.melBands(), spectrum.fftSize(), spec.sampleRateHz(), spec.minFreqHz(), spec.maxFreqHz());
        this.dct = new Dct(spec.melBands(), 1, spec.mfccCount(), spec.cepstralLifter());
        this.lpc = new Lpc(spec.lpcOrder());
        this.yin = new Yin(spec.sampleRateHz(), Framing.samples(spec.pitchWindowMs(), spec.sampleRateHz()),
                spec.minPitchHz(), spec.maxPitchHz(), spec.yinThreshold());
        this.hamming = Framing.hamming(frameSamples);
        double sum = 0;
        for (float w : hamming) {
            sum += w;
        }
        this.hammingSum = sum;
        this.melEnergies = new double[spec.melBands()];
    }

    @Override
    public EmobaseSpec spec() {
        return spec;
    }

    @Override
    public FeatureMatrix extract(String utteranceId, AudioClip clip) {
        float[] x = prepare(utteranceId, clip, spec.sampleRateHz());
        float[] emphasised = preEmphasise(x, spec.preEmphasis());
        int frames = Framing.frameCount(x.length, frameSamples, hopSamples);
        int base = spec.descriptorCount();
        int dims = 2 * base;
        int mfccCol = 3;
        int lsfCol = mfccCol + spec.mfccCount();
        int zcrCol = lsfCol + spec.lpcOrder();
        int probCol = zcrCol + 1;
        int f0Col = zcrCol + 2;
        int envCol = zcrCol + 3;
        int pitchOffset = frameSamples / 2 - yin.windowSamples() / 2;
        float[] out = new float[frames * dims];
        for (int t = 0; t < frames; t++) {
            int start = t * hopSamples;
            int row = t * dims;
            int available = Math.min(frameSamples, x.length - start);

            double weighted = 0;
            double squares = 0;
            int crossings = 0;
            boolean previousNonNegative = x[start] >= 0;
            for (int i = 0; i < available; i++) {
                float v = x[start + i];
                double sq = (double) v * v;
                squares += sq;
                weighted += hamming[i] * sq;
                boolean nonNegative = v >= 0;
                if (nonNegative != previousNonNegative) {
                    crossings++;
                }
                previousNonNegative = nonNegative;
            }
            // openSMILE cIntensity: Hamming-weighted mean square; loudness (I/I0)^0.3.
            double intensity = weighted / hammingSum;
            out[row] = (float) intensity;
            out[row + 1] = (float) Math.pow(intensity / LOUDNESS_REFERENCE, 0.3);
            out[row + 2] = (float) Math.log(Math.max(squares / frameSamples, LOG_FLOOR));

            spectrum.compute(emphasised, start);
            mel.apply(spectrum.power(), melEnergies);
            for (int m = 0; m < melEnergies.length; m++) {
                melEnergies[m] = Math.log(Math.max(melEnergies[m], LOG_FLOOR));
            }
            dct.apply(melEnergies, out, row + mfccCol);

            lpc.fit(spectrum.windowedFrame(), frameSamples);
            lpc.lineSpectralFrequencies(lpc.coefficients(), out, row + lsfCol);

            out[row + zcrCol] = (float) (crossings / (double) (frameSamples - 1));
            yin.estimate(x, start + pitchOffset);
            out[row + probCol] = (float) yin.probability();
            out[row + f0Col] = (float) yin.pitchHz();
        }
        pitchEnvelope(out, frames, dims, f0Col, envCol, spec.pitchEnvelopeFrames());
        Deltas.compute(out, frames, dims, 0, base, base, spec.deltaWindow());
        return new FeatureMatrix(utteranceId, frames, dims, out);
    }

    /**
     * F0 envelope: the F0 of the last voiced frame held through unvoiced frames (0 before the
     * first voiced frame), smoothed by a centred moving average of {@code window} frames
     * (shortened at the edges).
     */
    static void pitchEnvelope(float[] data, int frames, int stride, int f0Col, int envCol, int window) {
        float held = 0;
        for (int t = 0; t < frames; t++) {
            float f0 = data[t * stride + f0Col];
            if (f0 > 0) {
                held = f0;
            }
            data[t * stride + envCol] = held;
        }
        if (window <= 1) {
            return;
        }
        int before = (window - 1) / 2;
        int after = window - 1 - before;
        // Running sum over the held values; smoothed values go to a temporary column of held values.
        double[] heldValues = new double[frames];
        for (int t = 0; t < frames; t++) {
            heldValues[t] = data[t * stride + envCol];
        }
        double sum = 0;
        int lo = 0;
        int hi = -1;
        for (int t = 0; t < frames; t++) {
            int wantLo = Math.max(0, t - before);
            int wantHi = Math.min(frames - 1, t + after);
            while (hi < wantHi) {
                sum += heldValues[++hi];
            }
            while (lo < wantLo) {
                sum -= heldValues[lo++];
            }
            data[t * stride + envCol] = (float) (sum / (hi - lo + 1));
        }
    }
}
