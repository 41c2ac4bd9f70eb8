package org.e2v.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
    @Test
    void findsAKnownPrincipalAxisAndItsVariance() {
        // Points along a = (1, 2, 2)/3 with spread 10, plus spread 1 along b = (2, -2, 1)/3 and 0.1 along a x b.
        double[] a = {1 / 3.0, 2 / 3.0, 2 / 3.0};
        double[] b = {2 / 3.0, -2 / 3.0, 1 / 3.0};
        double[] c = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        Random rng = new Random(3);
        int n = 4000;
        float[][] x = new float[n][3];
        double[] ta = new double[n];
        for (int i = 0; i < n; i++) {
            ta[i] = 10 * rng.nextGaussian();
            double tb = rng.nextGaussian();
            double tc = 0.1 * rng.nextGaussian();
            for (int e = 0; e < 3; e++) {
                x[i][e] = (float) (5 + ta[i] * a[e] + tb * b[e] + tc * c[e]);
            }
        }
        Pca pca = Pca.fit(x, 2);
        double[] first = pca.component(0);
        double[] second = pca.component(1);
        assertThat(Math.abs(dot(first, a))).isCloseTo(1.0, within(1e-4));
        assertThat(Math.abs(dot(second, b))).isCloseTo(1.0, within(1e-3));
        assertThat(dot(first, second)).isCloseTo(0.0, within(1e-12));
        assertThat(pca.explainedVariance(0)).isCloseTo(100, within(6.0));
        assertThat(pca.explainedVariance(1)).isCloseTo(1, within(0.1));
        assertThat(pca.explainedVarianceRatio(0) + pca.explainedVarianceRatio(1)).isGreaterThan(0.999);
        // Largest coordinate of each axis is positive (deterministic sign): a's largest is +2/3.
        assertThat(dot(first, a)).isPositive();
        // Projections are centred and follow the generating coordinate.
        double[] p0 = pca.project(x[0]);
        assertThat(p0[0]).isCloseTo(ta[0], within(0.5));
    }

    @Test
    void sameDataGivesTheSameAxes() {
        float[][] x = {{1, 2}, {2, 4.1f}, {3, 5.9f}, {4, 8.2f}};
        assertThat(Pca.fit(x, 1).component(0)).isEqualTo(Pca.fit(x, 1).component(0));
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }
}
