package org.e2v.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.common.CancellationToken;
import org.e2v.experiment.task.TaskFiles;

/** A tiny margin-sweep run on a synthetic corpus, for tests of code that reads run directories (seconds). */
public final class TinyRuns {
    private TinyRuns() {
    }

    /**
     * Runs a tiny task under {@code dir}: NAMP with m = -0.2 for the main encoder, a margin sweep
     * over [-0.2, 0.2], an enrollment curve over N_p in [1, 2], label confidence and polar
     * histograms, classes neutral vs frustrated.
     *
     * @return the run directory
     */
    public static Path marginSweepRun(Path dir) throws IOException {
        Path manifest = SyntheticCorpus.write(dir.resolve("corpus"), List.of("angry", "happy", "neutral", "sad", "frustrated"),
                4, 4, 0.5);
        Path task = dir.resolve("tiny-sweep.yaml");
        Files.writeString(task, """
                name: tiny-sweep
                seed: 3
                corpus: {path: %s}
                features: {extractor: mfcc, normalization: speaker, max_frames: 64}
                pretrain:
                  encoder: {type: gru-transformer, gru_hidden: 8, model_dim: 8, heads: 2, ff_dim: 16, dropout: 0.0}
                  loss: {name: namp, margin: -0.2}
                  training: {epochs: 2, per_class: 3, episodes_per_epoch: 2, lr_step_epochs: 1}
                task: {classes: [neutral, frustrated], enroll_count: 2, repeats: 3}
                analyses: {margin_sweep: [-0.2, 0.2], enrollment_curve: [1, 2], label_confidence: true, polar_histogram: true}
                """.formatted(manifest));
        return new ExperimentRunner().run(TaskFiles.load(task), task, new RunOptions(dir.resolve("runs"), null, null, null),
                ExperimentListener.NONE, CancellationToken.NONE).runDir();
    }
}
