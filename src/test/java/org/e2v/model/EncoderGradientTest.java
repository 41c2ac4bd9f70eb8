package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.e2v.domain.FeatureMatrix;
import org.e2v.cli.SameDiffNoiseFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Analytic gradients of every encoder (unrolled GRU/LSTM, attention with masks, NetVLAD, CNN)
 * against central finite differences in double precision, on utterances of different lengths so
 * that padding and masks are part of the check.
 */
class EncoderGradientTest {
    private static final double H = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"gru-transformer", "transformer", "blstm", "blstm-netvlad", "cnn-netvlad"})
    void analyticGradientsMatchFiniteDifferences(String type) {
        EncoderSpec spec = TestData.tiny(type);
        if (type.equals(EncoderSpec.GRU_TRANSFORMER)) {
            // two layers and a GRU width different from the model dim (projection) for this one
            spec = new EncoderSpec(type, 2, 5, 4, 2, 2, 6, 0.0, 3, 2, 3, 2, 3, 4);
        }
        Random rng = new Random(42);
        List<FeatureMatrix> episode = List.of(TestData.noise("a", 13, 3, 0.2, rng), TestData.noise("b", 9, 3, -0.1, rng),
                TestData.noise("c", 16, 3, 0.0, rng), TestData.noise("d", 6, 3, 0.3, rng));
        int[] labels = {0, 0, 1, 1};
        try (EncoderModel model = EncoderModel.create(spec, 3, List.of("x", "y"), null, TestData.probe(11), 5,
                DataType.DOUBLE)) {
            OutAndGrad analytic = model.lossAndGradients(episode, labels, 2, 2, false);
            Map<String, INDArray> grads = analytic.getGradients();
            Random pick = new Random(3);
            int checked = 0;
            for (Map.Entry<String, INDArray> e : model.params().all().entrySet()) {
                INDArray p = e.getValue();
                INDArray g = grads.get(e.getKey());
                assertThat(g).as("gradient of " + e.getKey()).isNotNull();
                for (int s = 0; s < Math.min(3, p.length()); s++) {
                    long i = pick.nextInt((int) p.length());
                    double original = p.getDouble(i);
                    p.putScalar(i, original + H);
                    double plus = total(model, episode, labels);
                    p.putScalar(i, original - H);
                    double minus = total(model, episode, labels);
                    p.putScalar(i, original);
                    double numeric = (plus - minus) / (2 * H);
                    double exact = g.getDouble(i);
                    assertThat(Math.abs(numeric - exact))
                            .as("%s[%d]: numeric %.9g vs analytic %.9g", e.getKey(), i, numeric, exact)
                            .isLessThanOrEqualTo(1e-7 + 1e-5 * Math.max(Math.abs(numeric), Math.abs(exact)));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void gruBackpropagationThroughTimeMatchesTheUnrolledGraph(String precision) {
        DataType dataType = DataType.valueOf(precision);
        EncoderSpec spec = new EncoderSpec(EncoderSpec.GRU_TRANSFORMER, 2, 5, 4, 1, 2, 6, 0.0, 3, 2, 3, 2, 3, 4);
        Random rng = new Random(43);
        List<FeatureMatrix> episode = List.of(TestData.noise("a", 13, 3, 0.2, rng), TestData.noise("b", 9, 3, -0.1, rng),
                TestData.noise("c", 16, 3, 0.0, rng), TestData.noise("d", 6, 3, 0.3, rng));
        int[] labels = {0, 0, 1, 1};
        double tolerance = dataType == DataType.DOUBLE ? 1e-8 : 1e-5;
        try (EncoderModel direct = EncoderModel.create(spec, 3, List.of("x", "y"), null, TestData.probe(11), 5, dataType);
             EncoderModel unrolled = EncoderModel.createWithUnrolledGru(spec, 3, List.of("x", "y"), TestData.probe(11), 5,
                     dataType)) {
            Map<String, INDArray> expected = unrolled.lossAndGradients(episode, labels, 2, 2, false).getGradients();
            Map<String, INDArray> actual = direct.lossAndGradients(episode, labels, 2, 2, false).getGradients();
            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(actual).containsKeys("gru_Wx", "gru_bx", "gru_Wh", "gru_bh");
            for (String name : expected.keySet()) {
                INDArray e = expected.get(name);
                INDArray a = actual.get(name);
                double scale = Math.max(1, e.amaxNumber().doubleValue());
                assertThat(a.sub(e).amaxNumber().doubleValue()).as(name).isLessThanOrEqualTo(tolerance * scale);
            }
            assertThat(direct.lossValue(episode, labels, 2, 2))
                    .isCloseTo(unrolled.lossValue(episode, labels, 2, 2), org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "gru-transformer, DOUBLE, false", "gru-transformer, DOUBLE, true", "gru-transformer, FLOAT, true",
            "transformer, DOUBLE, false", "transformer, DOUBLE, true", "transformer, FLOAT, false"})
    void transformerBackpropagationMatchesTheGraph(String type, String precision, boolean dropout) {
        // 2 layers, 2 heads, GRU width 5 -> model dim 4 (projection), dropout 0.3; both models draw
        // the same dropout masks in the same order from the same seed, so even with dropout they agree
        DataType dataType = DataType.valueOf(precision);
        EncoderSpec spec = new EncoderSpec(type, 2, 5, 4, 2, 2, 6, 0.3, 3, 2, 3, 2, 3, 4);
        Random rng = new Random(44);
        // pooled lengths 4, 3, 4, 2, 1: the longest fills its bucket, so both paths draw masks of one shape
        List<FeatureMatrix> episode = List.of(TestData.noise("a", 13, 3, 0.2, rng), TestData.noise("b", 9, 3, -0.1, rng),
                TestData.noise("c", 16, 3, 0.0, rng), TestData.noise("d", 6, 3, 0.3, rng),
                TestData.noise("e", 16, 3, 0.1, rng), TestData.noise("f", 2, 3, -0.2, rng));
        // pooled lengths up to 8 (bucket 8): the work arrays grow, then the first episode runs on part of them
        List<FeatureMatrix> longer = List.of(TestData.noise("g", 29, 3, 0.2, rng), TestData.noise("h", 9, 3, -0.1, rng),
                TestData.noise("i", 32, 3, 0.0, rng), TestData.noise("j", 21, 3, 0.3, rng),
                TestData.noise("k", 5, 3, 0.1, rng), TestData.noise("l", 30, 3, -0.2, rng));
        int[] labels = {0, 0, 1, 1, 2, 2};
        double tolerance = dataType == DataType.DOUBLE ? 1e-9 : 2e-5;
        List<String> classes = List.of("x", "y", "z");
        try (EncoderModel direct = EncoderModel.create(spec, 3, classes, null, TestData.probe(11), 5, dataType);
             EncoderModel graph = EncoderModel.createWithGraphTransformer(spec, 3, classes, TestData.probe(11), 5,
                     dataType)) {
            List<List<FeatureMatrix>> rounds = List.of(episode, episode, longer, episode);
            for (int round = 0; round < rounds.size(); round++) { // later rounds reuse the direct path's work arrays
                OutAndGrad expected = graph.lossAndGradients(rounds.get(round), labels, 3, 2, dropout);
                OutAndGrad actual = direct.lossAndGradients(rounds.get(round), labels, 3, 2, dropout);
                assertThat(actual.getGradients().keySet())
                        .containsExactlyInAnyOrderElementsOf(expected.getGradients().keySet());
                assertThat(actual.getGradients()).containsKeys("tf0_Wqkv", "tf1_ln2_g", "proj_W", "headW");
                for (String name : expected.getGradients().keySet()) {
                    INDArray e = expected.getGradients().get(name);
                    INDArray a = actual.getGradients().get(name);
                    double scale = Math.max(1, e.amaxNumber().doubleValue());
                    assertThat(a.sub(e).amaxNumber().doubleValue()).as("%s round %d", name, round)
                            .isLessThanOrEqualTo(tolerance * scale);
                    assertThat(e.amaxNumber().doubleValue()).as("%s is exercised", name).isGreaterThan(0.0);
                }
                double lossExpected = expected.getOutputs().values().iterator().next().getDouble(0);
                double lossActual = actual.getOutputs().values().iterator().next().getDouble(0);
                assertThat(lossActual).isCloseTo(lossExpected, org.assertj.core.data.Offset.offset(tolerance * 10));
            }
            assertThat(direct.lossValue(episode, labels, 3, 2))
                    .isCloseTo(graph.lossValue(episode, labels, 3, 2), org.assertj.core.data.Offset.offset(tolerance * 10));
        }
    }

    private static double total(EncoderModel model, List<FeatureMatrix> episode, int[] labels) {
        return model.lossValue(episode, labels, 2, 2);
    }

    @BeforeAll
    static void quiet() {
        SameDiffNoiseFilter.install();
    }
}
