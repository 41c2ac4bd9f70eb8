package org.e2v.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param bestModel         model file of the best validation epoch (the last epoch without validation)
 * @param checkpoint        the resumable checkpoint
 * @param epochsCompleted   epochs fully completed
 * @param bestEpoch         0-based epoch of the best model
 * @param bestValidationUar its validation UAR (NaN without validation)
 * @param history           one record per completed epoch
 * @param stopReason        why training ended
 * @param message           human-readable account of the stop
 * @param elapsedMs         wall time of this session
 */
public record TrainingResult(Path bestModel, Path checkpoint, int epochsCompleted, int bestEpoch,
                            double bestValidationUar, List<EpochProgress> history, StopReason stopReason,
                            String message, long elapsedMs) {
    /** Why training ended. */
    public enum StopReason { COMPLETED, EARLY_STOPPED, CANCELLED, NON_FINITE_LOSS }
}
