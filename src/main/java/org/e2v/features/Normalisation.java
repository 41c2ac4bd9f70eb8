package org.e2v.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Mean-variance normalisation applied to each feature column after extraction (never stored in
 * the cache, which holds raw features).
 */
public enum Normalisation {
    /** Raw values. */
    NONE("none"),
    /** Each utterance's columns get zero mean and unit variance over its own frames. */
    UTTERANCE("utterance"),
    /**
     * Columns get zero mean and unit variance over all frames of all utterances of the same
     * speaker in the extracted set (a common speaker-adaptation step in SER; it uses no labels).
     */
    SPEAKER("speaker");

    private final String id;

    Normalisation(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Parses "none", "utterance" or "speaker" (case-insensitive; "per-utterance"/"per-speaker" too). */
    @JsonCreator
    public static Normalisation parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("per-", "").replace("per_", "");
        for (Normalisation n : values()) {
            if (n.id.equals(t)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown normalisation '" + text + "' (expected one of "
                + Arrays.stream(values()).map(Normalisation::id).toList() + ")");
    }
}
