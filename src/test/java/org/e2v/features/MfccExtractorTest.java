package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.e2v.domain.FeatureMatrix;
import org.junit.jupiter.api.Test;

class MfccExtractorTest {
    private static final int SR = 16_000;

    /** Expected c_k of a flat power spectrum: lifter * DCT of ln(filter weight sums) (k >= 1; c0 shifts with level). */
    private static double[] flatSpectrumCepstrum(MfccSpec spec, MfccExtractor e) {
        double[] logSums = e.filterbank().weightSums();
        int m = logSums.length;
        for (int i = 0; i < m; i++) {
            logSums[i] = Math.log(logSums[i]);
        }
        double[] c = new double[spec.coefficients()];
        for (int k = 0; k < c.length; k++) {
            double lift = spec.cepstralLifter() == 0 ? 1 : 1 + spec.cepstralLifter() / 2.0 * Math.sin(Math.PI * k / spec.cepstralLifter());
            double acc = 0;
            for (int i = 0; i < m; i++) {
                acc += logSums[i] * Math.cos(Math.PI * k * (i + 0.5) / m);
            }
            c[k] = Math.sqrt(2.0 / m) * lift * acc;
        }
        return c;
    }

    private static MfccSpec noPreEmphasis() {
        return noPreEmphasis(MfccSpec.defaults().frameMs(), MfccSpec.defaults().cepstralLifter());
    }

    private static MfccSpec noPreEmphasis(double frameMs, int lifter) {
        MfccSpec d = MfccSpec.defaults();
        return new MfccSpec(d.sampleRateHz(), frameMs, d.hopMs(), 0.0, d.melBands(), d.coefficients(), lifter,
                d.minFreqHz(), d.maxFreqHz(), d.deltaOrder(), d.deltaWindow(), d.normalisation());
    }

    @Test
    void impulseHasExactlyTheCepstrumOfAFlatSpectrum() {
        MfccSpec spec = noPreEmphasis();
        MfccExtractor e = (MfccExtractor) spec.newExtractor();
        float[] x = new float[400];
        x[200] = 1f; // |X_k|^2 = w[200]^2 for every k: a flat power spectrum
        FeatureMatrix m = e.extract("impulse", x);
        double[] expected = flatSpectrumCepstrum(spec, e);
        for (int k = 1; k < spec.coefficients(); k++) {
            assertThat((double) m.get(0, k)).as("c%d", k).isCloseTo(expected[k], within(1e-3));
        }
    }

    @Test
    void whiteNoiseCepstrumIsFlatApartFromTheFilterbankShape() {
        MfccSpec spec = noPreEmphasis(25, 0);
        MfccExtractor e = (MfccExtractor) spec.newExtractor();
        FeatureMatrix m = e.extract("noise", TestAudio.whiteNoise(0.1, 10.0, SR, 42));
        double[] mean = new double[spec.coefficients()];
        for (int t = 0; t < m.frames(); t++) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += m.get(t, k) / m.frames();
            }
        }
        double[] expected = flatSpectrumCepstrum(spec, e);
        // Without liftering (which would amplify the sampling noise of high coefficients up to 12x),
        // c1..c12 equal the cepstrum of the filterbank's own shape. What remains is sampling noise
        // and, on c1, the bias of E[ln] on the narrow low bands that average only 2-3 FFT bins
        // (ln E - E ln is about 0.3 there and under 0.05 on the wide high bands: a slope).
        assertThat(mean[1] - expected[1]).isBetween(-0.5, 0.0);
        for (int k = 2; k < spec.coefficients(); k++) {
            assertThat(Math.abs(mean[k] - expected[k])).as("c%d", k).isLessThan(0.1);
        }
        assertThat(Math.abs(mean[1] - expected[1])).isLessThan(0.03 * Math.abs(mean[0]));
    }

    @Test
    void deltaColumnsFollowTheCoefficients() {
        MfccSpec d = MfccSpec.defaults();
        MfccSpec spec = new MfccSpec(d.sampleRateHz(), d.frameMs(), d.hopMs(), d.preEmphasis(), d.melBands(), 20, d.cepstralLifter(),
                d.minFreqHz(), d.maxFreqHz(), 2, d.deltaWindow(), d.normalisation());
        FeatureMatrix m = spec.newExtractor().extract("u", SyntheticSpeech.generate(1.0, SR, 1));
        assertThat(m.dims()).isEqualTo(60);
        assertThat(spec.columns().get(20)).isEqualTo("c0_de");
        assertThat(spec.columns().get(40)).isEqualTo("c0_de_de");
        int t = 40;
        // Delta of c3 by the regression formula with W = 2
        double expected = (1 * (m.get(t + 1, 3) - m.get(t - 1, 3)) + 2 * (m.get(t + 2, 3) - m.get(t - 2, 3))) / 10.0;
        assertThat((double) m.get(t, 23)).isCloseTo(expected, within(1e-5));
    }
}
