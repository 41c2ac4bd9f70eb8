package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class ReluDropoutTest {
    @Test
    void keepDecisionsDoNotDependOnWhereAChunkStarts() {
        float[] all = new float[1001];
        Dropout.keeps(77, 0.3, 0, all, all.length);
        for (int start : new int[] {1, 2, 3, 37, 500, 999}) {
            float[] part = new float[all.length - start];
            Dropout.keeps(77, 0.3, start, part, part.length);
            for (int i = start; i < all.length; i++) {
                assertThat(part[i - start]).as("element %d drawn from %d", i, start).isEqualTo(all[i]);
            }
        }
    }

    @Test
    void keepRateIsOneMinusPAndSeedsDiffer() {
        int n = 200_000;
        for (double p : new double[] {0.0, 0.1, 0.5, 0.9}) {
            float[] keeps = new float[n];
            Dropout.keeps(5, p, 0, keeps, n);
            double kept = 0;
            for (float k : keeps) {
                assertThat(k).isIn(0f, 1f);
                kept += k;
            }
            // binomial standard deviation at most 0.0012 for n = 200000
            assertThat(kept / n).as("p = %s", p).isCloseTo(1 - p, Offset.offset(0.006));
        }
        float[] a = new float[10_000];
        float[] b = new float[10_000];
        Dropout.keeps(1, 0.5, 0, a, a.length);
        Dropout.keeps(2, 0.5, 0, b, b.length);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        assertThat(same).isBetween(4_700, 5_300);
        assertThatThrownBy(() -> Dropout.keeps(1, 1.0, 0, a, 1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> Dropout.keeps(1, Double.NaN, 0, a, 1)).hasMessageContaining("[0, 1)");
    }

    @Test
    void fusedPassGivesTheBitsOfBiasReluAndTheDropoutMask() {
        // odd column counts: hashed words straddle rows; enough rows that the helper thread takes
        // half; rows longer than a chunk
        for (int[] shape : new int[][] {{203, 97}, {3, 9001}}) {
            fusedPassMatchesOps(shape[0], shape[1]);
        }
    }

    private static void fusedPassMatchesOps(int rows, int cols) {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (double p : new double[] {0.0, 0.1, 0.3}) {
                INDArray pre = Nd4j.rand(dt, rows, cols).subi(0.5);
                INDArray bias = Nd4j.rand(dt, cols).subi(0.5);
                INDArray mask = Nd4j.create(dt, rows, cols);
                if (p > 0) {
                    Dropout.fill(mask, p, 1234);
                } else {
                    mask.assign(1);
                }
                INDArray expectedHidden = Transforms.relu(pre.addRowVector(bias), true).muli(mask);
                INDArray positive = Transforms.step(pre.addRowVector(bias), true);
                INDArray expectedGate = mask.mul(positive);
                INDArray hidden = pre.dup();
                INDArray gate = Nd4j.create(dt, rows, cols);
                try (PairWorker worker = new PairWorker()) {
                    new ReluDropout(worker).apply(hidden, bias, gate, rows, cols, p, 1234);
                }
                assertSameValues(hidden, expectedHidden, dt + " p=" + p + " hidden");
                assertSameValues(gate, expectedGate, dt + " p=" + p + " gate");
                if (p > 0) {
                    double kept = mask.neq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                    assertThat(kept).isCloseTo(1 - p, Offset.offset(0.03));
                    assertThat(mask.maxNumber().doubleValue()).isEqualTo(dt == DataType.FLOAT
                            ? (double) (float) (1 / (1 - p)) : 1 / (1 - p));
                }
            }
        }
    }

    @Test
    void backwardReadsTheGateOffTheHiddenUnitsAndSumsTheBiasGradient() {
        // against dHidden * gate with the gate apply writes, element for element; the bias gradient
        // against the column sums of that product
        for (int[] shape : new int[][] {{203, 97}, {3, 9001}, {1, 1}}) {
            int rows = shape[0];
            int cols = shape[1];
            for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                for (double p : new double[] {0.0, 0.25}) {
                    INDArray hidden = Nd4j.rand(dt, rows, cols).subi(0.5);
                    INDArray bias = Nd4j.rand(dt, cols).subi(0.5);
                    INDArray gate = Nd4j.create(dt, rows, cols);
                    INDArray upstream = Nd4j.rand(dt, rows, cols).subi(0.5);
                    INDArray dHidden = upstream.dup();
                    INDArray biasGrad = Nd4j.create(dt, cols);
                    try (PairWorker worker = new PairWorker()) {
                        ReluDropout relu = new ReluDropout(worker);
                        relu.apply(hidden, bias, gate, rows, cols, p, 99);
                        relu.backward(dHidden, hidden, biasGrad, rows, cols, p);
                    }
                    INDArray expected = upstream.mul(gate);
                    assertSameValues(dHidden, expected, dt + " p=" + p + " " + rows + "x" + cols + " gradient");
                    double[] sums = expected.castTo(DataType.DOUBLE).sum(0).data().asDouble();
                    double[] got = biasGrad.castTo(DataType.DOUBLE).data().asDouble();
                    for (int j = 0; j < cols; j++) {
                        assertThat(got[j]).as("bias gradient %d", j).isCloseTo(sums[j],
                                Offset.offset((dt == DataType.FLOAT ? 1e-5 : 1e-12) * rows));
                    }
                }
            }
        }
    }

    @Test
    void fusedPassWorksOnARowRangeOfALargerArray() {
        // the transformer hands in c-ordered work arrays; a view at an offset must work as well
        INDArray big = Nd4j.rand(DataType.FLOAT, 10, 8).subi(0.5);
        INDArray before = big.dup();
        INDArray view = big.get(NDArrayIndex.interval(3, 7),
                NDArrayIndex.all());
        INDArray bias = Nd4j.zeros(DataType.FLOAT, 8);
        INDArray gate = Nd4j.create(DataType.FLOAT, 4, 8);
        try (PairWorker worker = new PairWorker()) {
            new ReluDropout(worker).apply(view, bias, gate, 4, 8, 0, 0);
        }
        assertThat(big.getRow(2).dup().data().asDouble()).isEqualTo(before.getRow(2).dup().data().asDouble());
        assertThat(big.getRow(7).dup().data().asDouble()).isEqualTo(before.getRow(7).dup().data().asDouble());
        assertSameValues(view, Transforms.relu(before.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all()), true),
                "row range");
    }

    /** Equal values element by element (0 and -0 count as equal: a negative pre-activation times 0). */
    private static void assertSameValues(INDArray actual, INDArray expected, String what) {
        double[] a = actual.dup().data().asDouble();
        double[] e = expected.dup().data().asDouble();
        assertThat(a).as(what).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            if (a[i] != e[i]) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
    }
}
