package org.e2v.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.e2v.common.CancellationToken;
import org.e2v.domain.FeatureMatrix;
import org.e2v.model.EncoderSpec;
import org.e2v.model.LossSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path dir;

    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** Three classes of short sequences separable by their mean. */
    private static List<Sample> samples(int perClass, long seed) {
        Random rng = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perClass; i++) {
                int frames = 12 + rng.nextInt(8);
                float[] data = new float[frames * 4];
                for (int k = 0; k < data.length; k++) {
                    data[k] = (float) (rng.nextGaussian() * 0.5 + (k % 4 == c ? 1.5 : 0));
                }
                out.add(new Sample("u" + c + "_" + i + "_" + seed, new FeatureMatrix("u" + c + "_" + i, frames, 4, data), c));
            }
        }
        return out;
    }

    private static TrainingJob job(int epochs, double lr, int earlyStopping) {
        EncoderSpec enc = new EncoderSpec("gru-transformer", 1, 8, 8, 1, 2, 16, 0.0, 8, 4, 8, 1, 3, 8);
        TrainingSpec spec = new TrainingSpec(epochs, lr, 0, 1.0, 3, 3, earlyStopping, 1, true, 16, 11, 12);
        return new TrainingJob(enc, LossSpec.namp(), spec, CLASSES, 4, samples(6, 1), samples(3, 2), Map.of("kind", "test"));
    }

    @Test
    void completesKeepsTheBestEpochAndReportsEveryStep() {
        AtomicInteger steps = new AtomicInteger();
        TrainingResult r = new Trainer().train(job(3, 1e-2, 0), dir, false, new TrainingListener() {
            @Override
            public void onStep(EpochProgress p) {
                steps.incrementAndGet();
            }
        }, CancellationToken.NONE);
        assertThat(r.stopReason()).isEqualTo(TrainingResult.StopReason.COMPLETED);
        assertThat(steps.get()).isEqualTo(9);
        assertThat(r.history()).hasSize(3);
        assertThat(r.bestModel()).isRegularFile();
        double bestSeen = r.history().stream().mapToDouble(EpochProgress::validationUar).max().orElseThrow();
        assertThat(r.bestValidationUar()).isEqualTo(bestSeen);
        assertThat(r.history().get(r.bestEpoch()).validationUar()).isEqualTo(bestSeen);
    }

    @Test
    void cancelLeavesACheckpointAndResumeReachesTheSameResultAsAnUninterruptedRun() {
        TrainingResult straight = new Trainer().train(job(2, 1e-2, 0), dir.resolve("straight"), false, TrainingListener.NONE,
                CancellationToken.NONE);
        CancellationToken cancel = new CancellationToken();
        AtomicInteger steps = new AtomicInteger();
        TrainingResult cut = new Trainer().train(job(2, 1e-2, 0), dir.resolve("cut"), false, new TrainingListener() {
            @Override
            public void onStep(EpochProgress p) {
                if (steps.incrementAndGet() == 4) {
                    cancel.cancel();
                }
            }
        }, cancel);
        assertThat(cut.stopReason()).isEqualTo(TrainingResult.StopReason.CANCELLED);
        assertThat(cut.checkpoint()).isRegularFile();
        assertThat(cut.message()).contains("epoch 2, step 2");
        TrainingResult resumed = new Trainer().train(job(2, 1e-2, 0), dir.resolve("cut"), true, TrainingListener.NONE,
                CancellationToken.NONE);
        assertThat(resumed.stopReason()).isEqualTo(TrainingResult.StopReason.COMPLETED);
        assertThat(resumed.history()).hasSize(2);
        for (int e = 0; e < 2; e++) {
            assertThat(resumed.history().get(e).validationUar()).isEqualTo(straight.history().get(e).validationUar());
        }
        assertThat(resumed.history().get(1).loss()).isCloseTo(straight.history().get(1).loss(),
                org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void aNonFiniteLossStopsCleanlyAndKeepsTheLastGoodCheckpoint() throws Exception {
        TrainingResult good = new Trainer().train(job(1, 1e-2, 0), dir, false, TrainingListener.NONE, CancellationToken.NONE);
        Path goodCheckpoint = good.checkpoint();
        byte[] goodBytes = Files.readAllBytes(goodCheckpoint);
        // Continue for more epochs on data where one utterance went bad (an infinite frame value).
        TrainingJob clean = job(3, 1e-2, 0);
        List<Sample> poisoned = new ArrayList<>(clean.train());
        Sample s = poisoned.get(0);
        float[] data = s.features().data().clone();
        data[0] = Float.POSITIVE_INFINITY;
        poisoned.set(0, new Sample(s.id(), new FeatureMatrix(s.features().utteranceId(), s.features().frames(), 4, data), s.label()));
        TrainingJob bad = new TrainingJob(clean.encoder(), clean.loss(), clean.training(), clean.classes(), 4, poisoned,
                clean.validation(), clean.featureConfig());
        TrainingResult r = new Trainer().train(bad, dir, true, TrainingListener.NONE, CancellationToken.NONE);
        assertThat(r.stopReason()).isEqualTo(TrainingResult.StopReason.NON_FINITE_LOSS);
        assertThat(r.message()).contains("training stopped").contains("lower learning rate").contains("epoch 2");
        assertThat(r.checkpoint()).isEqualTo(goodCheckpoint);
        assertThat(Files.readAllBytes(r.checkpoint())).isEqualTo(goodBytes);
        assertThat(r.epochsCompleted()).isEqualTo(1);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void earlyStoppingEndsAfterEpochsWithoutImprovement() {
        TrainingResult r = new Trainer().train(job(30, 1e-9, 2), dir, false, TrainingListener.NONE, CancellationToken.NONE);
        assertThat(r.stopReason()).isEqualTo(TrainingResult.StopReason.EARLY_STOPPED);
        assertThat(r.epochsCompleted()).isLessThan(30);
        assertThat(r.epochsCompleted() - 1 - r.bestEpoch()).isEqualTo(2);
    }
}
