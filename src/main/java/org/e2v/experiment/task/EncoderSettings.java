package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Encoder architecture as written in a task file. */
public record EncoderSettings(
        @JsonProperty("type") @JsonPropertyDescription("gru-transformer (the paper's), transformer, blstm, blstm-netvlad or cnn-netvlad.")
        String type,
        @JsonProperty("gru_hidden") @JsonPropertyDescription("Width of the GRU (or each BLSTM direction).")
        Integer gruHidden,
        @JsonProperty("model_dim") @JsonPropertyDescription("Transformer model dimension (= embedding size): 64, 128, 256 or 512 in the paper.")
        Integer modelDim,
        @JsonProperty("layers") @JsonPropertyDescription("Transformer encoder layers (1 or 2).")
        Integer layers,
        @JsonProperty("heads") @JsonPropertyDescription("Attention heads (1, 2 or 4).")
        Integer heads,
        @JsonProperty("ff_dim") @JsonPropertyDescription("Feed-forward width inside the transformer layer.")
        Integer ffDim,
        @JsonProperty("dropout") @JsonPropertyDescription("Dropout in the transformer layer during training.")
        Double dropout) {

    public static final List<String> TYPES = List.of("gru-transformer", "transformer", "blstm", "blstm-netvlad", "cnn-netvlad");

    public EncoderSettings {
        type = type == null || type.isBlank() ? "gru-transformer" : type.strip().toLowerCase(java.util.Locale.ROOT);
        gruHidden = gruHidden == null ? 256 : gruHidden;
        modelDim = modelDim == null ? 128 : modelDim;
        layers = layers == null ? 1 : layers;
        heads = heads == null ? 2 : heads;
        ffDim = ffDim == null ? 2048 : ffDim;
        dropout = dropout == null ? 0.1 : dropout;
    }
}
