package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer norm and softmax kernels against the formulas written out per element, on blocks that span several
 * chunks ({@link RowKernels#CHUNK_VALUES}) and odd row counts, so both threads of the pass and every chunk
 * boundary are exercised; float and double.
 */
class RowKernelsTest {
    @ParameterizedTest
    @CsvSource({"DOUBLE, 1, 7", "DOUBLE, 3001, 64", "FLOAT, 757, 96", "DOUBLE, 50, 9000"})
    void layerNormForwardAndBackwardFollowTheFormulas(String precision, int rows, int m) {
        DataType dt = DataType.valueOf(precision);
        Random rng = new Random(rows * 31L + m);
        double[] u = gaussian(rng, rows * m);
        double[] gain = gaussian(rng, m);
        double[] bias = gaussian(rng, m);
        double[] dOut = gaussian(rng, rows * m);
        double tol = dt == DataType.DOUBLE ? 1e-12 : 2e-5;
        try (PairWorker worker = new PairWorker()) {
            RowKernels kernels = new RowKernels(worker);
            INDArray xhat = Nd4j.create(dt, rows, m);
            INDArray inv = Nd4j.create(dt, rows, 1);
            INDArray out = Nd4j.create(dt, rows, m);
            kernels.layerNorm(array(u, dt, rows, m), array(gain, dt, m), array(bias, dt, m), xhat, inv, out, rows, m,
                    Double.MIN_NORMAL);
            INDArray du = Nd4j.create(dt, rows, m);
            INDArray dg = Nd4j.create(dt, m);
            INDArray db = Nd4j.create(dt, m);
            kernels.layerNormBackward(array(dOut, dt, rows, m), xhat, inv, array(gain, dt, m), du, dg, db, rows, m);
            double[] outGot = doubles(out);
            double[] duGot = doubles(du);
            double[] wantG = new double[m];
            double[] wantB = new double[m];
            for (int r = 0; r < rows; r++) {
                double mean = 0;
                for (int j = 0; j < m; j++) {
                    mean += u[r * m + j] / m;
                }
                double var = 0;
                for (int j = 0; j < m; j++) {
                    var += (u[r * m + j] - mean) * (u[r * m + j] - mean) / m;
                }
                double s = 1 / Math.sqrt(var);
                double meanD = 0;
                double meanDx = 0;
                for (int j = 0; j < m; j++) {
                    double h = (u[r * m + j] - mean) * s;
                    assertThat(outGot[r * m + j]).as("out[%d,%d]", r, j).isCloseTo(h * gain[j] + bias[j],
                            org.assertj.core.data.Offset.offset(tol * 10));
                    double d = dOut[r * m + j] * gain[j];
                    meanD += d / m;
                    meanDx += d * h / m;
                    wantG[j] += dOut[r * m + j] * h;
                    wantB[j] += dOut[r * m + j];
                }
                for (int j = 0; j < m; j++) {
                    double h = (u[r * m + j] - mean) * s;
                    double want = (dOut[r * m + j] * gain[j] - meanD - h * meanDx) * s;
                    assertThat(duGot[r * m + j]).as("du[%d,%d]", r, j).isCloseTo(want,
                            org.assertj.core.data.Offset.offset(tol * 100 * Math.max(1, Math.abs(want))));
                }
            }
            double[] dgGot = doubles(dg);
            double[] dbGot = doubles(db);
            for (int j = 0; j < m; j++) {
                assertThat(dgGot[j]).as("dg[%d]", j).isCloseTo(wantG[j], org.assertj.core.data.Offset.offset(tol * rows * 10));
                assertThat(dbGot[j]).as("db[%d]", j).isCloseTo(wantB[j], org.assertj.core.data.Offset.offset(tol * rows * 10));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE, 1, 2, 75", "DOUBLE, 41, 2, 75", "FLOAT, 7, 4, 9"})
    void maskedSoftmaxAndItsBackwardFollowTheFormulas(String precision, int b, int heads, int t) {
        DataType dt = DataType.valueOf(precision);
        Random rng = new Random(b * 7L + t);
        int n = b * heads * t * t;
        double[] scores = gaussian(rng, n);
        double[] upstream = gaussian(rng, n);
        double[] keyMask = new double[b * t];
        for (int i = 0; i < b; i++) {
            int valid = 1 + rng.nextInt(t); // a prefix of valid keys, at least one
            for (int s = 0; s < valid; s++) {
                keyMask[i * t + s] = 1;
            }
        }
        double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-5;
        try (PairWorker worker = new PairWorker()) {
            RowKernels kernels = new RowKernels(worker);
            INDArray att = array(scores, dt, b, heads, t, t);
            kernels.maskedSoftmax(att, keyMask, b, heads, t);
            INDArray dAtt = array(upstream, dt, b, heads, t, t);
            kernels.softmaxBackward(dAtt.reshape((long) b * heads * t, t), att.reshape((long) b * heads * t, t),
                    b * heads * t, t);
            double[] p = doubles(att);
            double[] ds = doubles(dAtt);
            for (int row = 0; row < b * heads * t; row++) {
                int item = row / (heads * t);
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < t; k++) {
                    if (keyMask[item * t + k] != 0) {
                        max = Math.max(max, scores[row * t + k]);
                    }
                }
                double sum = 0;
                for (int k = 0; k < t; k++) {
                    sum += keyMask[item * t + k] != 0 ? Math.exp(scores[row * t + k] - max) : 0;
                }
                double dot = 0;
                double[] want = new double[t];
                for (int k = 0; k < t; k++) {
                    want[k] = keyMask[item * t + k] != 0 ? Math.exp(scores[row * t + k] - max) / sum : 0;
                    dot += want[k] * upstream[row * t + k];
                }
                for (int k = 0; k < t; k++) {
                    assertThat(p[row * t + k]).as("softmax[%d,%d]", row, k).isCloseTo(want[k],
                            org.assertj.core.data.Offset.offset(tol));
                    if (keyMask[item * t + k] == 0) {
                        assertThat(p[row * t + k]).isZero();
                    }
                    assertThat(ds[row * t + k]).as("dScores[%d,%d]", row, k).isCloseTo(
                            want[k] * (upstream[row * t + k] - dot), org.assertj.core.data.Offset.offset(tol * 10));
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"FLOAT, 3000, 512, 0.1, true", "DOUBLE, 7, 13, 0.3, false", "FLOAT, 1, 5, 0.5, false",
            "DOUBLE, 40, 11250, 0.1, true"})
    void dropoutPassDrawsTheSameMaskAsDropoutFillAndAppliesIt(String precision, int rows, int m, double p,
                                                              boolean inPlace) {
        DataType dt = DataType.valueOf(precision);
        Random rng = new Random(rows + m);
        double[] x = gaussian(rng, rows * m);
        long seed = 1234567L + rows;
        try (PairWorker worker = new PairWorker()) {
            RowKernels kernels = new RowKernels(worker);
            INDArray src = array(x, dt, rows, m);
            INDArray dst = inPlace ? src : Nd4j.create(dt, rows, m);
            INDArray mask = Nd4j.create(dt, rows, m);
            kernels.dropout(src, dst, mask, p, seed);
            INDArray expectedMask = Nd4j.create(dt, rows, m);
            Dropout.fill(expectedMask, p, seed);
            assertSame("mask", doubles(mask), doubles(expectedMask));
            INDArray expected = array(x, dt, rows, m).muli(expectedMask);
            assertSame("dropped values", doubles(dst), doubles(expected));
            long dropped = java.util.Arrays.stream(doubles(mask)).filter(v -> v == 0).count();
            assertThat((double) dropped / (rows * m)).isCloseTo(p, org.assertj.core.data.Offset.offset(
                    rows * m > 10_000 ? 0.01 : 0.5));
        }
    }

    /**
     * The fused sum before a post-norm layer norm, LN(skip + drop(pre + bias)), against the same
     * sum formed element by element from the mask {@link Dropout#fill} draws for the seed, then
     * normalised by the formula; with and without dropout, bias and skip, across chunk boundaries.
     */
    @ParameterizedTest
    @CsvSource({"DOUBLE, 3001, 64, 0.1, true, true", "FLOAT, 757, 96, 0.3, true, true",
            "DOUBLE, 5, 9000, 0, true, true", "DOUBLE, 33, 17, 0.5, false, true", "DOUBLE, 33, 17, 0.2, true, false",
            "FLOAT, 1, 7, 0, false, false"})
    void residualLayerNormSumsDropsAndNormalisesInOnePass(String precision, int rows, int m, double p,
                                                          boolean withBias, boolean withSkip) {
        DataType dt = DataType.valueOf(precision);
        Random rng = new Random(rows * 13L + m);
        double[] pre = gaussian(rng, rows * m);
        double[] bias = gaussian(rng, m);
        double[] skip = gaussian(rng, rows * m);
        double[] gain = gaussian(rng, m);
        double[] lnBias = gaussian(rng, m);
        long seed = 987654321L + rows;
        double tol = dt == DataType.DOUBLE ? 1e-12 : 2e-5;
        try (PairWorker worker = new PairWorker()) {
            RowKernels kernels = new RowKernels(worker);
            INDArray mask = p > 0 ? Nd4j.create(dt, rows, m) : null;
            INDArray xhat = Nd4j.create(dt, rows, m);
            INDArray inv = Nd4j.create(dt, rows, 1);
            INDArray out = Nd4j.create(dt, rows, m);
            kernels.layerNorm(new RowKernels.Residual(array(pre, dt, rows, m), withBias ? array(bias, dt, m) : null,
                    mask, p, seed, withSkip ? array(skip, dt, rows, m) : null), array(gain, dt, m),
                    array(lnBias, dt, m), xhat, inv, out, rows, m, Double.MIN_NORMAL);
            double[] keep = new double[rows * m];
            java.util.Arrays.fill(keep, 1);
            if (p > 0) {
                INDArray expectedMask = Nd4j.create(dt, rows, m);
                Dropout.fill(expectedMask, p, seed);
                keep = doubles(expectedMask);
                assertSame("keep mask", doubles(mask), keep);
            }
            // the inputs as the kernel saw them (rounded to the array type)
            double[] preSeen = doubles(array(pre, dt, rows, m));
            double[] biasSeen = doubles(array(bias, dt, m));
            double[] skipSeen = doubles(array(skip, dt, rows, m));
            double[] gainSeen = doubles(array(gain, dt, m));
            double[] lnBiasSeen = doubles(array(lnBias, dt, m));
            double[] outGot = doubles(out);
            double[] invGot = doubles(inv);
            double[] u = new double[m];
            for (int r = 0; r < rows; r++) {
                double mean = 0;
                for (int j = 0; j < m; j++) {
                    int k = r * m + j;
                    u[j] = (preSeen[k] + (withBias ? biasSeen[j] : 0)) * keep[k] + (withSkip ? skipSeen[k] : 0);
                    mean += u[j] / m;
                }
                double var = 0;
                for (int j = 0; j < m; j++) {
                    var += (u[j] - mean) * (u[j] - mean) / m;
                }
                double s = 1 / Math.sqrt(var);
                assertThat(invGot[r]).as("1/sigma[%d]", r).isCloseTo(s,
                        org.assertj.core.data.Offset.offset(tol * 10 * s));
                for (int j = 0; j < m; j++) {
                    double want = (u[j] - mean) * s * gainSeen[j] + lnBiasSeen[j];
                    assertThat(outGot[r * m + j]).as("out[%d,%d]", r, j).isCloseTo(want,
                            org.assertj.core.data.Offset.offset(tol * 10 * Math.max(1, Math.abs(want))));
                }
            }
        }
    }

    /**
     * The backward pass with a residual branch gives the plain backward's du unchanged, and the
     * branch's gradient du * mask with its column sums (with a mask; without one, du itself, written
     * in place when the branch's array is du).
     */
    @ParameterizedTest
    @CsvSource({"DOUBLE, 3001, 64, true, false", "FLOAT, 757, 96, true, false", "DOUBLE, 50, 9000, false, true",
            "DOUBLE, 9, 5, false, false"})
    void layerNormBackwardWritesTheResidualBranchsGradient(String precision, int rows, int m, boolean masked,
                                                          boolean inPlace) {
        DataType dt = DataType.valueOf(precision);
        Random rng = new Random(rows * 17L + m);
        double[] u = gaussian(rng, rows * m);
        double[] gain = gaussian(rng, m);
        double[] dOut = gaussian(rng, rows * m);
        try (PairWorker worker = new PairWorker()) {
            RowKernels kernels = new RowKernels(worker);
            INDArray xhat = Nd4j.create(dt, rows, m);
            INDArray inv = Nd4j.create(dt, rows, 1);
            kernels.layerNorm(array(u, dt, rows, m), array(gain, dt, m), array(gaussian(rng, m), dt, m), xhat, inv,
                    Nd4j.create(dt, rows, m), rows, m, Double.MIN_NORMAL);
            INDArray duPlain = Nd4j.create(dt, rows, m);
            kernels.layerNormBackward(array(dOut, dt, rows, m), xhat, inv, array(gain, dt, m), duPlain,
                    Nd4j.create(dt, m), Nd4j.create(dt, m), rows, m);
            INDArray mask = null;
            if (masked) {
                mask = Nd4j.create(dt, rows, m);
                Dropout.fill(mask, 0.25, 42L + rows);
            }
            INDArray du = Nd4j.create(dt, rows, m);
            INDArray branch = inPlace ? du : Nd4j.create(dt, rows, m);
            INDArray biasGrad = Nd4j.create(dt, m);
            kernels.layerNormBackward(array(dOut, dt, rows, m), xhat, inv, array(gain, dt, m), du, Nd4j.create(dt, m),
                    Nd4j.create(dt, m), new RowKernels.Branch(mask, branch, biasGrad), rows, m);
            double[] plain = doubles(duPlain);
            assertSame("du", doubles(du), plain);
            double[] keep = masked ? doubles(mask) : null;
            double[] got = doubles(branch);
            double[] wantSums = new double[m];
            for (int k = 0; k < rows * m; k++) {
                // the kernel multiplies the unrounded du: compare at the array type's precision
                double want = masked ? plain[k] * keep[k] : plain[k];
                assertThat(got[k]).as("branch[%d]", k).isCloseTo(want, org.assertj.core.data.Offset.offset(
                        (dt == DataType.DOUBLE ? 1e-15 : 1e-6) * Math.max(1, Math.abs(want))));
                wantSums[k % m] += want;
            }
            double[] sums = doubles(biasGrad);
            for (int j = 0; j < m; j++) {
                assertThat(sums[j]).as("bias gradient[%d]", j).isCloseTo(wantSums[j],
                        org.assertj.core.data.Offset.offset((dt == DataType.DOUBLE ? 1e-12 : 1e-4) * rows));
            }
        }
    }

    /** Element by element, naming the first difference (AssertJ's array diff is quadratic in the length). */
    private static void assertSame(String what, double[] got, double[] want) {
        assertThat(got.length).as(what + " length").isEqualTo(want.length);
        for (int i = 0; i < want.length; i++) {
            if (Double.compare(got[i], want[i]) != 0) {
                throw new AssertionError(what + "[" + i + "]: got " + got[i] + ", expected " + want[i]);
            }
        }
    }

    private static double[] gaussian(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static INDArray array(double[] v, DataType dt, long... shape) {
        return Nd4j.create(v, shape, 'c').castTo(dt);
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
