package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Loss as written in a task file. */
public record LossSettings(
        @JsonProperty("name") @JsonPropertyDescription("sm, am, aam, triplet, proto, aproto, amproto or namp (Table 4); prototypical losses are added to cross-entropy (Eq. (5)).")
        String name,
        @JsonProperty("margin") @JsonPropertyDescription("Margin m: < 0 for namp, 0 for aproto, > 0 for amproto; the AM/AAM margin; the triplet margin.")
        Double margin,
        @JsonProperty("convention") @JsonPropertyDescription("paper: S_jj = w(cos + m) + b as Eq. (4) is printed; cosface: S_jj = w(cos - m) + b.")
        String convention,
        @JsonProperty("learnable_margin") @JsonPropertyDescription("Train m too, clipped to [margin_min, margin_max].")
        Boolean learnableMargin,
        @JsonProperty("margin_min") @JsonPropertyDescription("Lower bound of a learnable margin.")
        Double marginMin,
        @JsonProperty("margin_max") @JsonPropertyDescription("Upper bound of a learnable margin.")
        Double marginMax) {

    public LossSettings {
        name = name == null || name.isBlank() ? "namp" : name.strip().toLowerCase(java.util.Locale.ROOT);
        margin = margin == null ? defaultMargin(name) : margin;
        convention = convention == null || convention.isBlank() ? "paper" : convention.strip().toLowerCase(java.util.Locale.ROOT);
        learnableMargin = learnableMargin != null && learnableMargin;
        marginMin = marginMin == null ? -0.5 : marginMin;
        marginMax = marginMax == null ? 0.5 : marginMax;
    }

    /** The paper's defaults: NAMP -0.3, AMProto +0.3, AM/AAM 0.2, triplet 0.1, otherwise 0. */
    static double defaultMargin(String name) {
        return switch (name) {
            case "namp" -> -0.3;
            case "amproto" -> 0.3;
            case "am", "aam" -> 0.2;
            case "triplet" -> 0.1;
            default -> 0.0;
        };
    }
}
