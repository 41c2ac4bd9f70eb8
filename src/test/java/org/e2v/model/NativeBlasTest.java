package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NativeBlasTest {
    @Test
    void theCpuBackendReachesOpenBlas() {
        // on the CPU backend the fast path must be taken, not silently the Java fallback
        assertThat(NativeBlas.available()).isTrue();
    }

    @Test
    void productMatchesTheSumWrittenOutForFloatDoubleAndAnOffsetView() {
        Random rng = new Random(9);
        INDArray big = Nd4j.rand(DataType.DOUBLE, 9, 13).subi(0.5);
        // rows 2..8 of a larger array: a contiguous view whose data starts at an offset
        INDArray view = big.get(NDArrayIndex.interval(2, 9), NDArrayIndex.all());
        for (INDArray w : new INDArray[] {Nd4j.rand(DataType.FLOAT, 7, 13).subi(0.5),
                Nd4j.rand(DataType.DOUBLE, 7, 13).subi(0.5), view}) {
            double[][] m = w.toDoubleMatrix();
            try (NativeBlas gemv = NativeBlas.gemv(w)) {
                assertThat(gemv).isNotNull();
                for (int round = 0; round < 3; round++) {
                    double[] h = new double[7];
                    for (int i = 0; i < h.length; i++) {
                        h[i] = rng.nextGaussian();
                    }
                    double[] got = new double[13];
                    gemv.multiply(h, got);
                    for (int j = 0; j < 13; j++) {
                        double expected = 0;
                        for (int i = 0; i < 7; i++) {
                            expected += h[i] * m[i][j];
                        }
                        double tol = w.dataType() == DataType.FLOAT ? 1e-5 : 1e-13;
                        assertThat(got[j]).as("%s column %d", w.dataType(), j).isCloseTo(expected,
                                org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(expected))));
                    }
                }
            }
        }
    }

    @Test
    void gemmMatchesNd4jForEveryTransposeTypeAndLayout() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray a = Nd4j.rand(dt, ta ? 6 : 5, ta ? 5 : 6).subi(0.5);
                    INDArray b = Nd4j.rand(dt, tb ? 7 : 6, tb ? 6 : 7).subi(0.5);
                    INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b);
                    INDArray c = Nd4j.create(dt, 5, 7).assign(99);
                    NativeBlas.gemm(a, b, c, ta, tb);
                    assertThat(c.equalsWithEps(expected, dt == DataType.FLOAT ? 1e-5 : 1e-12))
                            .as("%s transA=%s transB=%s", dt, ta, tb).isTrue();
                    // beta 1 accumulates: c + a' b' = 2 a' b'
                    NativeBlas.gemm(a, b, c, ta, tb, 1);
                    assertThat(c.equalsWithEps(expected.mul(2), dt == DataType.FLOAT ? 1e-5 : 1e-12))
                            .as("%s transA=%s transB=%s beta 1", dt, ta, tb).isTrue();
                }
            }
        }
        // a row range of a larger array as left operand; an f-ordered one goes through ND4J
        INDArray big = Nd4j.rand(DataType.FLOAT, 9, 6).subi(0.5);
        INDArray rows = big.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all());
        INDArray right = Nd4j.rand(DataType.FLOAT, 'f', 6, 7).subi(0.5);
        INDArray c = Nd4j.create(DataType.FLOAT, 5, 7);
        NativeBlas.gemm(rows, right, c, false, false);
        assertThat(c.equalsWithEps(rows.mmul(right), 1e-5)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NativeBlas.gemm(Nd4j.rand(DataType.FLOAT, 5, 4),
                Nd4j.rand(DataType.FLOAT, 6, 7), Nd4j.create(DataType.FLOAT, 5, 7), false, false))
                .hasMessageContaining("do not fit");
    }

    @Test
    void arraysItCannotUseGiveNull() {
        assertThat(NativeBlas.gemv(Nd4j.rand(DataType.FLOAT, 'f', 4, 5))).isNull();
        assertThat(NativeBlas.gemv(Nd4j.rand(DataType.FLOAT, 2, 3, 4))).isNull();
        assertThat(NativeBlas.gemv(Nd4j.zeros(DataType.INT, 4, 5))).isNull();
    }
}
