package org.e2v.features.dsp;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * YIN pitch estimation (de Cheveigne and Kawahara, 2002) with the difference function computed
 * through the FFT, as in TarsosDSP's FastYin, but allocation-free and with the signal energies
 * taken from prefix sums:
 * {@code d(tau) = E[0, W) + E[tau, tau + W) - 2 r(tau)}, where r is the cross-correlation of the
 * first W samples with the whole analysis window. Then the cumulative mean normalised difference
 * {@code d'(tau) = d(tau) tau / sum_{j=1..tau} d(j)}, the first dip below the absolute threshold
 * (followed down to its local minimum), and parabolic interpolation around it.
 *
 * <p>The analysis window is {@code W + tauMax} samples, {@code tauMax = ceil(sr / minHz)}. A frame
 * is voiced when the dip lies below the threshold and the estimate lies in [minHz, maxHz]; the
 * voicing probability is {@code 1 - d'(tau)} clamped to [0, 1] and is 0 for digital silence.
 */
public final class Yin {
    private final int sampleRateHz;
    private final int windowSamples;
    private final int integrationSamples;
    private final int tauMin;
    private final int tauMax;
    private final double minHz;
    private final double maxHz;
    private final double threshold;
    private final int fftSize;
    private final FloatFFT fft;
    private final float[] whole;
    private final float[] head;
    private final double[] prefixEnergy;
    private final double[] cmnd;

    private double pitchHz;
    private double probability;
    private boolean voiced;

    /**
     * @param sampleRateHz  sample rate of the signal
     * @param windowSamples analysis window (integration window W plus the largest lag)
     * @param minHz         lowest pitch searched
     * @param maxHz         highest pitch searched
     * @param threshold     absolute threshold on d' (0.1 to 0.2 in the YIN paper)
     */
    public Yin(int sampleRateHz, int windowSamples, double minHz, double maxHz, double threshold) {
        if (!(minHz > 0) || !(maxHz > minHz) || maxHz >= sampleRateHz / 2.0) {
            throw new IllegalArgumentException("pitch range " + minHz + ".." + maxHz + " Hz must satisfy 0 < min < max < "
                    + sampleRateHz / 2.0 + " Hz");
        }
        this.sampleRateHz = sampleRateHz;
        this.windowSamples = windowSamples;
        this.tauMax = (int) Math.ceil(sampleRateHz / minHz);
        this.tauMin = Math.max(2, (int) Math.floor(sampleRateHz / maxHz));
        this.integrationSamples = windowSamples - tauMax;
        if (integrationSamples < tauMax / 2 || integrationSamples < 2) {
            throw new IllegalArgumentException("a pitch window of " + windowSamples + " samples is too short for a lowest pitch of "
                    + minHz + " Hz at " + sampleRateHz + " Hz; it needs at least " + (tauMax + tauMax / 2) + " samples");
        }
        this.minHz = minHz;
        this.maxHz = maxHz;
        this.threshold = threshold;
        // Circular correlation of the W-sample head with the window does not wrap for lags <= tauMax
        // as long as the FFT covers the whole window.
        this.fftSize = Framing.nextPowerOfTwo(windowSamples);
        this.fft = new FloatFFT(fftSize);
        this.whole = new float[fftSize];
        this.head = new float[fftSize];
        this.prefixEnergy = new double[windowSamples + 1];
        this.cmnd = new double[tauMax + 2];
    }

    /** Estimates the pitch of {@code signal[offset, offset + windowSamples)} (zeros outside the array). */
    public void estimate(float[] signal, int offset) {
        prefixEnergy[0] = 0;
        for (int i = 0; i < windowSamples; i++) {
            int j = offset + i;
            float v = j >= 0 && j < signal.length ? signal[j] : 0f;
            whole[i] = v;
            head[i] = i < integrationSamples ? v : 0f;
            prefixEnergy[i + 1] = prefixEnergy[i] + (double) v * v;
        }
        java.util.Arrays.fill(whole, windowSamples, fftSize, 0f);
        java.util.Arrays.fill(head, windowSamples, fftSize, 0f);
        double headEnergy = prefixEnergy[integrationSamples];
        if (headEnergy <= 0 || prefixEnergy[windowSamples] - headEnergy <= 0) {
            pitchHz = 0;
            probability = 0;
            voiced = false;
            return;
        }
        fft.realForward(whole);
        fft.realForward(head);
        // r = IFFT(conj(H) * X): cross-correlation sum_j head[j] * whole[j + tau]
        whole[0] = whole[0] * head[0];
        whole[1] = whole[1] * head[1];
        for (int k = 1; k < fftSize / 2; k++) {
            float xr = whole[2 * k];
            float xi = whole[2 * k + 1];
            float hr = head[2 * k];
            float hi = head[2 * k + 1];
            whole[2 * k] = xr * hr + xi * hi;
            whole[2 * k + 1] = xi * hr - xr * hi;
        }
        fft.realInverse(whole, true);

        cmnd[0] = 1;
        double running = 0;
        for (int tau = 1; tau <= tauMax; tau++) {
            double shifted = prefixEnergy[tau + integrationSamples] - prefixEnergy[tau];
            double d = Math.max(0.0, headEnergy + shifted - 2.0 * whole[tau]);
            running += d;
            cmnd[tau] = running > 0 ? d * tau / running : 1;
        }

        int best = -1;
        for (int tau = tauMin; tau <= tauMax; tau++) {
            if (cmnd[tau] < threshold) {
                while (tau + 1 <= tauMax && cmnd[tau + 1] < cmnd[tau]) {
                    tau++;
                }
                best = tau;
                break;
            }
        }
        boolean belowThreshold = best >= 0;
        if (!belowThreshold) {
            best = tauMin;
            for (int tau = tauMin + 1; tau <= tauMax; tau++) {
                if (cmnd[tau] < cmnd[best]) {
                    best = tau;
                }
            }
        }
        double refined = best;
        if (best > 1 && best < tauMax) {
            double a = cmnd[best - 1];
            double b = cmnd[best];
            double c = cmnd[best + 1];
            double curvature = a + c - 2 * b;
            if (curvature > 0) {
                refined = best + 0.5 * (a - c) / curvature;
            }
        }
        probability = Math.max(0.0, Math.min(1.0, 1.0 - cmnd[best]));
        double hz = sampleRateHz / refined;
        voiced = belowThreshold && hz >= minHz && hz <= maxHz;
        pitchHz = voiced ? hz : 0;
    }

    /** F0 of the last estimate in Hz, 0 when unvoiced. */
    public double pitchHz() {
        return pitchHz;
    }

    /** Voicing probability 1 - d'(tau) of the last estimate, in [0, 1]. */
    public double probability() {
        return probability;
    }

    public boolean voiced() {
        return voiced;
    }

    public int windowSamples() {
        return windowSamples;
    }
}
