package org.e2v.features;

/**
 * A complete description of how an utterance's frame-level features are obtained: computed from
 * audio ({@link AudioFeatureSpec}) or imported from precomputed files ({@link ImportedFeatureSpec}).
 * Specs are records; their canonical JSON ({@link FeatureSpecs#canonicalJson}) is the feature
 * cache key and goes into run provenance.
 */
public sealed interface FeatureSpec permits AudioFeatureSpec, ImportedFeatureSpec {
    /** Short name: "emobase", "mfcc", "logmel", "npy". */
    String kind();

    /** Normalisation applied after extraction or import. */
    Normalisation normalisation();

    /** The same spec with another normalisation. */
    FeatureSpec withNormalisation(Normalisation normalisation);
}
