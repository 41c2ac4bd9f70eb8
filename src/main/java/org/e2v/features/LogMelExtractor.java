package org.e2v.features;

import org.e2v.domain.AudioClip;
import org.e2v.domain.FeatureMatrix;
import org.e2v.features.dsp.Framing;
import org.e2v.features.dsp.MelFilterbank;
import org.e2v.features.dsp.PowerSpectrum;

/** Log-mel spectrogram per {@link LogMelSpec}: ln(mel energy + floor) per band. */
final class LogMelExtractor extends FrameExtractor {
    private final LogMelSpec spec;
    private final PowerSpectrum spectrum;
    private final MelFilterbank mel;
    private final double[] melEnergies;

    LogMelExtractor(LogMelSpec spec) {
        this.spec = spec;
        this.spectrum = new PowerSpectrum(spec.frameSamples());
        this.mel = new MelFilterbank(spec.melBands(), spectrum.fftSize(), spec.sampleRateHz(), spec.minFreqHz(), spec.maxFreqHz());
        this.melEnergies = new double[spec.melBands()];
    }

    @Override
    public LogMelSpec spec() {
        return spec;
    }

    @Override
    public FeatureMatrix extract(String utteranceId, AudioClip clip) {
        float[] x = preEmphasise(prepare(utteranceId, clip, spec.sampleRateHz()), spec.preEmphasis());
        int frames = Framing.frameCount(x.length, spec.frameSamples(), spec.hopSamples());
        int dims = spec.melBands();
        float[] out = new float[frames * dims];
        for (int t = 0; t < frames; t++) {
            spectrum.compute(x, t * spec.hopSamples());
            mel.apply(spectrum.power(), melEnergies);
            for (int m = 0; m < dims; m++) {
                out[t * dims + m] = (float) Math.log(melEnergies[m] + spec.logFloor());
            }
        }
        return new FeatureMatrix(utteranceId, frames, dims, out);
    }
}
