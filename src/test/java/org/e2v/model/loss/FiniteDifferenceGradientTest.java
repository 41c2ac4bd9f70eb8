package org.e2v.model.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.e2v.model.LossSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences (double) against SameDiff's gradients of the total loss, for every loss on a
 * tiny random episode, with respect to every trainable variable: embeddings, head W and bias, and the
 * loss's own w, b and learnable margin.
 */
class FiniteDifferenceGradientTest {
    private static final int CLASSES = 3;
    private static final int PER_CLASS = 3;
    private static final int DIMS = 4;
    private static final double STEP = 1e-6;

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(LossSpec.of("sm", 0.0)),
                Arguments.of(new LossSpec("am", 0.2, "paper", false, -0.5, 0.5, 5.0, 10, -5, 1.0)),
                Arguments.of(new LossSpec("aam", 0.2, "paper", false, -0.5, 0.5, 5.0, 10, -5, 1.0)),
                Arguments.of(new LossSpec("triplet", 0.3, "paper", false, -0.5, 0.5, 30, 10, -5, 0.7)),
                Arguments.of(new LossSpec("proto", 0.0, "paper", false, -0.5, 0.5, 30, 10, -5, 0.7)),
                Arguments.of(new LossSpec("aproto", 0.0, "paper", false, -0.5, 0.5, 30, 4.0, -1.0, 0.7)),
                Arguments.of(new LossSpec("amproto", 0.2, "paper", true, -0.5, 0.5, 30, 4.0, -1.0, 0.7)),
                Arguments.of(new LossSpec("namp", -0.3, "paper", true, -0.5, 0.5, 30, 4.0, -1.0, 0.7)),
                Arguments.of(new LossSpec("namp", -0.3, "cosface", true, -0.5, 0.5, 30, 4.0, -1.0, 0.7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientsMatchCentralDifferences(LossSpec spec) {
        Random random = new Random(11);
        double[][] x = gaussian(random, CLASSES * PER_CLASS, DIMS);
        double[][] w = gaussian(random, DIMS, CLASSES);
        double[] bias = gaussian(random, 1, CLASSES)[0];
        if (spec.name().equals("aam")) {
            // Row 0 nearly anti-parallel to its class vector: exercises AAM's fallback branch.
            for (int e = 0; e < DIMS; e++) {
                x[0][e] = -w[e][0] + 0.05 * random.nextGaussian();
            }
        }
        LossGraph graph = LossGraph.build(spec, DataType.DOUBLE, x, w, bias,
                LossGraph.episodicLabels(CLASSES, PER_CLASS), CLASSES, PER_CLASS);
        List<String> variables = graph.trainableNames().stream()
                .filter(v -> !(spec.name().equals("am") || spec.name().equals("aam")) || !v.equals(LossGraph.HEAD_BIAS))
                .toList();
        if (spec.learnableMargin()) {
            assertThat(variables).contains(LossVariables.MARGIN);
        }
        if (spec.name().contains("proto") && !spec.name().equals("proto") || spec.name().equals("namp")) {
            assertThat(variables).contains(LossVariables.SCALE_W, LossVariables.BIAS_B);
        }
        Map<String, INDArray> analytic = graph.gradients(LossVariables.TOTAL, variables.toArray(String[]::new));
        for (String variable : variables) {
            INDArray values = graph.array(variable);
            double[] gradient = analytic.get(variable).castTo(DataType.DOUBLE).data().asDouble();
            assertThat(gradient).as("%s: gradient size of %s", spec.name(), variable).hasSize((int) values.length());
            // Every entry of the small tensors; every fifth entry of embeddings and W (5 is prime to their row
            // lengths 4 and 3, so every column is visited), which keeps the test at a few seconds.
            int stride = values.length() > 8 ? 5 : 1;
            for (int i = 0; i < values.length(); i += stride) {
                double original = values.getDouble(i);
                values.putScalar(i, original + STEP);
                double plus = graph.scalar(LossVariables.TOTAL);
                values.putScalar(i, original - STEP);
                double minus = graph.scalar(LossVariables.TOTAL);
                values.putScalar(i, original);
                double numeric = (plus - minus) / (2 * STEP);
                assertThat(gradient[i]).as("%s %s d total / d %s[%d]", spec.name(), spec.convention(), variable, i)
                        .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-8 + 1e-6 * Math.abs(numeric)));
            }
        }
    }

    static double[][] gaussian(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return m;
    }
}
