package org.e2v.model.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.e2v.model.LossParts;
import org.e2v.model.LossSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Properties of the losses that the paper's equations imply, checked on small random episodes. */
class LossBehaviourTest {
    private static final int K = 3;
    private static final int N = 4;
    private static final int E = 5;

    private final Random random = new Random(5);
    private final double[][] x = FiniteDifferenceGradientTest.gaussian(random, K * N, E);
    private final double[][] headW = FiniteDifferenceGradientTest.gaussian(random, E, K);
    private final double[] headBias = new double[K];

    private LossGraph graph(LossSpec spec, double[][] embeddings) {
        return LossGraph.build(spec, DataType.DOUBLE, embeddings, headW, headBias, LossGraph.episodicLabels(K, N), K, N);
    }

    private static LossSpec angular(String name, double m, String convention, double w, double b) {
        return new LossSpec(name, m, convention, false, -0.5, 0.5, 30, w, b, 1.0);
    }

    @Test
    void centroidExcludesQueryUtterance() {
        LossSpec spec = LossSpec.namp();
        double[] centroids = graph(spec, x).value(LossVariables.CENTROIDS);
        for (int k = 0; k < K; k++) {
            for (int e = 0; e < E; e++) {
                double mean = 0;
                for (int i = 0; i < N - 1; i++) {
                    mean += x[k * N + i][e];
                }
                assertThat(centroids[k * E + e]).isCloseTo(mean / (N - 1), within(1e-14));
            }
        }
        double[][] movedQueries = copy(x);
        for (int k = 0; k < K; k++) {
            for (int e = 0; e < E; e++) {
                movedQueries[k * N + N - 1][e] += 10.0;
            }
        }
        LossGraph moved = graph(spec, movedQueries);
        assertThat(moved.value(LossVariables.CENTROIDS)).containsExactly(centroids);
        assertThat(moved.value(LossVariables.QUERIES)[0]).isCloseTo(x[N - 1][0] + 10.0, within(1e-12));
        // The query's own gradient comes only through its row of cos; centroid rows share 1/(N-1) of theirs.
        INDArray gradient = graph(spec, x).gradients(LossVariables.METRIC, LossGraph.EMBEDDINGS).get(LossGraph.EMBEDDINGS);
        for (int k = 0; k < K; k++) {
            for (int i = 0; i < N - 2; i++) {
                assertThat(gradient.getRow(k * N + i).toDoubleVector())
                        .containsExactly(gradient.getRow(k * N + i + 1).toDoubleVector(), within(1e-15));
            }
        }
    }

    @Test
    void negativeMarginLowersTargetLogitUnderPaperConvention() {
        double[] plain = graph(angular("aproto", 0.0, "paper", 10, -5), x).value(LossVariables.LOGITS);
        LossGraph namp = graph(angular("namp", -0.3, "paper", 10, -5), x);
        double[] withMargin = namp.value(LossVariables.LOGITS);
        for (int j = 0; j < K; j++) {
            for (int k = 0; k < K; k++) {
                double expectedShift = j == k ? 10 * -0.3 : 0.0;
                assertThat(withMargin[j * K + k] - plain[j * K + k]).isCloseTo(expectedShift, within(1e-12));
            }
        }
        double aprotoLoss = graph(angular("aproto", 0.0, "paper", 10, -5), x).scalar(LossVariables.METRIC);
        assertThat(namp.scalar(LossVariables.METRIC)).isGreaterThan(aprotoLoss);
    }

    @Test
    void cosfaceConventionEqualsPaperWithNegatedMargin() {
        LossGraph paper = graph(angular("amproto", 0.3, "paper", 7, -2), x);
        LossGraph cosface = graph(angular("namp", -0.3, "cosface", 7, -2), x);
        assertThat(cosface.scalar(LossVariables.TOTAL)).isCloseTo(paper.scalar(LossVariables.TOTAL), within(1e-14));
        assertThat(cosface.value(LossVariables.LOGITS)).containsExactly(paper.value(LossVariables.LOGITS), within(1e-14));
        String[] variables = {LossGraph.EMBEDDINGS, LossVariables.SCALE_W};
        Map<String, INDArray> gp = paper.gradients(LossVariables.TOTAL, variables);
        Map<String, INDArray> gc = cosface.gradients(LossVariables.TOTAL, variables);
        for (String v : variables) {
            assertThat(gc.get(v).data().asDouble()).containsExactly(gp.get(v).data().asDouble(), within(1e-14));
        }
        // And the conventions really differ for the same m: cosface -0.3 raises what paper -0.3 lowers.
        double[] paperNamp = graph(angular("namp", -0.3, "paper", 7, -2), x).value(LossVariables.LOGITS);
        assertThat(cosface.value(LossVariables.LOGITS)[0] - paperNamp[0]).isCloseTo(2 * 7 * 0.3, within(1e-12));
    }

