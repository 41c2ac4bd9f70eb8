package org.e2v.features.dsp;

import java.util.Arrays;

/**
 * Linear prediction by the autocorrelation method (Levinson-Durbin) and conversion of the
 * predictor polynomial {@code A(z) = 1 + a_1 z^-1 + ... + a_p z^-p} (p even) to line spectral
 * frequencies.
 *
 * <p>LSFs are the angles in (0, pi) of the unit-circle zeros of
 * {@code P(z) = A(z) + z^-(p+1) A(1/z)} and {@code Q(z) = A(z) - z^-(p+1) A(1/z)}, sorted ascending;
 * for a minimum-phase A they interlace and there are exactly p. For even p, P has a trivial zero
 * at z = -1 and Q at z = 1; dividing them out leaves symmetric polynomials of degree p whose value
 * on the unit circle is a Chebyshev series of degree p/2 in {@code x = cos w}
 * (Kabal and Ramachandran, 1986). Zeros are bracketed by a sign-change scan on a grid uniform in w
 * and refined by Illinois regula falsi in x, so no trigonometric function is evaluated per
 * iteration. Output is in radians (multiply by sr / 2pi for Hz).
 */
public final class Lpc {
    private static final int GRID = 256;
    private static final double[] GRID_X = new double[GRID + 1];

    static {
        for (int g = 0; g <= GRID; g++) {
            GRID_X[g] = Math.cos(Math.PI * g / GRID);
        }
    }

    private final int order;
    private final int half;
    private final double[] autocorrelation;
    private final double[] coefficients;
    private final double[] scratch;
    private final double[] sumPoly;
    private final double[] diffPoly;
    private final double[] chebP;
    private final double[] chebQ;
    private final double[] lastRoots;

    public Lpc(int order) {
        if (order < 2 || order % 2 != 0) {
            throw new IllegalArgumentException("LPC order must be even and at least 2, got " + order);
        }
        this.order = order;
        this.half = order / 2;
        this.autocorrelation = new double[order + 1];
        this.coefficients = new double[order + 1];
        this.scratch = new double[order + 1];
        this.sumPoly = new double[order + 1];
        this.diffPoly = new double[order + 1];
        this.chebP = new double[half + 1];
        this.chebQ = new double[half + 1];
        this.lastRoots = new double[order];
        for (int i = 0; i < order; i++) {
            lastRoots[i] = Math.PI * (i + 1) / (order + 1);
        }
    }

    public int order() {
        return order;
    }

    /**
     * Fits the predictor to {@code frame[0, length)}; the coefficients [1, a_1, ..., a_p] are then in
     * {@link #coefficients()}. A silent frame gives A(z) = 1.
     */
    public void fit(float[] frame, int length) {
        // One pass with p + 1 independent accumulators: the additions pipeline instead of waiting
        // on one long dependency chain per lag.
        Arrays.fill(autocorrelation, 0);
        double[] r = autocorrelation;
        for (int i = 0; i < order; i++) {
            double xi = frame[i];
            for (int lag = 0; lag <= i; lag++) {
                r[lag] += xi * frame[i - lag];
            }
        }
        for (int i = order; i < length; i++) {
            double xi = frame[i];
            for (int lag = 0; lag <= order; lag++) {
                r[lag] += xi * frame[i - lag];
            }
        }
        // A tiny white-noise floor keeps Levinson-Durbin stable on (near-)silent frames.
        autocorrelation[0] *= 1.0 + 1e-9;
        levinson(autocorrelation, coefficients, scratch, order);
    }

    /** [1, a_1, ..., a_p] of the last fit; reused on the next call. */
    public double[] coefficients() {
        return coefficients;
    }

