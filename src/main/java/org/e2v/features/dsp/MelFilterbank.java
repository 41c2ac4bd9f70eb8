package org.e2v.features.dsp;

/**
 * Triangular filters equally spaced on the HTK mel scale ({@code mel = 2595 log10(1 + f/700)}),
 * unit peak height, evaluated at the exact FFT bin frequencies (no rounding of edges to bins).
 * Stored sparsely: each band keeps its first bin and its non-zero weights.
 */
public final class MelFilterbank {
    private final int bands;
    private final int[] firstBin;
    private final float[][] weights;

    public MelFilterbank(int bands, int fftSize, int sampleRateHz, double minHz, double maxHz) {
        if (bands < 1) {
            throw new IllegalArgumentException("at least one mel band is needed, got " + bands);
        }
        if (!(minHz >= 0) || !(maxHz > minHz) || maxHz > sampleRateHz / 2.0 + 1e-9) {
            throw new IllegalArgumentException("mel range " + minHz + ".." + maxHz + " Hz must satisfy 0 <= min < max <= "
                    + sampleRateHz / 2.0 + " Hz (half the sample rate)");
        }
        this.bands = bands;
        this.firstBin = new int[bands];
        this.weights = new float[bands][];
        double melMin = hzToMel(minHz);
        double melMax = hzToMel(maxHz);
        double[] edgesHz = new double[bands + 2];
        for (int i = 0; i < bands + 2; i++) {
            edgesHz[i] = melToHz(melMin + (melMax - melMin) * i / (bands + 1));
        }
        int bins = fftSize / 2 + 1;
        double binHz = (double) sampleRateHz / fftSize;
        for (int m = 0; m < bands; m++) {
            double lo = edgesHz[m];
            double mid = edgesHz[m + 1];
            double hi = edgesHz[m + 2];
            int from = (int) Math.ceil(lo / binHz);
            int to = Math.min(bins - 1, (int) Math.floor(hi / binHz));
            float[] w = new float[Math.max(0, to - from + 1)];
            for (int k = from; k <= to; k++) {
                double f = k * binHz;
                double v = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                w[k - from] = (float) Math.max(0.0, v);
            }
            firstBin[m] = from;
            weights[m] = w;
        }
    }

    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** out[m] = sum_k w_m(k) * power[k]. */
    public void apply(float[] power, double[] out) {
        for (int m = 0; m < bands; m++) {
            float[] w = weights[m];
            int base = firstBin[m];
            double acc = 0;
            for (int i = 0; i < w.length; i++) {
                acc += w[i] * power[base + i];
            }
            out[m] = acc;
        }
    }

    /** Sum of each filter's weights: the response of each band to a flat unit power spectrum. */
    public double[] weightSums() {
        double[] sums = new double[bands];
        for (int m = 0; m < bands; m++) {
            for (float v : weights[m]) {
                sums[m] += v;
            }
        }
        return sums;
    }

    public int bands() {
        return bands;
    }
}
