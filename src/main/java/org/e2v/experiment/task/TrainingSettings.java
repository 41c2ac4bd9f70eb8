package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Optimiser, schedule and episodic batches (Sec. 4.1.3). */
public record TrainingSettings(
        @JsonProperty("epochs") @JsonPropertyDescription("Training epochs (the paper: 100).")
        Integer epochs,
        @JsonProperty("learning_rate") @JsonPropertyDescription("Initial Adamax learning rate (the paper: 0.001).")
        Double learningRate,
        @JsonProperty("lr_step_epochs") @JsonPropertyDescription("Divide the learning rate every this many epochs (the paper: 20).")
        Integer lrStepEpochs,
        @JsonProperty("lr_step_factor") @JsonPropertyDescription("Factor applied at each step (the paper: 0.1, i.e. divided by 10).")
        Double lrStepFactor,
        @JsonProperty("per_class") @JsonPropertyDescription("N: utterances of each class in an episodic batch (the paper: 10).")
        Integer perClass,
        @JsonProperty("episodes_per_epoch") @JsonPropertyDescription("Episodes per epoch; 0 = enough to see the training set about once.")
        Integer episodesPerEpoch,
        @JsonProperty("early_stopping") @JsonPropertyDescription("Stop after this many epochs without a better validation UAR (0 = never).")
        Integer earlyStopping,
        @JsonProperty("checkpoint_every") @JsonPropertyDescription("Write a resumable checkpoint every this many epochs.")
        Integer checkpointEvery,
        @JsonProperty("validate") @JsonPropertyDescription("Compute validation UAR every epoch and keep the best epoch's weights.")
        Boolean validate) {

    public TrainingSettings {
        epochs = epochs == null ? 100 : epochs;
        learningRate = learningRate == null ? 1e-3 : learningRate;
        lrStepEpochs = lrStepEpochs == null ? 20 : lrStepEpochs;
        lrStepFactor = lrStepFactor == null ? 0.1 : lrStepFactor;
        perClass = perClass == null ? 10 : perClass;
        episodesPerEpoch = episodesPerEpoch == null ? 0 : episodesPerEpoch;
        earlyStopping = earlyStopping == null ? 0 : earlyStopping;
        checkpointEvery = checkpointEvery == null ? 1 : checkpointEvery;
        validate = validate == null || validate;
    }

    /** Learning rate of a (0-based) epoch: lr * factor^floor(epoch / step). */
    public double learningRateAt(int epoch) {
        return learningRate * Math.pow(lrStepFactor, lrStepEpochs <= 0 ? 0 : epoch / lrStepEpochs);
    }
}