    static void levinson(double[] r, double[] a, double[] tmp, int order) {
        Arrays.fill(a, 0);
        a[0] = 1;
        double error = r[0];
        if (error <= 0) {
            return;
        }
        for (int i = 1; i <= order; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc += a[j] * r[i - j];
            }
            double k = -acc / error;
            System.arraycopy(a, 0, tmp, 0, i);
            for (int j = 1; j < i; j++) {
                a[j] = tmp[j] + k * tmp[i - j];
            }
            a[i] = k;
            error *= 1 - k * k;
            if (error <= 0) {
                break;
            }
        }
    }

    /**
     * Line spectral frequencies (radians, ascending) of {@code a = [1, a_1, ..., a_p]}, written to
     * {@code out[offset, offset + p)}. Should rounding hide a zero (only for ill-conditioned,
     * non-minimum-phase polynomials), the missing values are taken from the previous call.
     */
    public void lineSpectralFrequencies(double[] a, float[] out, int offset) {
        int n = order + 1;
        // P(z) and Q(z) have degree p + 1; deflate by (1 + z^-1) and (1 - z^-1) respectively.
        double prevP = 0;
        double prevQ = 0;
        for (int k = 0; k <= order; k++) {
            double ak = a[k];
            double mirrored = n - k <= order ? a[n - k] : 0;
            double pk = ak + mirrored;
            double qk = ak - mirrored;
            sumPoly[k] = pk - prevP;
            diffPoly[k] = qk + prevQ;
            prevP = sumPoly[k];
            prevQ = diffPoly[k];
        }
        // Symmetric c_0..c_p: e^{j m w} C(e^{jw}) = c_m + 2 sum_{i=1..m} c_{m-i} cos(i w), m = p/2.
        chebP[0] = sumPoly[half];
        chebQ[0] = diffPoly[half];
        for (int i = 1; i <= half; i++) {
            chebP[i] = 2 * sumPoly[half - i];
            chebQ[i] = 2 * diffPoly[half - i];
        }
        int found = 0;
        double prevValueP = clenshaw(chebP, GRID_X[0]);
        double prevValueQ = clenshaw(chebQ, GRID_X[0]);
        for (int g = 1; g <= GRID && found < order; g++) {
            double x = GRID_X[g];
            double vp = clenshaw(chebP, x);
            if (vp == 0 || (prevValueP != 0 && (vp < 0) != (prevValueP < 0))) {
                out[offset + found++] = (float) Math.acos(refine(chebP, GRID_X[g - 1], prevValueP, x, vp));
            }
            prevValueP = vp;
            double vq = clenshaw(chebQ, x);
            if (found < order && (vq == 0 || (prevValueQ != 0 && (vq < 0) != (prevValueQ < 0)))) {
                out[offset + found++] = (float) Math.acos(refine(chebQ, GRID_X[g - 1], prevValueQ, x, vq));
            }
            prevValueQ = vq;
        }
        for (int i = found; i < order; i++) {
            out[offset + i] = (float) lastRoots[i];
        }
        Arrays.sort(out, offset, offset + order);
        for (int i = 0; i < order; i++) {
            lastRoots[i] = out[offset + i];
        }
    }

    /** sum_i b_i T_i(x) by Clenshaw's recurrence. */
    private static double clenshaw(double[] b, double x) {
        double b1 = 0;
        double b2 = 0;
        for (int i = b.length - 1; i >= 1; i--) {
            double t = 2 * x * b1 - b2 + b[i];
            b2 = b1;
            b1 = t;
        }
        return x * b1 - b2 + b[0];
    }

    private static double refine(double[] b, double lo, double fLo, double hi, double fHi) {
        if (fHi == 0) {
            return hi;
        }
        int side = 0;
        double x = hi;
        for (int iter = 0; iter < 60 && Math.abs(hi - lo) > 1e-12; iter++) {
            x = (lo * fHi - hi * fLo) / (fHi - fLo);
            double fx = clenshaw(b, x);
            if (fx == 0) {
                return x;
            }
            if ((fx < 0) == (fHi < 0)) {
                hi = x;
                fHi = fx;
                if (side == -1) {
                    fLo /= 2;
                }
                side = -1;
            } else {
                lo = x;
                fLo = fx;
                if (side == 1) {
                    fHi /= 2;
                }
                side = 1;
            }
            if (Math.abs(fx) < 1e-14) {
                break;
            }
        }
        return x;
    }
}
