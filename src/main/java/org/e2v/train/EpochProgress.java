package org.e2v.train;

/**
 * Progress of training, sent after every step and every epoch.
 *
 * @param epoch          0-based epoch
 * @param epochs         total epochs planned
 * @param step           1-based step within the epoch
 * @param steps          steps per epoch
 * @param loss           mean total loss of the epoch so far
 * @param ceLoss         mean cross-entropy part (NaN when the loss has none)
 * @param metricLoss     mean metric-learning part (NaN when the loss has none)
 * @param validationUar  validation UAR after the epoch (NaN during an epoch or without validation)
 * @param learningRate   learning rate in use
 * @param elapsedMs      time since training started (this session)
 */
public record EpochProgress(int epoch, int epochs, int step, int steps, double loss, double ceLoss, double metricLoss,
                            double validationUar, double learningRate, long elapsedMs) {
    public boolean endOfEpoch() {
        return step == steps;
    }
}
