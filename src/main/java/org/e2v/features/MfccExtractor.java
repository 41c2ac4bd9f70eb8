package org.e2v.features;

import org.e2v.domain.AudioClip;
import org.e2v.domain.FeatureMatrix;
import org.e2v.features.dsp.Dct;
import org.e2v.features.dsp.Deltas;
import org.e2v.features.dsp.Framing;
import org.e2v.features.dsp.MelFilterbank;
import org.e2v.features.dsp.PowerSpectrum;

/** MFCC per {@link MfccSpec}: Hamming window, power spectrum, mel filterbank, ln, DCT-II, lifter, deltas. */
final class MfccExtractor extends FrameExtractor {
    private final MfccSpec spec;
    private final PowerSpectrum spectrum;
    private final MelFilterbank mel;
    private final Dct dct;
    private final double[] melEnergies;

    MfccExtractor(MfccSpec spec) {
        this.spec = spec;
        this.spectrum = new PowerSpectrum(spec.frameSamples());
        this.mel = new MelFilterbank(spec.melBands(), spectrum.fftSize(), spec.sampleRateHz(), spec.minFreqHz(), spec.maxFreqHz());
        this.dct = new Dct(spec.melBands(), 0, spec.coefficients(), spec.cepstralLifter());
        this.melEnergies = new double[spec.melBands()];
    }

    @Override
    public MfccSpec spec() {
        return spec;
    }

    /** The filterbank, for tests that derive expected cepstra from its weights. */
    MelFilterbank filterbank() {
        return mel;
    }

    @Override
    public FeatureMatrix extract(String utteranceId, AudioClip clip) {
        float[] x = preEmphasise(prepare(utteranceId, clip, spec.sampleRateHz()), spec.preEmphasis());
        int frames = Framing.frameCount(x.length, spec.frameSamples(), spec.hopSamples());
        int dims = spec.dims();
        int n = spec.coefficients();
        float[] out = new float[frames * dims];
        for (int t = 0; t < frames; t++) {
            spectrum.compute(x, t * spec.hopSamples());
            mel.apply(spectrum.power(), melEnergies);
            for (int m = 0; m < melEnergies.length; m++) {
                melEnergies[m] = Math.log(Math.max(melEnergies[m], LOG_FLOOR));
            }
            dct.apply(melEnergies, out, t * dims);
        }
        for (int order = 1; order <= spec.deltaOrder(); order++) {
            Deltas.compute(out, frames, dims, (order - 1) * n, n, order * n, spec.deltaWindow());
        }
        return new FeatureMatrix(utteranceId, frames, dims, out);
    }
}
