package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The pretraining of the prototype encoder (Sec. 3.3, 4.1.3). */
public record PretrainSpec(
        @JsonProperty("classes") @JsonPropertyDescription("The basic classes E the encoder is pretrained on.")
        List<String> classes,
        @JsonProperty("encoder") @JsonPropertyDescription("Encoder architecture (Table 5).")
        EncoderSettings encoder,
        @JsonProperty("loss") @JsonPropertyDescription("Training loss (Table 4) with its margin.")
        LossSettings loss,
        @JsonProperty("training") @JsonPropertyDescription("Optimiser, schedule and episodic batches.")
        TrainingSettings training) {

    public PretrainSpec {
        classes = classes == null || classes.isEmpty() ? List.of("angry", "happy", "neutral", "sad") : List.copyOf(classes);
        encoder = encoder == null ? new EncoderSettings(null, null, null, null, null, null, null) : encoder;
        loss = loss == null ? new LossSettings(null, null, null, null, null, null) : loss;
        training = training == null ? new TrainingSettings(null, null, null, null, null, null, null, null, null) : training;
    }
}
