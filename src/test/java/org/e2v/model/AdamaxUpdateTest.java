package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamaxUpdateTest {
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;

    @Test
    void threeStepsMatchTheAlgorithmWrittenOutElementByElement() {
        Random rng = new Random(5);
        AdamaxUpdate update = new AdamaxUpdate(B1, B2, EPS, new PairWorker());
        // a double matrix, a float vector and a view at an offset (a row of a larger array)
        INDArray p1 = Nd4j.rand(DataType.DOUBLE, 3, 4);
        INDArray p2 = Nd4j.rand(DataType.FLOAT, 5);
        INDArray big = Nd4j.rand(DataType.DOUBLE, 3, 6);
        INDArray p3 = big.getRow(1);
        double[] row0 = big.getRow(0).dup().data().asDouble();
        double[] row2 = big.getRow(2).dup().data().asDouble();
        List<INDArray> params = List.of(p1, p2, p3);
        double[][] ref = new double[3][];
        double[][] refM = new double[3][];
        double[][] refU = new double[3][];
        INDArray[] m = new INDArray[3];
        INDArray[] u = new INDArray[3];
        for (int k = 0; k < 3; k++) {
            ref[k] = params.get(k).dup().data().asDouble();
            refM[k] = new double[ref[k].length];
            refU[k] = new double[ref[k].length];
            m[k] = Nd4j.zeros(params.get(k).dataType(), params.get(k).shape());
            u[k] = Nd4j.zeros(params.get(k).dataType(), params.get(k).shape());
        }
        double lr = 0.01;
        for (int t = 1; t <= 3; t++) {
            INDArray[] g = new INDArray[3];
            for (int k = 0; k < 3; k++) {
                g[k] = Nd4j.rand(params.get(k).dataType(), params.get(k).shape()).subi(0.5).muli(t);
                double[] gv = g[k].dup().data().asDouble();
                for (int i = 0; i < gv.length; i++) {
                    refM[k][i] = B1 * refM[k][i] + (1 - B1) * gv[i];
                    refU[k][i] = Math.max(B2 * refU[k][i], Math.abs(gv[i]));
                    ref[k][i] -= lr / (1 - Math.pow(B1, t)) * refM[k][i] / (refU[k][i] + EPS);
                }
            }
            boolean applied = update.apply(List.of(new AdamaxUpdate.Slot(p1, g[0], m[0], u[0]),
                    new AdamaxUpdate.Slot(p2, g[1], m[1], u[1]), new AdamaxUpdate.Slot(p3, g[2], m[2], u[2])),
                    lr / (1 - Math.pow(B1, t)));
            assertThat(applied).isTrue();
        }
        for (int k = 0; k < 3; k++) {
            double tol = params.get(k).dataType() == DataType.FLOAT ? 1e-6 : 1e-15;
            assertClose(params.get(k).dup().data().asDouble(), ref[k], tol);
            assertClose(m[k].dup().data().asDouble(), refM[k], tol);
            assertClose(u[k].dup().data().asDouble(), refU[k], tol);
        }
        // the rows around the updated view are untouched
        assertThat(big.getRow(0).dup().data().asDouble()).containsExactly(row0);
        assertThat(big.getRow(2).dup().data().asDouble()).containsExactly(row2);
        assertThat(big.getRow(1).dup().data().asDouble()).isEqualTo(p3.dup().data().asDouble());
    }

    @Test
    void aNonFiniteGradientAnywhereLeavesEveryParameterAndMomentUnchanged() {
        AdamaxUpdate update = new AdamaxUpdate(B1, B2, EPS, new PairWorker());
        INDArray p1 = Nd4j.rand(DataType.DOUBLE, 4);
        INDArray p2 = Nd4j.rand(DataType.DOUBLE, 4);
        INDArray m1 = Nd4j.rand(DataType.DOUBLE, 4);
        INDArray u1 = Nd4j.rand(DataType.DOUBLE, 4);
        INDArray m2 = Nd4j.zeros(DataType.DOUBLE, 4);
        INDArray u2 = Nd4j.zeros(DataType.DOUBLE, 4);
        INDArray g1 = Nd4j.ones(DataType.DOUBLE, 4);
        INDArray g2 = Nd4j.createFromArray(0.1, Double.POSITIVE_INFINITY, 0.2, 0.3);
        double[] before1 = p1.dup().data().asDouble();
        double[] beforeM1 = m1.dup().data().asDouble();
        double[] beforeU1 = u1.dup().data().asDouble();
        boolean applied = update.apply(List.of(new AdamaxUpdate.Slot(p1, g1, m1, u1),
                new AdamaxUpdate.Slot(p2, g2, m2, u2)), 0.01);
        assertThat(applied).isFalse();
        assertThat(p1.dup().data().asDouble()).containsExactly(before1);
        assertThat(m1.dup().data().asDouble()).containsExactly(beforeM1);
        assertThat(u1.dup().data().asDouble()).containsExactly(beforeU1);
        assertThat(m2.dup().data().asDouble()).containsOnly(0.0);
        g2.putScalar(1, Double.NaN);
        assertThat(update.apply(List.of(new AdamaxUpdate.Slot(p2, g2, m2, u2)), 0.01)).isFalse();
    }

    @Test
    void floatArraysOverSeveralChunksMatchFloatArithmeticElementForElement() {
        Random rng = new Random(11);
        AdamaxUpdate update = new AdamaxUpdate(B1, B2, EPS, new PairWorker());
        int n = 2 * AdamaxUpdate.CHUNK + 123;
        // a long float vector, a float row of a larger matrix (offset) and a double array with a transposed gradient
        INDArray p1 = Nd4j.rand(DataType.FLOAT, n);
        INDArray big = Nd4j.rand(DataType.FLOAT, 3, AdamaxUpdate.CHUNK + 7);
        INDArray p2 = big.getRow(2);
        float[] row0 = big.getRow(0).dup().data().asFloat();
        float[] row1 = big.getRow(1).dup().data().asFloat();
        INDArray p3 = Nd4j.rand(DataType.DOUBLE, 5, 3);
        INDArray[] params = {p1, p2, p3};
        float[][] ref = new float[2][];
        float[][] refM = new float[2][];
        float[][] refU = new float[2][];
        INDArray[] m = new INDArray[3];
        INDArray[] u = new INDArray[3];
        for (int k = 0; k < 3; k++) {
            if (k < 2) {
                ref[k] = params[k].dup().data().asFloat();
                refM[k] = new float[ref[k].length];
                refU[k] = new float[ref[k].length];
            }
            m[k] = Nd4j.zeros(params[k].dataType(), params[k].shape());
            u[k] = Nd4j.zeros(params[k].dataType(), params[k].shape());
        }
        double[] ref3 = p3.dup().data().asDouble();
        double lr = 0.002;
        for (int t = 1; t <= 3; t++) {
            double stepSize = lr / (1 - Math.pow(B1, t));
            INDArray[] g = new INDArray[3];
            for (int k = 0; k < 2; k++) {
                float[] gv = new float[(int) params[k].length()];
                for (int i = 0; i < gv.length; i++) {
                    gv[i] = (float) (rng.nextGaussian() * t);
                }
                g[k] = Nd4j.createFromArray(gv).reshape(params[k].shape());
                // Java's float arithmetic is exact IEEE single precision (no fused multiply-add): bit for bit
                float b1 = (float) B1;
                float b1c = (float) (1 - B1);
                float b2 = (float) B2;
                float e = (float) EPS;
                float step = (float) stepSize;
                for (int i = 0; i < gv.length; i++) {
                    refM[k][i] = b1 * refM[k][i] + b1c * gv[i];
                    refU[k][i] = Math.max(b2 * refU[k][i], Math.abs(gv[i]));
                    ref[k][i] -= step * refM[k][i] / (refU[k][i] + e);
                }
            }
            // the gradient of p3 is a transposed view: not contiguous in c order
            g[2] = Nd4j.rand(DataType.DOUBLE, 3, 5).subi(0.5).transpose();
            double[] g3 = g[2].dup('c').data().asDouble();
            double[] m3 = m[2].dup().data().asDouble();
            double[] u3 = u[2].dup().data().asDouble();
            for (int i = 0; i < g3.length; i++) {
                m3[i] = B1 * m3[i] + (1 - B1) * g3[i];
                u3[i] = Math.max(B2 * u3[i], Math.abs(g3[i]));
                ref3[i] -= stepSize * m3[i] / (u3[i] + EPS);
            }
            assertThat(update.apply(List.of(new AdamaxUpdate.Slot(p1, g[0], m[0], u[0]),
                    new AdamaxUpdate.Slot(p2, g[1], m[1], u[1]), new AdamaxUpdate.Slot(p3, g[2], m[2], u[2])),
                    stepSize)).isTrue();
            assertThat(m[2].dup().data().asDouble()).as("double moment, step %d", t).isEqualTo(m3);
        }
        for (int k = 0; k < 2; k++) {
            assertSame(params[k].dup().data().asFloat(), ref[k], "parameter " + k);
            assertSame(m[k].dup().data().asFloat(), refM[k], "first moment " + k);
            assertSame(u[k].dup().data().asFloat(), refU[k], "second moment " + k);
        }
        assertClose(p3.dup().data().asDouble(), ref3, 1e-15);
        // the rows before the updated view are untouched
        assertSame(big.getRow(0).dup().data().asFloat(), row0, "row 0");
        assertSame(big.getRow(1).dup().data().asFloat(), row1, "row 1");
    }

    @Test
    void aNonFiniteGradientInALaterChunkOfAFloatArrayChangesNothing() {
        AdamaxUpdate update = new AdamaxUpdate(B1, B2, EPS, new PairWorker());
        int n = 3 * AdamaxUpdate.CHUNK;
        INDArray p = Nd4j.rand(DataType.FLOAT, n);
        INDArray m = Nd4j.zeros(DataType.FLOAT, n);
        INDArray u = Nd4j.zeros(DataType.FLOAT, n);
        INDArray g = Nd4j.ones(DataType.FLOAT, n);
        g.putScalar(n - 1, Float.NaN);
        float[] before = p.dup().data().asFloat();
        assertThat(update.apply(List.of(new AdamaxUpdate.Slot(p, g, m, u)), 0.01)).isFalse();
        assertSame(p.dup().data().asFloat(), before, "parameter");
        assertThat(m.dup().data().asFloat()).containsOnly(0f);
    }

    @Test
    void aMomentOfTheWrongLengthIsRejectedBeforeAnyArrayChanges() {
        AdamaxUpdate update = new AdamaxUpdate(B1, B2, EPS, new PairWorker());
        INDArray p1 = Nd4j.rand(DataType.FLOAT, 6);
        INDArray m1 = Nd4j.zeros(DataType.FLOAT, 6);
        INDArray p2 = Nd4j.rand(DataType.FLOAT, 4);
        float[] before = p1.dup().data().asFloat();
        List<AdamaxUpdate.Slot> slots = List.of(
                new AdamaxUpdate.Slot(p1, Nd4j.ones(DataType.FLOAT, 6), m1, Nd4j.zeros(DataType.FLOAT, 6)),
                new AdamaxUpdate.Slot(p2, Nd4j.ones(DataType.FLOAT, 4), Nd4j.zeros(DataType.FLOAT, 3),
                        Nd4j.zeros(DataType.FLOAT, 4)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> update.apply(slots, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length: 4, 4, 3, 4");
        assertSame(p1.dup().data().asFloat(), before, "parameter");
        assertThat(m1.dup().data().asFloat()).containsOnly(0f);
    }

    private static void assertSame(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                throw new AssertionError(what + " entry " + i + ": " + actual[i] + " != " + expected[i]);
            }
        }
    }

    private static void assertClose(double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("entry %d", i)
                    .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(expected[i])));
        }
    }
}
