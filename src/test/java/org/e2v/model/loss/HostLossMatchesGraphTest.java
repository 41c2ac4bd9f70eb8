package org.e2v.model.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.e2v.model.HostLoss;
import org.e2v.model.LossSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The host version of every loss that has one (decision 0136) against its SameDiff graph in double, on shapes
 * and options the golden vectors do not cover: other K, N, E and C, labels of the head that are not the
 * episode's classes, ceWeight other than 1, learnable margins inside and on their bounds, both margin
 * conventions. Loss terms and all gradients (embeddings, head, w, b, margin) must agree to 1e-9.
 */
class HostLossMatchesGraphTest {
    @ParameterizedTest
    @CsvSource({
            // name, margin, convention, learnable, min, max, initW, initB, ceWeight, K, N, E, C
            "namp, -0.3, paper, false, -0.5, 0.5, 10, -5, 1.0, 4, 5, 8, 4",
            "namp, -0.2, paper, true, -0.5, 0.0, 7.5, -2, 1.0, 3, 4, 11, 6",
            "namp, -0.5, paper, true, -0.5, 0.0, 10, -5, 1.0, 3, 3, 5, 3",
            "namp, -0.3, cosface, false, -0.5, 0.5, 10, -5, 0.5, 5, 2, 6, 7",
            "amproto, 0.25, paper, true, 0.0, 0.4, 4, 1, 2.0, 2, 6, 9, 2",
            "amproto, 0.3, cosface, false, -0.5, 0.5, 10, -5, 1.0, 4, 3, 16, 4",
            "aproto, 0.0, paper, false, -0.5, 0.5, 10, -5, 0.0, 6, 2, 4, 6",
            "proto, 0.0, paper, false, -0.5, 0.5, 10, -5, 1.0, 3, 5, 7, 5",
            "proto, 0.0, paper, false, -0.5, 0.5, 10, -5, 0.25, 2, 2, 3, 2",
            "sm, 0.0, paper, false, -0.5, 0.5, 10, -5, 1.0, 4, 3, 10, 5"})
    void hostLossEqualsTheGraph(String name, double margin, String convention, boolean learnable, double min,
                                double max, double initW, double initB, double ceWeight, int k, int n, int e,
                                int c) {
        LossSpec spec = new LossSpec(name, margin, convention, learnable, min, max, 30.0, initW, initB, ceWeight);
        Random rng = new Random(name.hashCode() * 31L + k * 7L + e);
        double[][] x = random(rng, k * n, e, 1.0);
        double[][] w = random(rng, e, c, 0.5);
        double[] bias = random(rng, 1, c, 0.3)[0];
        int[] labels = new int[k * n];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = rng.nextInt(c); // the head's targets need not be the episode's classes
        }
        LossGraph graph = LossGraph.build(spec, DataType.DOUBLE, x, w, bias, labels, k, n);
        Map<String, Double> scalars = new LinkedHashMap<>();
        List<String> trained = graph.trainableNames();
        for (String scalar : List.of(LossVariables.SCALE_W, LossVariables.BIAS_B, LossVariables.MARGIN)) {
            if (trained.contains(scalar)) {
                scalars.put(scalar, graph.scalar(scalar));
            }
        }
        HostLoss.Result host = Losses.create(spec).host().evaluate(flat(x), k * n, e, flat(w), bias, labels, k, n,
                scalars);

