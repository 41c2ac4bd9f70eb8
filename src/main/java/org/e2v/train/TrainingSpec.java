package org.e2v.train;

/**
 * How to train (Sec. 4.1.3): Adamax, learning rate divided by 10 every 20 epochs, episodic
 * batches of N utterances from each of K classes.
 *
 * @param epochs           epochs to run
 * @param learningRate     initial learning rate
 * @param lrStepEpochs     the learning rate is multiplied by {@code lrStepFactor} every this many epochs (0 = constant)
 * @param lrStepFactor     factor of each step
 * @param perClass         N, utterances per class per episode
 * @param episodesPerEpoch episodes per epoch; 0 = ceil(training utterances / (K * N))
 * @param earlyStopping    stop after this many epochs without a better validation UAR (0 = never)
 * @param checkpointEvery  write a resumable checkpoint every this many epochs
 * @param validate         compute validation UAR per epoch and keep the best epoch's weights
 * @param maxFrames        crop training utterances to this many frames (random offset; 0 = no crop)
 * @param initSeed         seed of the parameter initialisation and dropout
 * @param samplerSeed      seed of episode sampling and crops
 */
public record TrainingSpec(int epochs, double learningRate, int lrStepEpochs, double lrStepFactor, int perClass,
                           int episodesPerEpoch, int earlyStopping, int checkpointEvery, boolean validate,
                           int maxFrames, long initSeed, long samplerSeed) {
    public TrainingSpec {
        if (epochs < 1 || perClass < 2 || checkpointEvery < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("invalid training spec: epochs >= 1, per_class >= 2, "
                    + "checkpoint_every >= 1 and learning_rate > 0 are required");
        }
    }

    /** Learning rate of a 0-based epoch: lr * factor^floor(epoch / step). */
    public double learningRateAt(int epoch) {
        return learningRate * Math.pow(lrStepFactor, lrStepEpochs <= 0 ? 0 : epoch / lrStepEpochs);
    }
}
