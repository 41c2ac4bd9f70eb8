package org.e2v.domain;

import java.util.Locale;

/** The part of a corpus an utterance belongs to, where the corpus defines one. */
public enum Split {
    TRAIN, VALIDATION, TEST, UNASSIGNED;

    /** Parses "train", "dev"/"val"/"validation", "test", ""; throws for anything else. */
    public static Split parse(String text) {
        if (text == null) {
            return UNASSIGNED;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "train", "training" -> TRAIN;
            case "dev", "val", "valid", "validation" -> VALIDATION;
            case "test", "testing" -> TEST;
            case "", "-", "none", "unassigned" -> UNASSIGNED;
            default -> throw new IllegalArgumentException("unknown split '" + text
                    + "' (expected train, dev/validation, test or empty)");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
