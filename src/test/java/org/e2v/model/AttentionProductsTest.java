package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.e2v.cli.SameDiffNoiseFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transformer's attention computed with one direct BLAS call per item and head on blocks of the qkv
 * array (the CPU default, decision 0136) against head-major copies and ND4J's batched products (the path
 * without OpenBLAS): the same embeddings and the same gradients of every parameter and of the input, with
 * padding, several heads and layers, and dropout drawing the same masks.
 */
class AttentionProductsTest {
    @ParameterizedTest
    @CsvSource({"DOUBLE, 0.0, 2, 1", "DOUBLE, 0.3, 2, 2", "FLOAT, 0.3, 4, 1", "DOUBLE, 0.0, 1, 1"})
    void perHeadProductsEqualBatchedProducts(String precision, double dropout, int heads, int layers) {
        DataType dt = DataType.valueOf(precision);
        EncoderSpec spec = new EncoderSpec(EncoderSpec.TRANSFORMER, 2, 5, 8, layers, heads, 12, dropout, 3, 2, 3, 2,
                3, 4);
        int b = 3;
        int t = 6;
        int width = 3;
        double tolerance = dt == DataType.DOUBLE ? 1e-12 : 1e-5;
        try (EncoderModel model = EncoderModel.create(spec, width, List.of("x", "y"), null, TestData.probe(3), 5, dt);
             TransformerBackprop direct = new TransformerBackprop(spec, new PairWorker(), true);
             TransformerBackprop batched = new TransformerBackprop(spec, new PairWorker(), false)) {
            Nd4j.getRandom().setSeed(21);
            INDArray x = Nd4j.rand(DataType.DOUBLE, (long) b * t, width).subi(0.5).castTo(dt);
            // valid lengths 6, 4 and 1: padded keys and queries in two items
            INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}, {1, 0, 0, 0, 0, 0}})
                    .castTo(dt);
            INDArray dEmb = Nd4j.rand(DataType.DOUBLE, b, spec.modelDim()).subi(0.5).castTo(dt);
            for (int round = 0; round < 2; round++) { // the second round reuses the work arrays
                INDArray embDirect = direct.forward(x, mask, model.params(),
                        Nd4j.getRandomFactory().getNewRandomInstance(100 + round));
                Map<String, INDArray> gDirect = direct.backward(dEmb, model.params(), true);
                INDArray embBatched = batched.forward(x, mask, model.params(),
                        Nd4j.getRandomFactory().getNewRandomInstance(100 + round));
                Map<String, INDArray> gBatched = batched.backward(dEmb, model.params(), true);
                assertThat(maxDiff(embDirect, embBatched)).as("embeddings").isLessThanOrEqualTo(tolerance);
                assertThat(gDirect.keySet()).containsExactlyInAnyOrderElementsOf(gBatched.keySet());
                assertThat(gDirect).containsKeys("input", "tf0_Wqkv", "tf0_bqkv");
                for (String name : gBatched.keySet()) {
                    double scale = Math.max(1, gBatched.get(name).amaxNumber().doubleValue());
                    assertThat(maxDiff(gDirect.get(name), gBatched.get(name))).as("%s round %d", name, round)
                            .isLessThanOrEqualTo(tolerance * scale);
                }
                // the query and key blocks are exercised: their gradients are not all zero
                assertThat(gDirect.get("tf0_Wqkv").amaxNumber().doubleValue()).isGreaterThan(0.0);
                direct.release();
                batched.release();
            }
        }
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @BeforeAll
    static void quiet() {
        SameDiffNoiseFilter.install();
    }
}
