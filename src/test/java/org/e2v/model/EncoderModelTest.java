package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.e2v.cli.SameDiffNoiseFilter;
import org.e2v.common.InputException;
import org.e2v.domain.FeatureMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncoderModelTest {
    private static final List<String> CLASSES = List.of("angry", "happy", "neutral", "sad");

    @BeforeAll
    static void quiet() {
        SameDiffNoiseFilter.install();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru-transformer", "transformer", "blstm", "blstm-netvlad", "cnn-netvlad"})
    void paddingAndBatchCompanionsDoNotChangeAnEmbedding(String type) {
        Random rng = new Random(1);
        FeatureMatrix shortOne = TestData.noise("short", 23, 3, 0.5, rng);
        FeatureMatrix longOne = TestData.noise("long", 61, 3, -0.5, rng);
        try (EncoderModel model = EncoderModel.create(TestData.tiny(type).withDropout(0.1), 3, CLASSES, null, null, 9)) {
            float[] alone = model.embed(List.of(shortOne))[0];
            // pooled length 6 -> bucket 8 alone; 24 frames of padding in the forced bucket
            float[] padded = model.embedInBucket(List.of(shortOne), 32)[0];
            float[][] together = model.embedInBucket(List.of(longOne, shortOne), 16);
            assertThat(alone).hasSize(model.embeddingDims());
            assertClose(padded, alone, 1e-5);
            assertClose(together[1], alone, 1e-5);
            assertThat(distance(together[0], alone)).as("a different utterance embeds differently").isGreaterThan(1e-3);
        }
    }

    @Test
    void evaluationBatchesCollectGarbageOnlyAfterResidentMemoryGrew() {
        Random rng = new Random(5);
        List<FeatureMatrix> batch = List.of(TestData.noise("a", 30, 3, 0, rng), TestData.noise("b", 31, 3, 0, rng));
        try (EncoderModel model = EncoderModel.create(TestData.tiny("gru-transformer"), 3, CLASSES, null, null, 9)) {
            model.embed(batch);
            model.embed(batch);
            assertThat(model.collections()).as("first batch takes the baseline; 256 MB growth not reached").isZero();
            model.nativeGrowthBeforeGc(-1);
            model.embed(batch);
            model.logits(batch);
            assertThat(model.collections()).isEqualTo(2);
            model.embed(List.of(batch.get(0))); // a single utterance takes the lean path: no batch, no check
            assertThat(model.collections()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru-transformer", "blstm"})
    void evaluationPathReproducesTheTrainGraph(String type) {
        // gru-transformer evaluates its GRU outside SameDiff (DirectGru); it must match the graph
        // (a batch of 6 takes DirectGru's ND4J loop, single utterances its Java loop)
        List<FeatureMatrix> episode = TestData.clusters(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 2, 9, 40,
                new Random(6));
        try (EncoderModel model = EncoderModel.create(TestData.tiny(type).withDropout(0.2), 3, List.of("a", "b", "c"),
                null, TestData.protoPlusCe(), 8)) {
            float[][] viaTrainGraph = model.embedWithTrainGraph(episode, TestData.episodeLabels(3, 2), 3, 2);
            int bucket = model.spec().bucketOf(40);
            float[][] viaEval = model.embedInBucket(episode, bucket);
            for (int i = 0; i < episode.size(); i++) {
                assertClose(viaEval[i], viaTrainGraph[i], 1e-5);
                assertClose(model.embedInBucket(List.of(episode.get(i)), bucket)[0], viaTrainGraph[i], 1e-5);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru-transformer", "transformer"})
    void leanSingleUtterancePathMatchesTheBucketGraphAndTheTrainGraphWithoutDropout(String type) {
        // GRU width 5 != model dim 4 (projection), 2 layers, 2 heads, dropout 0.1 in training
        EncoderSpec spec = new EncoderSpec(type, 2, 5, 4, 2, 2, 6, 0.1, 3, 2, 3, 2, 3, 4);
        List<FeatureMatrix> episode = TestData.clusters(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 2, 9, 41,
                new Random(12));
        try (EncoderModel model = EncoderModel.create(spec, 3, List.of("a", "b", "c"), null, TestData.protoPlusCe(), 4)) {
            float[][] viaTrainGraph = model.embedWithTrainGraph(episode, TestData.episodeLabels(3, 2), 3, 2);
            for (int i = 0; i < episode.size(); i++) {
                FeatureMatrix u = episode.get(i);
                float[] lean = model.embed(List.of(u))[0];
                float[] graph = model.embedInBucket(List.of(u), spec.bucketOf(u.frames()))[0];
                assertClose(lean, graph, 1e-5);
                assertClose(lean, viaTrainGraph[i], 1e-5);
                // logits: the lean head against row 0 of a two-utterance graph batch in the same bucket
                float[] leanLogits = model.logits(List.of(u))[0];
                float[] graphLogits = model.logits(List.of(u, u))[0];
                assertClose(leanLogits, graphLogits, 1e-5);
            }
            assertThat(distance(model.embed(List.of(episode.get(0)))[0], model.embed(List.of(episode.get(5)))[0]))
                    .as("different utterances embed differently").isGreaterThan(1e-3);
        }
    }

    @Test
    void embeddingSizesFollowTheSpec() {
        int[] expected = {4, 4, 6, 4, 4};
        for (int i = 0; i < EncoderSpec.TYPES.size(); i++) {
            try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.TYPES.get(i)), 3, CLASSES, null, null, 1)) {
                assertThat(model.embeddingDims()).as(EncoderSpec.TYPES.get(i)).isEqualTo(expected[i]);
                float[][] logits = model.logits(List.of(TestData.noise("u", 10, 3, 0, new Random(2))));
                assertThat(logits[0]).hasSize(CLASSES.size());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru-transformer", "blstm-netvlad"})
    void lossFallsOnSeparableClusters(String type) {
        Random rng = new Random(5);
        double[][] centres = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, -1, -1}};
        EncoderSpec spec = new EncoderSpec(type, 2, 8, 8, 1, 2, 16, 0.1, 6, 4, 6, 1, 3, 8);
        try (EncoderModel model = EncoderModel.create(spec, 3, CLASSES, LossSpec.of("proto", 0), TestData.protoPlusCe(), 3)) {
            List<Double> losses = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                List<FeatureMatrix> episode = TestData.clusters(centres, 3, 12, 30, rng);
                StepResult r = model.trainStep(episode, TestData.episodeLabels(4, 3), 4, 3, 0.01);
                assertThat(r.finite()).isTrue();
                assertThat(r.loss()).isCloseTo(r.ceLoss() + r.metricLoss(), org.assertj.core.data.Offset.offset(1e-4));
                losses.add(r.loss());
            }
            double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(last).as("losses %s", losses).isLessThan(0.5 * first);
            assertThat(model.steps()).isEqualTo(40);
        }
    }

    @Test
    void sameSeedGivesSameParametersAndSameSteps() {
        double[][] centres = {{1, 0, 0}, {0, 1, 0}};
        EncoderSpec spec = TestData.tiny(EncoderSpec.GRU_TRANSFORMER).withDropout(0.3);
        try (EncoderModel a = EncoderModel.create(spec, 3, List.of("a", "b"), null, TestData.protoPlusCe(), 77);
             EncoderModel b = EncoderModel.create(spec, 3, List.of("a", "b"), null, TestData.protoPlusCe(), 77);
             EncoderModel c = EncoderModel.create(spec, 3, List.of("a", "b"), null, TestData.protoPlusCe(), 78)) {
            List<FeatureMatrix> probe = TestData.clusters(centres, 1, 9, 9, new Random(1));
            assertThat(a.embed(probe)).isDeepEqualTo(b.embed(probe));
            assertThat(distance(a.embed(probe)[0], c.embed(probe)[0])).isGreaterThan(1e-3);
            for (int step = 0; step < 3; step++) {
                List<FeatureMatrix> episode = TestData.clusters(centres, 2, 9, 20, new Random(step));
                StepResult ra = a.trainStep(episode, TestData.episodeLabels(2, 2), 2, 2, 0.01);
                StepResult rb = b.trainStep(episode, TestData.episodeLabels(2, 2), 2, 2, 0.01);
                assertThat(ra).isEqualTo(rb);
            }
            assertThat(a.embed(probe)).isDeepEqualTo(b.embed(probe));
        }
    }

    @Test
    void trainingOneBucketUpdatesEveryBucket() {
        double[][] centres = {{1, 0, 0}, {0, 1, 0}};
        try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.BLSTM), 3, List.of("a", "b"), null,
                TestData.protoPlusCe(), 4)) {
            FeatureMatrix longUtterance = TestData.noise("long", 70, 3, 0.2, new Random(3));
            float[] before = model.embed(List.of(longUtterance))[0];
            // trains only in the bucket of 9..12-frame utterances (pooled 3 -> bucket 4)
            model.trainStep(TestData.clusters(centres, 2, 9, 12, new Random(4)), TestData.episodeLabels(2, 2), 2, 2, 0.05);
            float[] after = model.embed(List.of(longUtterance))[0];
            assertThat(distance(before, after)).isGreaterThan(1e-4);
        }
    }

    @Test
    void featuresOfTheWrongDimensionAreRejectedClearly() {
        try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.TRANSFORMER), 3, CLASSES, null, null, 1)) {
            assertThatThrownBy(() -> model.embed(List.of(TestData.noise("utt7", 10, 5, 0, new Random(1)))))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("expects 3-dimensional features")
                    .hasMessageContaining("utt7 has 5");
            assertThatThrownBy(() -> model.embed(List.of(new FeatureMatrix("empty", 0, 3, new float[0]))))
                    .isInstanceOf(InputException.class).hasMessageContaining("no frames");
        }
    }

    @Test
    void trainingWithoutALossIsRefused() {
        try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.BLSTM), 3, List.of("a", "b"), null, null, 1)) {
            List<FeatureMatrix> ep = TestData.clusters(new double[][] {{0, 0, 0}, {1, 1, 1}}, 1, 5, 5, new Random(1));
            assertThatThrownBy(() -> model.trainStep(ep, new int[] {0, 1}, 2, 1, 0.001))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("without a training loss");
        }
    }

    @Test
    void pooledLengthsAndBucketsFollowTheSpec() {
        EncoderSpec spec = EncoderSpec.paperMeld();
        assertThat(spec.pooledFrames(300)).isEqualTo(75);
        assertThat(spec.pooledFrames(301)).isEqualTo(76);
        assertThat(spec.bucketOf(300)).isEqualTo(80);
        assertThat(spec.bucketOf(1)).isEqualTo(16);
        float[] pooled = TemporalPooling.pool(new FeatureMatrix("u", 5, 1, new float[] {1, 3, 5, 7, 9}), 2);
        // step 1: (1+3)/2, (5+7)/2, 9 -> step 2: (2+6)/2, 9
        assertThat(pooled).containsExactly(4f, 9f);
    }

    static void assertClose(float[] actual, float[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tol));
        }
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
