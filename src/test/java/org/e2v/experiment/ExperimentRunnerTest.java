package org.e2v.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.experiment.task.TaskFiles;
import org.e2v.experiment.task.TaskSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs on a tiny synthetic corpus with a tiny encoder (seconds, not minutes). */
class ExperimentRunnerTest {
    @TempDir
    static Path dir;
    static Path manifest;

    @BeforeAll
    static void corpus() throws IOException {
        manifest = SyntheticCorpus.write(dir.resolve("corpus"), List.of("angry", "happy", "neutral", "sad", "frustrated"),
                4, 4, 0.5);
    }

    static TaskSpec task(String analyses) throws IOException {
        Path f = dir.resolve("task-" + Math.abs(analyses.hashCode()) + ".yaml");
        Files.writeString(f, """
                name: tiny
                seed: 3
                corpus: {path: %s}
                features: {extractor: mfcc, normalization: utterance, max_frames: 64}
                pretrain:
                  encoder: {type: gru-transformer, gru_hidden: 8, model_dim: 8, heads: 2, ff_dim: 16, dropout: 0.0}
                  training: {epochs: 2, per_class: 3, episodes_per_epoch: 2, lr_step_epochs: 1}
                task: {classes: [neutral, frustrated], enroll_count: 2, repeats: 3}
                analyses: {%s}
                """.formatted(manifest.toString(), analyses));
        return TaskFiles.load(f);
    }

    private static RunResult run(TaskSpec t, String out) {
        return new ExperimentRunner().run(t, null, new RunOptions(dir.resolve(out), null, null, null),
                ExperimentListener.NONE, CancellationToken.NONE);
    }

    @Test
    void runDirectoryHoldsProvenanceMetricsPredictionsEmbeddingsModelAndCharts() throws IOException {
        RunResult r = run(task("baseline_all: true, enrollment_curve: [1, 2], label_confidence: true, task_pairs: ['sad,frustrated']"), "a");
        Path run = r.runDir();
        for (String f : List.of("run.json", "metrics.json", "task.yaml", "predictions.csv", "embeddings.npy", "embeddings.csv",
                "prototypes.npy", "enrolled.csv", "model.e2vm", "charts/confusion.png", "charts/training.png",
                "charts/embeddings-pca.png", "charts/enrollment-curve.png", "charts/label-confidence.png",
                "charts/polar-neutral-vs-frustrated.png")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
            assertThat(Files.size(run.resolve(f))).as(f).isPositive();
        }
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertThat(metrics.at("/pretrain/uar").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.at("/verify/uar").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.at("/verify/weighted_f1").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.at("/baseline_all/uar").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.at("/baseline_all/mcnemar_vs_enroll_to_verify/p_exact").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.at("/enrollment_curve/2/draws").asInt()).isEqualTo(10);
        assertThat(metrics.at("/task_pairs").has("sad vs frustrated")).isTrue();
        assertThat(metrics.at("/label_confidence").size()).isPositive();
        JsonNode prov = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(prov.at("/seeds/master").asLong()).isEqualTo(3);
        assertThat(prov.at("/corpus/per_class/frustrated").asInt()).isEqualTo(16);
        assertThat(prov.at("/corpus/hash").asText()).hasSize(64);
        assertThat(prov.at("/versions/nd4j_backend_kind").asText()).isEqualTo("cpu");
        assertThat(prov.at("/versions/blas").asText()).matches("(?i)openblas \\d+\\.\\d+.*");
        assertThat(prov.at("/machine/OMP_WAIT_POLICY").isTextual()).isTrue();
        assertThat(prov.at("/features/config/kind").asText()).isEqualTo("mfcc");
        List<String> predictions = Files.readAllLines(run.resolve("predictions.csv"));
        assertThat(predictions.get(0)).startsWith("id,y_true,y_pred,fold,d_neutral,d_frustrated");
        assertThat(predictions).hasSize(1 + 8); // 4 test utterances each of neutral and frustrated
        // The run's own task file reproduces it.
        assertThat(TaskFiles.load(run.resolve("task.yaml")).seed()).isEqualTo(3L);
    }

