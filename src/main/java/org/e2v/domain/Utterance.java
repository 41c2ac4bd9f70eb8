package org.e2v.domain;

import java.nio.file.Path;

/**
 * One labelled utterance of a corpus.
 *
 * @param id         unique id within the corpus (IEMOCAP "Ses01F_impro01_F000"; file stem otherwise);
 *                   precomputed feature files are matched by this id
 * @param audio      the audio file (may be null for feature-only corpora)
 * @param segment    the part of {@code audio} that is this utterance, or null for the whole file
 * @param speaker    who speaks
 * @param label      the emotion label (final/consensus label)
 * @param split      corpus-defined split, or UNASSIGNED
 * @param confidence rater agreement in [0, 1] (Sec. 5.4), or NaN where the corpus has none
 */
public record Utterance(String id, Path audio, Segment segment, Speaker speaker, EmotionLabel label,
                        Split split, double confidence) {
    public Utterance {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an utterance id must not be empty");
        }
        if (speaker == null || label == null) {
            throw new IllegalArgumentException("utterance " + id + " needs a speaker and a label");
        }
        split = split == null ? Split.UNASSIGNED : split;
        if (!Double.isNaN(confidence) && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("utterance " + id + ": confidence " + confidence + " outside [0, 1]");
        }
    }

    public boolean hasConfidence() {
        return !Double.isNaN(confidence);
    }

    public Utterance withSplit(Split newSplit) {
        return new Utterance(id, audio, segment, speaker, label, newSplit, confidence);
    }
}
