package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-written GRU backpropagation through time against finite differences and the evaluation GRU. */
class GruBpttTest {
    private static final int B = 3;
    private static final int T = 5;
    private static final int D = 4;
    private static final int H = 3;
    private static final int[] LENGTHS = {5, 3, 1};

    @Test
    void backwardMatchesFiniteDifferencesWithPadding() {
        Random rng = new Random(7);
        INDArray x = random(rng, 1.0, B, T, D);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, B, T);
        for (int i = 0; i < B; i++) {
            for (int s = 0; s < LENGTHS[i]; s++) {
                mask.putScalar(i, s, 1.0);
            }
        }
        // loss = sum over valid frames of c * h: what a masked downstream graph sees
        INDArray c = random(rng, 1.0, B, T, H).muli(mask.reshape(B, T, 1));
        Map<String, INDArray> p = Map.of("Wx", random(rng, 0.6, D, 3 * H), "bx", random(rng, 0.6, 3 * H),
                "Wh", random(rng, 0.6, H, 3 * H), "bh", random(rng, 0.6, 3 * H));
        GruBptt gru = new GruBptt(new PairWorker());
        INDArray out = gru.forward(x, p.get("Wx"), p.get("bx"), p.get("Wh"), p.get("bh"));
        GruBptt.Gradients g = gru.backward(c, mask, p.get("Wx"), p.get("Wh"));
        Map<String, INDArray> analytic = Map.of("Wx", g.wx(), "bx", g.bx(), "Wh", g.wh(), "bh", g.bh());
        assertThat(out.shape()).containsExactly(B, T, H);
        double eps = 1e-6;
        int checked = 0;
        for (String name : p.keySet()) {
            INDArray param = p.get(name);
            assertThat(analytic.get(name).shape()).as(name).containsExactly(param.shape());
            for (long k = 0; k < param.length(); k++) {
                double original = param.getDouble(k);
                param.putScalar(k, original + eps);
                double plus = loss(x, p, c);
                param.putScalar(k, original - eps);
                double minus = loss(x, p, c);
                param.putScalar(k, original);
                double numeric = (plus - minus) / (2 * eps);
                double exact = analytic.get(name).getDouble(k);
                assertThat(Math.abs(numeric - exact)).as("%s[%d]: numeric %.10g analytic %.10g", name, k, numeric, exact)
                        .isLessThanOrEqualTo(1e-8 + 1e-6 * Math.abs(numeric));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3 * H * (D + H + 2));
    }

    @Test
    void paddedFramesContributeNothingToTheGradients() {
        Random rng = new Random(8);
        INDArray x = random(rng, 1.0, 1, T, D);
        INDArray wx = random(rng, 0.5, D, 3 * H);
        INDArray bx = random(rng, 0.5, 3 * H);
        INDArray wh = random(rng, 0.5, H, 3 * H);
        INDArray bh = random(rng, 0.5, 3 * H);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 1, T);
        INDArray c = random(rng, 1.0, 1, T, H);
        for (int s = 0; s < 2; s++) {
            mask.putScalar(0, s, 1.0);
        }
        GruBptt gru = new GruBptt(new PairWorker());
        gru.forward(x, wx, bx, wh, bh);
        GruBptt.Gradients padded = gru.backward(c, mask, wx, wh);
        // the same utterance cut to its two valid frames
        INDArray shortX = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray shortC = c.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        gru.forward(shortX, wx, bx, wh, bh);
        GruBptt.Gradients cut = gru.backward(shortC, Nd4j.ones(DataType.DOUBLE, 1, 2), wx, wh);
        assertThat(padded.wx().equalsWithEps(cut.wx(), 1e-12)).isTrue();
        assertThat(padded.wh().equalsWithEps(cut.wh(), 1e-12)).isTrue();
        assertThat(padded.bx().equalsWithEps(cut.bx(), 1e-12)).isTrue();
        assertThat(padded.bh().equalsWithEps(cut.bh(), 1e-12)).isTrue();
    }

    @Test
    void forwardAgreesWithTheEvaluationGru() {
        Random rng = new Random(9);
        INDArray x = random(rng, 1.0, 6, 7, D).castTo(DataType.FLOAT);
        INDArray wx = random(rng, 0.5, D, 3 * H).castTo(DataType.FLOAT);
        INDArray bx = random(rng, 0.5, 3 * H).castTo(DataType.FLOAT);
        INDArray wh = random(rng, 0.5, H, 3 * H).castTo(DataType.FLOAT);
        INDArray bh = random(rng, 0.5, 3 * H).castTo(DataType.FLOAT);
        INDArray train = new GruBptt(new PairWorker()).forward(x, wx, bx, wh, bh);
        assertThat(train.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(train.equalsWithEps(DirectGru.javaLoop(x, wx, bx, wh, bh), 1e-6)).isTrue();
        assertThat(train.equalsWithEps(DirectGru.nd4jLoop(x, wx, bx, wh, bh), 1e-5)).isTrue();
    }

    @Test
    void aPermutedViewAsInputGivesTheSameStatesAndGradientsAsAContiguousArray() {
        // forward keeps a contiguous x by reference and copies any other layout: both paths must agree
        Random rng = new Random(10);
        INDArray timeMajor = random(rng, 1.0, T, B, D);
        INDArray view = timeMajor.permute(1, 0, 2);
        INDArray contiguous = view.dup('c');
        INDArray wx = random(rng, 0.5, D, 3 * H);
        INDArray bx = random(rng, 0.5, 3 * H);
        INDArray wh = random(rng, 0.5, H, 3 * H);
        INDArray bh = random(rng, 0.5, 3 * H);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, B, T);
        INDArray c = random(rng, 1.0, B, T, H);
        GruBptt gru = new GruBptt(new PairWorker());
        INDArray outView = gru.forward(view, wx, bx, wh, bh);
        GruBptt.Gradients gView = gru.backward(c, mask, wx, wh);
        INDArray outContiguous = gru.forward(contiguous, wx, bx, wh, bh);
        GruBptt.Gradients gContiguous = gru.backward(c, mask, wx, wh);
        assertThat(outView.equalsWithEps(outContiguous, 1e-14)).isTrue();
        assertThat(gView.wx().equalsWithEps(gContiguous.wx(), 1e-12)).isTrue();
        assertThat(gView.wh().equalsWithEps(gContiguous.wh(), 1e-12)).isTrue();
        // the caller's arrays stay open and unchanged
        assertThat(contiguous.equalsWithEps(view, 0)).isTrue();
        assertThat(timeMajor.wasClosed()).isFalse();
    }

    private static double loss(INDArray x, Map<String, INDArray> p, INDArray c) {
        GruBptt gru = new GruBptt(new PairWorker());
        INDArray out = gru.forward(x, p.get("Wx"), p.get("bx"), p.get("Wh"), p.get("bh"));
        gru.release();
        return out.mul(c).sumNumber().doubleValue();
    }

    private static INDArray random(Random rng, double scale, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, (rng.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }
}
