package org.e2v.data;

import java.util.Locale;

/** How a corpus is divided into folds (Sec. 4.1). */
public enum SplitStrategy {
    /** One fold per speaker: that speaker is the test set, its dyad partner (or a rotated speaker) validation. */
    LEAVE_ONE_SPEAKER_OUT,
    /** One fold per dyad: that dyad is the test set, the next dyad in a seeded rotation validation. */
    LEAVE_ONE_DYAD_OUT,
    /** One fold from the splits the corpus or manifest defines (MELD train/dev/test, a manifest's split column). */
    CORPUS_DEFINED;

    /** Parses "loso", "lodo", "fixed"/"manifest"/"corpus" or the enum name (any case, '-' or '_'). */
    public static SplitStrategy parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "loso", "leave-one-speaker-out" -> LEAVE_ONE_SPEAKER_OUT;
            case "lodo", "leave-one-dyad-out" -> LEAVE_ONE_DYAD_OUT;
            case "fixed", "manifest", "corpus", "corpus-defined" -> CORPUS_DEFINED;
            default -> throw new IllegalArgumentException("unknown split strategy '" + text
                    + "' (expected loso, lodo or fixed)");
        };
    }
}