    @Test
    void sameTaskAndSeedGiveTheSameMetrics() throws IOException {
        TaskSpec t = task("polar_histogram: false");
        JsonNode a = new ObjectMapper().valueToTree(run(t, "b1").metrics());
        JsonNode b = new ObjectMapper().valueToTree(run(t, "b2").metrics());
        assertThat(a).isEqualTo(b);
    }

    @Test
    void marginSweepTrainsOneEncoderPerMarginAndChartsIt() throws IOException {
        RunResult r = run(task("margin_sweep: [-0.2, 0.0, 0.2], polar_histogram: false"), "c");
        JsonNode metrics = new ObjectMapper().valueToTree(r.metrics());
        assertThat(metrics.at("/margin_sweep").size()).isEqualTo(3);
        assertThat(r.runDir().resolve("models/main/margin_-0.20/best.e2vm")).isRegularFile();
        assertThat(r.runDir().resolve("charts/margin-sweep.png")).isRegularFile();
        assertThat(r.runDir().resolve("charts/margin-sweep.csv")).isRegularFile();
    }

    @Test
    void comparisonsTrainOneEncoderPerLossEncoderAndClassSet() throws IOException {
        RunResult r = run(task("polar_histogram: false, loss_comparison: [sm, triplet], encoder_comparison: [blstm],"
                + " pretrain_classes: ['angry,neutral,sad']"), "f");
        JsonNode m = new ObjectMapper().valueToTree(r.metrics());
        for (String path : List.of("/loss_comparison/sm", "/loss_comparison/triplet", "/encoder_comparison/blstm",
                "/pretrain_classes/angry,neutral,sad")) {
            assertThat(m.at(path + "/verify_uar").asDouble()).as(path).isBetween(0.0, 1.0);
            assertThat(m.at(path + "/pretrain_uar").asDouble()).as(path).isBetween(0.0, 1.0);
        }
        assertThat(r.runDir().resolve("models/main/loss_triplet/best.e2vm")).isRegularFile();
        assertThat(r.runDir().resolve("models/main/encoder_blstm/best.e2vm")).isRegularFile();
        assertThat(r.runDir().resolve("models/main/pretrain_angry-neutral-sad/best.e2vm")).isRegularFile();
    }

    @Test
    void enrollingMoreSamplesThanTheValidationPartHoldsIsAClearError() throws IOException {
        TaskSpec t = task("polar_histogram: false");
        TaskSpec tooMany = new TaskSpec(t.name(), t.seed(), t.corpus(), t.features(), t.splits(), t.pretrain(),
                new org.e2v.experiment.task.NewTaskSpec(t.task().classes(), null, null, 50, 1, null, null), t.analyses());
        E2vException e = assertThrows(E2vException.class, () -> run(tooMany, "d"));
        assertThat(e.getMessage()).contains("cannot enroll 50 samples of class 'neutral'").contains("has 4 utterances");
    }

    @Test
    void aTaskClassMissingFromTheCorpusIsAClearError() throws IOException {
        TaskSpec t = task("polar_histogram: false");
        TaskSpec missing = new TaskSpec(t.name(), t.seed(), t.corpus(), t.features(), t.splits(), t.pretrain(),
                new org.e2v.experiment.task.NewTaskSpec(List.of("neutral", "disgust"), null, null, 2, 1, null, null), t.analyses());
        E2vException e = assertThrows(E2vException.class, () -> run(missing, "e"));
        assertThat(e.getMessage()).contains("no utterances of class(es) [disgust]");
    }

