package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One experiment: pretrain an encoder on the basic classes E, then enroll and verify the new
 * task E' (Algorithm 1), plus the analyses asked for.
 */
public record TaskSpec(
        @JsonProperty("name") @JsonPropertyDescription("Name of the experiment; names the run directory.")
        String name,
        @JsonProperty("seed") @JsonPropertyDescription("Master seed; the split, init, sampler and enrollment draws use named sub-seeds derived from it.")
        Long seed,
        @JsonProperty("corpus") @JsonPropertyDescription("Which corpus to load.")
        CorpusRef corpus,
        @JsonProperty("features") @JsonPropertyDescription("Frame features the encoder consumes.")
        FeaturesRef features,
        @JsonProperty("splits") @JsonPropertyDescription("How utterances are divided into train, validation (enrollment source) and test (queries).")
        SplitsRef splits,
        @JsonProperty("pretrain") @JsonPropertyDescription("The encoder pretrained on the basic classes E.")
        PretrainSpec pretrain,
        @JsonProperty("task") @JsonPropertyDescription("The new task E': its classes, where enrolled samples and queries come from.")
        NewTaskSpec task,
        @JsonProperty("analyses") @JsonPropertyDescription("Which analyses to run and their settings.")
        AnalysesSpec analyses) {

    public TaskSpec {
        name = name == null || name.isBlank() ? "experiment" : name.strip();
        seed = seed == null ? 42L : seed;
        corpus = corpus == null ? new CorpusRef(null, null, null) : corpus;
        features = features == null ? new FeaturesRef(null, null, null) : features;
        splits = splits == null ? new SplitsRef(null, null, null) : splits;
        pretrain = pretrain == null ? new PretrainSpec(null, null, null, null) : pretrain;
        task = task == null ? new NewTaskSpec(null, null, null, null, null, null, null) : task;
        analyses = analyses == null ? new AnalysesSpec(null, null, null, null, null, null, null, null, null, null) : analyses;
    }
}
