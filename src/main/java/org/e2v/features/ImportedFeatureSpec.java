package org.e2v.features;

import java.nio.file.Path;

/**
 * Precomputed frame-level features read from files (the paper's 512-dim vq-wav2vec features,
 * Sec. 3.2, extracted with fairseq outside e2v). Layouts: docs/data-formats-features.md.
 */
public record ImportedFeatureSpec(
        @Describe("Folder with one .npy or .csv per utterance, .npz archives, or a single .npz/.csv file") Path source,
        @Describe("Mean-variance normalisation after import: none, utterance or speaker") Normalisation normalisation)
        implements FeatureSpec {

    public static final String KIND = "npy";

    public ImportedFeatureSpec {
        if (source == null) {
            throw new IllegalArgumentException("an imported feature spec needs a source folder or file");
        }
        normalisation = SpecChecks.normalisation(normalisation);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ImportedFeatureSpec withNormalisation(Normalisation n) {
        return new ImportedFeatureSpec(source, n);
    }
}
