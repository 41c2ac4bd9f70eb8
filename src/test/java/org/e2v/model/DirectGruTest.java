package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DirectGruTest {
    @Test
    void blasAndJavaRecurrencesAgreeWithTheNd4jLoop() {
        // the OpenBLAS product (CPU backend), the Java loops (what a CUDA build runs) and the ND4J
        // loop (batches above JAVA_LOOP_MAX_BATCH) are three implementations of one recurrence
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(11);
            INDArray x = Nd4j.rand(dt, 2, 9, 5).subi(0.5);
            INDArray wx = Nd4j.rand(dt, 5, 12).subi(0.5);
            INDArray bx = Nd4j.rand(dt, 12).subi(0.5);
            INDArray wh = Nd4j.rand(dt, 4, 12).subi(0.5);
            INDArray bh = Nd4j.rand(dt, 12).subi(0.5);
            INDArray blas = DirectGru.javaLoop(x, wx, bx, wh, bh, true);
            INDArray java = DirectGru.javaLoop(x, wx, bx, wh, bh, false);
            INDArray nd4j = DirectGru.nd4jLoop(x, wx, bx, wh, bh);
            double tol = dt == DataType.FLOAT ? 1e-5 : 1e-12;
            assertThat(blas.shape()).containsExactly(2, 9, 4);
            assertThat(blas.equalsWithEps(java, tol)).as("%s blas vs java", dt).isTrue();
            assertThat(blas.equalsWithEps(nd4j, tol)).as("%s blas vs nd4j loop", dt).isTrue();
            // the states are not trivially equal: they move from step to step
            INDArray last = blas.get(NDArrayIndex.point(0), NDArrayIndex.point(8), NDArrayIndex.all());
            INDArray second = blas.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all());
            assertThat(last.equalsWithEps(second, 1e-3)).isFalse();
        }
    }
}
