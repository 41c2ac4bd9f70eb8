package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HostCopyTest {
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"}, mode = Mode.INCLUDE)
    void timeMajorReadsAndBatchMajorWritesReorderWholeRows(DataType type) {
        int b = 3;
        int t = 5;
        int w = 4;
        // element (item i, step s, column j) holds 100 i + 10 s + j
        INDArray batchMajor = Nd4j.create(type, b, t, w);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < w; j++) {
                    batchMajor.putScalar(new long[] {i, s, j}, 100 * i + 10 * s + j);
                }
            }
        }
        HostCopy host = new HostCopy();
        double[] timeMajor = new double[b * t * w];
        host.readTimeMajor(batchMajor, timeMajor, b, t, w);
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < w; j++) {
                    assertThat(timeMajor[(s * b + i) * w + j]).as("step %d item %d col %d", s, i, j)
                            .isEqualTo(100 * i + 10 * s + j);
                }
            }
        }
        INDArray back = Nd4j.create(type, b, t, w);
        host.writeBatchMajor(timeMajor, back, b, t, w);
        assertThat(back.equalsWithEps(batchMajor, 0)).isTrue();

        // a view at an offset: rows of the second item-block of a larger array
        INDArray big = Nd4j.create(type, 2 * b * t, w);
        INDArray lower = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b * t, 2 * b * t),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        host.writeBatchMajor(timeMajor, lower, b, t, w);
        assertThat(big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, b * t),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).sumNumber().doubleValue()).isZero();
        assertThat(lower.reshape(b, t, w).equalsWithEps(batchMajor, 0)).isTrue();

        assertThatThrownBy(() -> host.readTimeMajor(batchMajor, timeMajor, b, t + 1, w))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 3 x 6 rows of 4");
    }
}
