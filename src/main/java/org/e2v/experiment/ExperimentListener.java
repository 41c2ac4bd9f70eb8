package org.e2v.experiment;

import org.e2v.common.Progress;
import org.e2v.common.ProgressSink;
import org.e2v.train.TrainingListener;

/** Receives an experiment's progress: stages, extraction/embedding progress and training progress. */
public interface ExperimentListener extends TrainingListener, ProgressSink {
    ExperimentListener NONE = new ExperimentListener() {
    };

    /** A new stage begins ("load corpus", "features", "pretrain fold 1", "verify", ...). */
    default void onStage(String stage) {
    }

    /** The run directory is known (created, or opened to resume); before any training. */
    default void onRunDirectory(java.nio.file.Path runDir) {
    }

    @Override
    default void report(Progress progress) {
    }
}