        assertClose("total", host.total(), graph.scalar(LossVariables.TOTAL));
        assertClose("ce", host.ce(), graph.scalar(LossVariables.CE));
        if (name.equals("sm")) {
            assertThat(host.metric()).isNaN();
        } else {
            assertClose("metric", host.metric(), graph.scalar(LossVariables.METRIC));
        }
        List<String> variables = new ArrayList<>(List.of(LossGraph.EMBEDDINGS, LossGraph.HEAD_W, LossGraph.HEAD_BIAS));
        variables.addAll(scalars.keySet());
        var grads = graph.gradients(LossVariables.TOTAL, variables.toArray(String[]::new));
        assertClose("d embeddings", host.dEmbeddings(), doubles(grads.get(LossGraph.EMBEDDINGS)));
        assertClose("d W", host.dHeadW(), doubles(grads.get(LossGraph.HEAD_W)));
        assertClose("d bias", host.dHeadBias(), doubles(grads.get(LossGraph.HEAD_BIAS)));
        assertThat(host.dScalars().keySet()).containsExactlyInAnyOrderElementsOf(scalars.keySet());
        for (String scalar : scalars.keySet()) {
            assertClose("d " + scalar, host.dScalars().get(scalar), doubles(grads.get(scalar))[0]);
        }
        if (learnable && (margin == min || margin == max)) {
            assertThat(host.dScalars().get(LossVariables.MARGIN)).as("a margin on its bound is clipped").isZero();
        } else if (learnable) {
            assertThat(Math.abs(host.dScalars().get(LossVariables.MARGIN))).isGreaterThan(1e-6);
        }
    }

    @Test
    void marginShiftsOnlyTheTargetSimilarityInTheHostLoss() {
        // Eq. (4): with w = 1 and b = 0, changing m by d changes the loss exactly as raising every query's target
        // logit by d; nothing else moves, so the loss of aproto at m = d equals a hand-shifted aproto.
        Random rng = new Random(5);
        double[][] x = random(rng, 6, 4, 1.0);
        double[][] w = random(rng, 4, 3, 0.5);
        int[] labels = {0, 0, 1, 1, 2, 2};
        LossSpec aproto = new LossSpec("aproto", 0.0, "paper", false, -0.5, 0.5, 30, 1.0, 0.0, 0.0);
        LossSpec amproto = new LossSpec("amproto", 0.2, "paper", false, -0.5, 0.5, 30, 1.0, 0.0, 0.0);
        LossSpec cosNamp = new LossSpec("namp", -0.2, "cosface", false, -0.5, 0.5, 30, 1.0, 0.0, 0.0);
        Map<String, Double> scalars = Map.of(LossVariables.SCALE_W, 1.0, LossVariables.BIAS_B, 0.0);
        double plain = Losses.create(aproto).host().evaluate(flat(x), 6, 4, flat(w), new double[3], labels, 3, 2,
                scalars).total();
        double raised = Losses.create(amproto).host().evaluate(flat(x), 6, 4, flat(w), new double[3], labels, 3, 2,
                scalars).total();
        double cosface = Losses.create(cosNamp).host().evaluate(flat(x), 6, 4, flat(w), new double[3], labels, 3, 2,
                scalars).total();
        assertThat(raised).isLessThan(plain);
        assertThat(cosface).as("cosface(m) = paper(-m)").isCloseTo(raised, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void hostLossRejectsEpisodesTheGraphRejects() {
        HostLoss namp = Losses.create(LossSpec.namp()).host();
        Map<String, Double> scalars = Map.of(LossVariables.SCALE_W, 10.0, LossVariables.BIAS_B, -5.0);
        assertThatThrownBy(() -> namp.evaluate(new double[4], 2, 2, new double[4], new double[2], new int[2], 2, 1,
                scalars)).hasMessageContaining("N >= 2");
        assertThatThrownBy(() -> namp.evaluate(new double[4], 2, 2, new double[4], new double[2], new int[2], 1, 2,
                scalars)).hasMessageContaining("K >= 2");
    }

    @Test
    void onlyTheGraphLossesHaveNoHostVersion() {
        for (String name : LossSpec.NAMES) {
            double margin = switch (name) {
                case "namp" -> -0.3;
                case "amproto", "am", "aam" -> 0.2;
                case "triplet" -> 0.1;
                default -> 0.0;
            };
            boolean host = Losses.create(LossSpec.of(name, margin)).host() != null;
            assertThat(host).as(name).isEqualTo(!List.of("am", "aam", "triplet").contains(name));
        }
    }

    private static void assertClose(String what, double[] got, double[] want) {
        assertThat(got).as(what).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s[%d]: %s vs %s", what, i, got[i], want[i])
                    .isLessThanOrEqualTo(1e-11 + 1e-9 * Math.abs(want[i]));
        }
    }

    private static void assertClose(String what, double got, double want) {
        assertClose(what, new double[] {got}, new double[] {want});
    }

    private static double[] doubles(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a.castTo(DataType.DOUBLE).data().asDouble();
    }

    private static double[][] random(Random rng, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * rng.nextGaussian();
            }
        }
        return m;
    }

    private static double[] flat(double[][] m) {
        double[] f = new double[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, f, r * m[0].length, m[0].length);
        }
        return f;
    }
}
