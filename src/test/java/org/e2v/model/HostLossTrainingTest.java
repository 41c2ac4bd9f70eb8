package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.e2v.cli.SameDiffNoiseFilter;
import org.e2v.domain.FeatureMatrix;
import org.e2v.model.loss.Losses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training step with the loss in Java (decision 0136) against the same model whose loss runs as a
 * SameDiff graph (the loss wrapped so that it has no host version): same loss terms, same gradients for every
 * parameter and every trainable scalar of the loss, and after several Adamax steps the same parameters.
 */
class HostLossTrainingTest {
    @ParameterizedTest
    @CsvSource({"gru-transformer, DOUBLE, namp, true", "gru-transformer, FLOAT, namp, false",
            "transformer, DOUBLE, proto, false", "gru-transformer, DOUBLE, sm, false",
            "transformer, FLOAT, amproto, true"})
    void hostLossTrainsLikeTheGraph(String type, String precision, String lossName, boolean learnableMargin) {
        DataType dataType = DataType.valueOf(precision);
        double margin = lossName.equals("namp") ? -0.3 : lossName.equals("amproto") ? 0.2 : 0.0;
        LossSpec lossSpec = new LossSpec(lossName, margin, "paper", learnableMargin, -0.5, 0.5, 30, 10, -5, 1.0);
        TrainingLoss hostLoss = Losses.create(lossSpec);
        TrainingLoss graphLoss = Losses.create(lossSpec)::build; // the same graph, no host version
        assertThat(hostLoss.host()).isNotNull();
        assertThat(graphLoss.host()).isNull();
        EncoderSpec spec = new EncoderSpec(type, 2, 5, 4, 1, 2, 6, 0.2, 3, 2, 3, 2, 3, 4);
        Random rng = new Random(45);
        List<FeatureMatrix> episode = List.of(TestData.noise("a", 13, 3, 0.2, rng), TestData.noise("b", 9, 3, -0.1, rng),
                TestData.noise("c", 16, 3, 0.0, rng), TestData.noise("d", 6, 3, 0.3, rng),
                TestData.noise("e", 11, 3, 0.1, rng), TestData.noise("f", 4, 3, -0.2, rng));
        int[] labels = {0, 0, 1, 1, 2, 2};
        List<String> classes = List.of("x", "y", "z");
        double tolerance = dataType == DataType.DOUBLE ? 1e-9 : 2e-5;
        try (EncoderModel host = EncoderModel.create(spec, 3, classes, lossSpec, hostLoss, 9, dataType);
             EncoderModel graph = EncoderModel.create(spec, 3, classes, lossSpec, graphLoss, 9, dataType)) {
            OutAndGrad expected = graph.lossAndGradients(episode, labels, 3, 2, true);
            OutAndGrad actual = host.lossAndGradients(episode, labels, 3, 2, true);
            assertThat(actual.getGradients().keySet())
                    .containsExactlyInAnyOrderElementsOf(expected.getGradients().keySet());
            assertThat(actual.getGradients()).containsKeys("headW", "headBias");
            if (!lossName.equals("sm") && !lossName.equals("proto")) {
                assertThat(actual.getGradients()).containsKeys("loss_w", "loss_b");
            }
            if (learnableMargin) {
                assertThat(actual.getGradients()).containsKey("loss_margin");
            }
            for (Map.Entry<String, INDArray> e : expected.getGradients().entrySet()) {
                INDArray a = actual.getGradients().get(e.getKey());
                double scale = Math.max(1, e.getValue().amaxNumber().doubleValue());
                assertThat(a.castTo(DataType.DOUBLE).sub(e.getValue().castTo(DataType.DOUBLE)).amaxNumber().doubleValue())
                        .as(e.getKey()).isLessThanOrEqualTo(tolerance * scale);
            }
            assertThat(actual.getOutputs().keySet()).containsExactlyInAnyOrderElementsOf(expected.getOutputs().keySet());
            for (String out : expected.getOutputs().keySet()) {
                assertThat(actual.getOutputs().get(out).getDouble(0)).as(out)
                        .isCloseTo(expected.getOutputs().get(out).getDouble(0),
                                org.assertj.core.data.Offset.offset(tolerance * 10));
            }
            for (int step = 0; step < 3; step++) {
                StepResult g = graph.trainStep(episode, labels, 3, 2, 1e-2);
                StepResult h = host.trainStep(episode, labels, 3, 2, 1e-2);
                assertThat(h.finite()).isTrue();
                assertThat(h.loss()).as("step %d", step).isCloseTo(g.loss(),
                        org.assertj.core.data.Offset.offset(tolerance * 100));
                if (lossName.equals("sm")) {
                    assertThat(h.metricLoss()).isNaN();
                    assertThat(g.metricLoss()).isNaN();
                } else {
                    assertThat(h.metricLoss()).isCloseTo(g.metricLoss(), org.assertj.core.data.Offset.offset(tolerance * 100));
                }
            }
            if (dataType == DataType.FLOAT) {
                // Float rounding leaves gradients of order 1e-7 where the exact one is 0 (the attention's key
                // bias, the similarity bias b: softmax ignores a shift of a whole row); Adamax scales those to
                // full steps, so float parameters are compared through the gradients above only.
                return;
            }
            for (Map.Entry<String, INDArray> e : graph.params().all().entrySet()) {
                INDArray a = host.params().all().get(e.getKey());
                assertThat(a.sub(e.getValue()).amaxNumber().doubleValue())
                        .as("%s after 3 steps", e.getKey()).isLessThanOrEqualTo(1e-7);
            }
            for (Map.Entry<String, INDArray> e : graph.lossParams().entrySet()) {
                double want = e.getValue().getDouble(0);
                assertThat(host.lossParams().get(e.getKey()).getDouble(0)).as("%s after 3 steps", e.getKey())
                        .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-7));
            }
            if (host.lossParams().containsKey("loss_w")) {
                assertThat(host.lossParams().get("loss_w").getDouble(0)).as("w was trained").isNotEqualTo(10.0);
            }
            if (learnableMargin) {
                assertThat(host.lossParams().get("loss_margin").getDouble(0)).as("m was trained").isNotEqualTo(margin);
            }
        }
    }

    @BeforeAll
    static void quiet() {
        SameDiffNoiseFilter.install();
    }
}
