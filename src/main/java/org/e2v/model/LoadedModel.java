package org.e2v.model;

/**
 * A model read from a file, with what the file says about where it came from. Fields that the
 * file's schema version did not yet record read "unknown".
 *
 * @param model         the encoder, ready to embed (and to train when a loss was given)
 * @param provenance    feature configuration and training information saved with it
 * @param schemaVersion schema version of the file
 * @param e2vVersion    e2v version that wrote the file
 * @param nd4jVersion   ND4J version that wrote the file
 * @param savedAt       ISO-8601 instant of saving
 */
public record LoadedModel(EncoderModel model, ModelProvenance provenance, int schemaVersion, String e2vVersion,
                          String nd4jVersion, String savedAt) {
}
