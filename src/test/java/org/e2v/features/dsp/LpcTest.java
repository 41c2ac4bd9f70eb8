package org.e2v.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LpcTest {
    @Test
    void secondOrderLsfsMatchTheAnalyticRoots() {
        // A(z) = 1 + a1 z^-1 + a2 z^-2. P(z) = (1 + z^-1)(1 + (a1 + a2 - 1) z^-1 + z^-2) gives
        // cos w = (1 - a1 - a2) / 2; Q(z) = (1 - z^-1)(1 + (1 + a1 - a2) z^-1 + z^-2) gives
        // cos w = -(1 + a1 - a2) / 2.
        double a1 = -0.9;
        double a2 = 0.5;
        float[] lsf = new float[2];
        new Lpc(2).lineSpectralFrequencies(new double[] {1, a1, a2}, lsf, 0);
        assertThat((double) lsf[0]).isCloseTo(Math.acos(0.7), within(1e-6));
        assertThat((double) lsf[1]).isCloseTo(Math.acos(0.2), within(1e-6));
    }

    @Test
    void eighthOrderLsfsRoundTripThroughThePolynomial() {
        double[] expected = {0.21, 0.35, 0.80, 1.02, 1.55, 1.90, 2.40, 2.95};
        double[] a = polynomialFromLsf(expected);
        float[] lsf = new float[8];
        new Lpc(8).lineSpectralFrequencies(a, lsf, 0);
        for (int i = 0; i < 8; i++) {
            assertThat((double) lsf[i]).as("lsf %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }

    @Test
    void fitRecoversTheCoefficientsOfAnAutoregressiveProcess() {
        Random r = new Random(3);
        float[] x = new float[40_000];
        for (int n = 2; n < x.length; n++) {
            x[n] = (float) (0.9 * x[n - 1] - 0.5 * x[n - 2] + r.nextGaussian());
        }
        Lpc lpc = new Lpc(2);
        lpc.fit(x, x.length);
        assertThat(lpc.coefficients()[1]).isCloseTo(-0.9, within(0.02));
        assertThat(lpc.coefficients()[2]).isCloseTo(0.5, within(0.02));
    }

    @Test
    void silentFrameGivesEvenlySpacedFiniteLsfs() {
        Lpc lpc = new Lpc(8);
        lpc.fit(new float[400], 400);
        float[] lsf = new float[8];
        lpc.lineSpectralFrequencies(lpc.coefficients(), lsf, 0);
        // A(z) = 1: P = 1 + z^-9 and Q = 1 - z^-9 have zeros at k pi / 9.
        for (int i = 0; i < 8; i++) {
            assertThat((double) lsf[i]).isCloseTo(Math.PI * (i + 1) / 9, within(1e-5));
        }
    }

    /** A(z) = (P(z) + Q(z)) / 2 with P from the odd-numbered and Q from the even-numbered LSFs. */
    static double[] polynomialFromLsf(double[] lsf) {
        double[] p = {1, 1};
        double[] q = {1, -1};
        for (int i = 0; i < lsf.length; i++) {
            double[] factor = {1, -2 * Math.cos(lsf[i]), 1};
            if (i % 2 == 0) {
                p = multiply(p, factor);
            } else {
                q = multiply(q, factor);
            }
        }
        double[] a = new double[lsf.length + 1];
        for (int k = 0; k <= lsf.length; k++) {
            a[k] = (p[k] + q[k]) / 2;
        }
        assertThat(Math.abs((p[lsf.length + 1] + q[lsf.length + 1]) / 2)).isLessThan(1e-12);
        return a;
    }

    private static double[] multiply(double[] x, double[] y) {
        double[] out = new double[x.length + y.length - 1];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                out[i + j] += x[i] * y[j];
            }
        }
        return Arrays.copyOf(out, out.length);
    }
}
