package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.e2v.cli.SameDiffNoiseFilter;
import org.e2v.domain.FeatureMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The host forward pass (decision 0138) against the ND4J lean pass and the bucket graph. */
class HostForwardTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    @BeforeAll
    static void quiet() {
        SameDiffNoiseFilter.install();
        Assumptions.assumeTrue(NativeBlas.available(), "the host pass needs OpenBLAS (the CPU build)");
    }

    @ParameterizedTest(name = "{0} gru {1} dim {2} layers {3} heads {4} inputs {5}")
    @CsvSource({
            "gru-transformer, 5, 4, 1, 1, 3",   // projection GRU 5 -> 4, one head
            "gru-transformer, 8, 8, 2, 2, 3",   // no projection, two layers
            "gru-transformer, 6, 8, 1, 4, 7",   // projection, four heads of 2
            "transformer, 5, 6, 2, 2, 3",       // input 3 -> 6 projected
            "transformer, 5, 4, 1, 2, 4"        // input already the model dim: no projection
    })
    void hostPassEqualsTheNd4jPassAndTheBucketGraph(String type, int gru, int dim, int layers, int heads, int inputs) {
        EncoderSpec spec = new EncoderSpec(type, 2, gru, dim, layers, heads, 2 * dim + 1, 0.1, 3, 2, 3, 2, 3, 4);
        Random rng = new Random(dim * 31L + layers);
        try (EncoderModel model = EncoderModel.create(spec, inputs, CLASSES, null, TestData.protoPlusCe(), 7);
             PairWorker rows = new PairWorker();
             LeanEncoder host = new LeanEncoder(spec, DataType.FLOAT, rows, true);
             LeanEncoder nd4j = new LeanEncoder(spec, DataType.FLOAT, rows, false)) {
            // 1 and 2 frames (after pooling by 4), odd lengths, and a short one after long ones (buffers shrink back)
            for (int frames : new int[] {3, 7, 45, 130, 17, 1}) {
                FeatureMatrix u = TestData.noise("u" + frames, frames, inputs, rng.nextGaussian(), rng);
                float[] pooled = TemporalPooling.pool(u, spec.poolSteps());
                int pooledFrames = pooled.length / inputs;
                float[] viaHost = host.forward(model.params(), pooled, pooledFrames, inputs, false);
                float[] viaNd4j = nd4j.forward(model.params(), pooled, pooledFrames, inputs, false);
                float[] viaGraph = model.embedInBucket(List.of(u), spec.bucketOf(frames))[0];
                assertThat(viaHost).hasSize(dim);
                assertClose(viaHost, viaNd4j, 2e-5);
                assertClose(viaHost, viaGraph, 2e-5);
                assertClose(host.forward(model.params(), pooled, pooledFrames, inputs, true),
                        nd4j.forward(model.params(), pooled, pooledFrames, inputs, true), 2e-5);
            }
        }
    }

    @Test
    void hostPassFollowsTrainingUpdates() {
        // nothing derived from the parameters may be kept between calls: Adamax changes them in place
        EncoderSpec spec = new EncoderSpec("gru-transformer", 2, 6, 4, 1, 2, 8, 0.1, 3, 2, 3, 2, 3, 4);
        Random rng = new Random(3);
        List<FeatureMatrix> episode = TestData.clusters(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 2, 20, 40, rng);
        FeatureMatrix query = TestData.noise("q", 33, 3, 0.2, rng);
        try (EncoderModel model = EncoderModel.create(spec, 3, CLASSES, null, TestData.protoPlusCe(), 5)) {
            float[] before = model.embed(List.of(query))[0];
            for (int step = 0; step < 3; step++) {
                assertThat(model.trainStep(episode, TestData.episodeLabels(3, 2), 3, 2, 0.05).finite()).isTrue();
            }
            float[] after = model.embed(List.of(query))[0];
            assertClose(after, model.embedInBucket(List.of(query), spec.bucketOf(33))[0], 2e-5);
            double moved = 0;
            for (int i = 0; i < after.length; i++) {
                moved = Math.max(moved, Math.abs(after[i] - before[i]));
            }
            assertThat(moved).as("training moved the embedding").isGreaterThan(1e-3);
        }
    }

    @Test
    void doubleModelsTakeTheNd4jPass() {
        EncoderSpec spec = new EncoderSpec("gru-transformer", 2, 5, 4, 1, 2, 9, 0.1, 3, 2, 3, 2, 3, 4);
        assertThat(HostForward.supports(DataType.DOUBLE)).isFalse();
        assertThat(HostForward.supports(DataType.FLOAT)).isTrue();
        assertThatThrownBy(() -> new LeanEncoder(spec, DataType.DOUBLE, null, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("float model");
        FeatureMatrix u = TestData.noise("u", 29, 3, 0.1, new Random(4));
        try (EncoderModel model = EncoderModel.create(spec, 3, CLASSES, null, TestData.protoPlusCe(), 2, DataType.DOUBLE)) {
            assertClose(model.embed(List.of(u))[0], model.embedInBucket(List.of(u), spec.bucketOf(29))[0], 1e-9);
        }
    }

    @Test
    void rejectsPooledFramesOfTheWrongSize() {
        EncoderSpec spec = new EncoderSpec("transformer", 2, 5, 4, 1, 2, 9, 0.1, 3, 2, 3, 2, 3, 4);
        try (EncoderModel model = EncoderModel.create(spec, 3, CLASSES, null, TestData.protoPlusCe(), 2);
             HostForward host = new HostForward(spec)) {
            assertThatThrownBy(() -> host.embed(model.params(), new float[10], 4, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 x 3");
            assertThatThrownBy(() -> host.embed(model.params(), new float[0], 0, 3))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new HostForward(TestData.tiny("blstm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blstm");
    }

    private static void assertClose(float[] actual, float[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertThat((double) Math.abs(actual[i] - expected[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tolerance * scale);
        }
    }
}
