package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the corpus is split. */
public record SplitsRef(
        @JsonProperty("scheme") @JsonPropertyDescription("corpus (the corpus' own train/dev/test, e.g. MELD or a manifest), loso (leave one speaker out, the dyad partner validates), or lodo (leave one dyad out).")
        String scheme,
        @JsonProperty("folds") @JsonPropertyDescription("For loso/lodo: how many folds to run (0 = all); folds are taken in order of the test speaker/dyad.")
        Integer folds,
        @JsonProperty("validation_fraction") @JsonPropertyDescription("For corpus splits without a validation part: fraction of training speakers moved to validation.")
        Double validationFraction) {

    public SplitsRef {
        scheme = scheme == null || scheme.isBlank() ? "corpus" : scheme.strip().toLowerCase(java.util.Locale.ROOT);
        folds = folds == null ? 0 : folds;
        validationFraction = validationFraction == null ? 0.15 : validationFraction;
    }
}
