package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which frame features to extract or import. */
public record FeaturesRef(
        @JsonProperty("extractor") @JsonPropertyDescription("emobase, mfcc, logmel, or npy:<dir> to import precomputed features (e.g. vq-wav2vec), matched by utterance id.")
        String extractor,
        @JsonProperty("normalization") @JsonPropertyDescription("Mean/variance normalisation of the frames: none, utterance or speaker.")
        String normalization,
        @JsonProperty("max_frames") @JsonPropertyDescription("Frames kept per utterance (longer ones are cropped around the centre for training; 0 = no limit).")
        Integer maxFrames) {

    public FeaturesRef {
        extractor = extractor == null || extractor.isBlank() ? "emobase" : extractor.strip();
        normalization = normalization == null || normalization.isBlank() ? "speaker" : normalization.strip().toLowerCase(java.util.Locale.ROOT);
        maxFrames = maxFrames == null ? 300 : maxFrames;
    }
}