    @Test
    void biasDoesNotChangeTheLoss() {
        LossGraph low = graph(angular("namp", -0.3, "paper", 10, -5), x);
        LossGraph high = graph(angular("namp", -0.3, "paper", 10, 7), x);
        assertThat(high.scalar(LossVariables.METRIC)).isCloseTo(low.scalar(LossVariables.METRIC), within(1e-12));
        assertThat(high.value(LossVariables.LOGITS)[1] - low.value(LossVariables.LOGITS)[1]).isCloseTo(12.0, within(1e-12));
        double gradientB = low.gradients(LossVariables.TOTAL, LossVariables.BIAS_B).get(LossVariables.BIAS_B).getDouble(0);
        assertThat(gradientB).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void crossEntropyWeightScalesOnlyTheCrossEntropyTerm() {
        LossSpec spec = new LossSpec("proto", 0.0, "paper", false, -0.5, 0.5, 30, 10, -5, 0.25);
        LossGraph g = graph(spec, x);
        assertThat(g.scalar(LossVariables.TOTAL))
                .isCloseTo(0.25 * g.scalar(LossVariables.CE) + g.scalar(LossVariables.METRIC), within(1e-14));
        LossParts parts = g.parts;
        assertThat(parts.ce()).isNotNull();
        assertThat(parts.metric()).isNotNull();
        LossParts softmaxOnly = graph(LossSpec.of("sm", 0.0), x).parts;
        assertThat(softmaxOnly.metric()).isNull();
        assertThat(softmaxOnly.total().name()).isEqualTo(LossVariables.TOTAL);
    }

    @Test
    void learnableMarginStaysWithinBoundsAfterSteps() {
        // NAMP's loss falls as m rises (the target logit grows), so training pushes m up to its bound 0;
        // AMProto's pushes m up to marginMax.
        assertMarginPinnedAt(new LossSpec("namp", -0.3, "paper", true, -0.5, 0.5, 30, 10, -5, 1.0), -0.5, 0.0);
        assertMarginPinnedAt(new LossSpec("amproto", 0.2, "paper", true, -0.5, 0.35, 30, 10, -5, 1.0), 0.0, 0.35);
    }

    private static void assertMarginPinnedAt(LossSpec spec, double lower, double upper) {
        ToyProblem toy = new ToyProblem(spec, DataType.DOUBLE, 9, 0.05);
        double previous = toy.value(LossVariables.MARGIN_USED);
        boolean moved = false;
        for (int i = 0; i < 40; i++) {
            toy.step();
            double used = toy.value(LossVariables.MARGIN_USED);
            assertThat(used).as("%s margin after step %d", spec.name(), i).isBetween(lower, upper);
            moved |= used != previous;
        }
        assertThat(moved).as("%s margin is trained", spec.name()).isTrue();
        assertThat(toy.value(LossVariables.MARGIN_USED)).isEqualTo(upper, within(1e-12));
        assertThat(toy.value(LossVariables.MARGIN)).isGreaterThan(upper);
    }

    @Test
    void scaleIsClampedToStayPositive() {
        LossGraph g = graph(LossSpec.namp(), x);
        g.array(LossVariables.SCALE_W).assign(-2.0);
        assertThat(g.scalar(LossVariables.SCALE_W_USED)).isEqualTo(Losses.MIN_SCALE_W);
        double[] cos = g.value(LossVariables.COSINE);
        double[] logits = g.value(LossVariables.LOGITS);
        assertThat(logits[1]).isCloseTo(Losses.MIN_SCALE_W * cos[1] - 5.0, within(1e-12));
    }

    @Test
    void factoryRejectsWrongMarginSigns() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Losses.create(LossSpec.of("namp", 0.3))))
                .hasMessageContaining("namp").hasMessageContaining("m < 0").hasMessageContaining("0.3");
        assertThrows(IllegalArgumentException.class, () -> Losses.create(LossSpec.of("namp", 0.0)));
        assertThat(assertThrows(IllegalArgumentException.class, () -> Losses.create(LossSpec.of("amproto", -0.2))))
                .hasMessageContaining("amproto").hasMessageContaining("m > 0");
        assertThrows(IllegalArgumentException.class, () -> Losses.create(LossSpec.of("amproto", 0.0)));
        assertThat(assertThrows(IllegalArgumentException.class, () -> Losses.create(LossSpec.of("aproto", 0.1))))
                .hasMessageContaining("aproto").hasMessageContaining("m = 0");
        assertThrows(IllegalArgumentException.class, () -> Losses.create(LossSpec.of("aam", -0.1)));
        assertThrows(IllegalArgumentException.class, () -> Losses.create(LossSpec.of("triplet", -0.1)));
    }

    @Test
    void factoryRejectsInconsistentHyperParameters() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Losses.create(
                new LossSpec("sm", 0.0, "paper", true, -0.5, 0.5, 30, 10, -5, 1.0)))).hasMessageContaining("learnable");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Losses.create(
                new LossSpec("namp", -0.3, "paper", false, -0.5, 0.5, 30, 0.0, -5, 1.0)))).hasMessageContaining("initW");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Losses.create(
                new LossSpec("namp", -0.6, "paper", true, -0.5, 0.5, 30, 10, -5, 1.0)))).hasMessageContaining("[-0.5, 0.0]");
        assertThrows(IllegalArgumentException.class, () -> Losses.create(
                new LossSpec("am", 0.2, "paper", false, -0.5, 0.5, 0.0, 10, -5, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Losses.create(
                new LossSpec("proto", 0.0, "paper", false, -0.5, 0.5, 30, 10, -5, -1.0)));
    }

    @Test
    void prototypicalAndTripletLossesRejectEpisodesTooSmall() {
        for (String name : new String[] {"proto", "aproto", "namp", "triplet"}) {
            LossSpec spec = name.equals("namp") ? LossSpec.namp() : LossSpec.of(name, name.equals("triplet") ? 0.1 : 0.0);
            assertThat(assertThrows(IllegalArgumentException.class, () -> LossGraph.build(spec, DataType.DOUBLE, x,
                    headW, headBias, LossGraph.episodicLabels(K, N), K, 1))).hasMessageContaining("N >= 2");
            assertThat(assertThrows(IllegalArgumentException.class, () -> LossGraph.build(spec, DataType.DOUBLE, x,
                    headW, headBias, LossGraph.episodicLabels(K, N), 1, K * N))).hasMessageContaining("K >= 2");
        }
    }

    @Test
    void tripletPicksHardestPositiveAndNegative() {
        LossGraph g = graph(LossSpec.of("triplet", 0.1), x);
        double[] distances = g.value(LossVariables.DISTANCES);
        double[] dap = g.value(LossVariables.D_AP);
        double[] dan = g.value(LossVariables.D_AN);
        double[] hinge = g.value(LossVariables.HINGE);
        int rows = K * N;
        for (int a = 0; a < rows; a++) {
            double hardestPositive = Double.NEGATIVE_INFINITY;
            double hardestNegative = Double.POSITIVE_INFINITY;
            for (int s = 0; s < rows; s++) {
                double[] u = unit(x[a]);
                double[] v = unit(x[s]);
                double d = 0;
                for (int e = 0; e < E; e++) {
                    d += (u[e] - v[e]) * (u[e] - v[e]);
                }
                assertThat(distances[a * rows + s]).isCloseTo(d, within(1e-12));
                if (s != a && s / N == a / N) {
                    hardestPositive = Math.max(hardestPositive, d);
                } else if (s / N != a / N) {
                    hardestNegative = Math.min(hardestNegative, d);
                }
            }
            assertThat(dap[a]).isCloseTo(hardestPositive, within(1e-12));
            assertThat(dan[a]).isCloseTo(hardestNegative, within(1e-12));
            assertThat(hinge[a]).isCloseTo(Math.max(0, hardestPositive - hardestNegative + 0.1), within(1e-12));
        }
    }

    @Test
    void angularPrototypicalLossMatchesHandComputedValueOnAnotherShape() {
        // Independent plain-Java evaluation of Eq. (2)-(5) for K = 3, N = 4, E = 5 (the golden files are 4 x 5 x 8).
        double w = 6.0;
        double b = -2.0;
        double m = -0.25;
        LossGraph g = graph(angular("namp", m, "paper", w, b), x);
        double loss = 0;
        for (int j = 0; j < K; j++) {
            double[] q = x[j * N + N - 1];
            double[] s = new double[K];
            for (int k = 0; k < K; k++) {
                double[] c = new double[E];
                for (int i = 0; i < N - 1; i++) {
                    for (int e = 0; e < E; e++) {
                        c[e] += x[k * N + i][e] / (N - 1);
                    }
                }
                s[k] = w * (cosine(q, c) + (j == k ? m : 0)) + b;
            }
            double sumExp = 0;
            for (double v : s) {
                sumExp += Math.exp(v);
            }
            loss += (Math.log(sumExp) - s[j]) / K;
        }
        assertThat(g.scalar(LossVariables.METRIC)).isCloseTo(loss, within(1e-12));
    }

    private static double cosine(double[] u, double[] v) {
        double dot = 0;
        for (int e = 0; e < u.length; e++) {
            dot += u[e] * v[e];
        }
        return dot / (norm(u) * norm(v));
    }

    private static double norm(double[] u) {
        double s = 0;
        for (double v : u) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double[] unit(double[] u) {
        double n = norm(u);
        double[] out = new double[u.length];
        for (int e = 0; e < u.length; e++) {
            out[e] = u[e] / n;
        }
        return out;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r].clone();
        }
        return out;
    }
}
