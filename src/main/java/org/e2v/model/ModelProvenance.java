package org.e2v.model;

import java.util.Map;

/**
 * What the caller records with a saved model besides the network itself. The model file adds
 * spec, loss spec, class names, input dims, schema and library versions on its own.
 *
 * @param featureConfig how the input features were made (opaque to the model; JSON-compatible values)
 * @param training      anything else about the run (seeds, epochs, data hashes; JSON-compatible values)
 */
public record ModelProvenance(Map<String, Object> featureConfig, Map<String, Object> training) {
    public ModelProvenance {
        featureConfig = featureConfig == null ? Map.of() : Map.copyOf(featureConfig);
        training = training == null ? Map.of() : Map.copyOf(training);
    }

    /** No feature or training information. */
    public static ModelProvenance none() {
        return new ModelProvenance(Map.of(), Map.of());
    }
}
