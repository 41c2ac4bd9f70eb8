package org.e2v.domain;

import java.util.Locale;

/**
 * An emotion class name, normalised to lower case ("angry", "neutral", "frustrated"). Corpus
 * loaders map their own codes (IEMOCAP "ang", MELD "anger") to these names.
 */
public record EmotionLabel(String name) implements Comparable<EmotionLabel> {
    public static final EmotionLabel ANGRY = new EmotionLabel("angry");
    public static final EmotionLabel HAPPY = new EmotionLabel("happy");
    public static final EmotionLabel NEUTRAL = new EmotionLabel("neutral");
    public static final EmotionLabel SAD = new EmotionLabel("sad");

    public EmotionLabel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an emotion label must not be empty");
        }
        name = name.strip().toLowerCase(Locale.ROOT);
    }

    public static EmotionLabel of(String name) {
        return new EmotionLabel(name);
    }

    @Override
    public int compareTo(EmotionLabel o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
