package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The new task E' verified by enrollment (Algorithm 1). */
public record NewTaskSpec(
        @JsonProperty("classes") @JsonPropertyDescription("The classes of the new task E' (seen or unseen); the first is the reference class of polar angles (0 degrees).")
        List<String> classes,
        @JsonProperty("enroll_split") @JsonPropertyDescription("Split the enrolled samples are drawn from (the paper: validation).")
        String enrollSplit,
        @JsonProperty("query_split") @JsonPropertyDescription("Split the verified queries come from (the paper: test).")
        String querySplit,
        @JsonProperty("enroll_count") @JsonPropertyDescription("N_p: samples enrolled per class (the paper: 10).")
        Integer enrollCount,
        @JsonProperty("repeats") @JsonPropertyDescription("Random enrollment draws; metrics are averaged over them.")
        Integer repeats,
        @JsonProperty("min_confidence") @JsonPropertyDescription("Exclude utterances whose rater agreement is below this (Sec. 5.4: 0.5); ignored where the corpus has none.")
        Double minConfidence,
        @JsonProperty("threshold") @JsonPropertyDescription("Open-set rejection: a query farther than this cosine distance from every prototype is 'unknown' (empty = closed set).")
        Double threshold) {

    public NewTaskSpec {
        classes = classes == null || classes.isEmpty() ? List.of("neutral", "frustrated") : List.copyOf(classes);
        enrollSplit = enrollSplit == null || enrollSplit.isBlank() ? "validation" : enrollSplit.strip().toLowerCase(java.util.Locale.ROOT);
        querySplit = querySplit == null || querySplit.isBlank() ? "test" : querySplit.strip().toLowerCase(java.util.Locale.ROOT);
        enrollCount = enrollCount == null ? 10 : enrollCount;
        repeats = repeats == null ? 5 : repeats;
        minConfidence = minConfidence == null ? 0.5 : minConfidence;
    }
}