    @Test
    void aCancelledRunResumedInItsDirectoryEndsWithTheUninterruptedMetrics() throws IOException {
        TaskSpec t = task("baseline_all: true, polar_histogram: false");
        JsonNode uninterrupted = new ObjectMapper().valueToTree(run(t, "r-full").metrics());

        // Cancel in the second epoch of the pretraining (2 epochs x 2 steps), between two steps.
        CancellationToken cancel = new CancellationToken();
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        ExperimentListener stopAfterThreeSteps = new ExperimentListener() {
            @Override
            public void onStep(org.e2v.train.EpochProgress p) {
                if (steps.incrementAndGet() == 3) {
                    cancel.cancel();
                }
            }
        };
        Path out = dir.resolve("r-cut");
        assertThrows(org.e2v.common.CancelledException.class, () -> new ExperimentRunner().run(t, null,
                new RunOptions(out, null, null, null), stopAfterThreeSteps, cancel));
        Path runDir;
        try (var listing = Files.list(out)) {
            runDir = listing.findFirst().orElseThrow();
        }
        Path stage = runDir.resolve("models/main/pretrain");
        assertThat(stage.resolve("checkpoint.json")).isRegularFile();
        assertThat(new ObjectMapper().readTree(stage.resolve("checkpoint.json").toFile()).at("/epoch").asInt()).isEqualTo(1);
        assertThat(runDir.resolve("metrics.json")).doesNotExist();

        java.util.List<String> messages = new java.util.ArrayList<>();
        RunResult resumed = new ExperimentRunner().resume(runDir, null, new ExperimentListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        }, CancellationToken.NONE);
        assertThat(resumed.runDir()).isEqualTo(runDir);
        assertThat(messages).anyMatch(m -> m.startsWith("resumed from epoch 2, step 1"));
        assertThat((JsonNode) new ObjectMapper().valueToTree(resumed.metrics())).isEqualTo(uninterrupted);
        assertThat(new ObjectMapper().readTree(runDir.resolve("run.json").toFile()).at("/resumed").asBoolean()).isTrue();

        // A finished run is not resumed again, and the message says how to start a new one.
        org.e2v.common.InputException again = assertThrows(org.e2v.common.InputException.class,
                () -> new ExperimentRunner().resume(runDir, null, ExperimentListener.NONE, CancellationToken.NONE));
        assertThat(again.getMessage()).contains("has already finished").contains("e2v run " + runDir.resolve("task.yaml"));
    }

    @Test
    void resumingKeepsFinishedStagesWithoutTrainingThemAgain() throws IOException {
        TaskSpec t = task("baseline_all: true, polar_histogram: false");
        // Cancel at the first step of the second stage (baseline All): pretraining has finished.
        CancellationToken cancel = new CancellationToken();
        java.util.List<String> stages = new java.util.ArrayList<>();
        ExperimentListener cutInBaseline = new ExperimentListener() {
            @Override
            public void onStage(String stage) {
                stages.add(stage);
                if (stage.startsWith("baseline All")) {
                    cancel.cancel();
                }
            }
        };
        Path out = dir.resolve("s-cut");
        assertThrows(org.e2v.common.CancelledException.class, () -> new ExperimentRunner().run(t, null,
                new RunOptions(out, null, null, null), cutInBaseline, cancel));
        Path runDir;
        try (var listing = Files.list(out)) {
            runDir = listing.findFirst().orElseThrow();
        }
        Path best = runDir.resolve("models/main/pretrain/best.e2vm");
        long modified = Files.getLastModifiedTime(best).toMillis();
        java.util.concurrent.atomic.AtomicInteger pretrainSteps = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> current = new java.util.concurrent.atomic.AtomicReference<>("");
        new ExperimentRunner().resume(runDir, null, new ExperimentListener() {
            @Override
            public void onStage(String stage) {
                current.set(stage);
            }

            @Override
            public void onStep(org.e2v.train.EpochProgress p) {
                if (current.get().startsWith("pretrain")) {
                    pretrainSteps.incrementAndGet();
                }
            }
        }, CancellationToken.NONE);
        assertThat(pretrainSteps).hasValue(0);
        assertThat(Files.getLastModifiedTime(best).toMillis()).isEqualTo(modified);
        assertThat(runDir.resolve("models/main/baseline-all/best.e2vm")).isRegularFile();
        assertThat(runDir.resolve("metrics.json")).isRegularFile();
    }
}
