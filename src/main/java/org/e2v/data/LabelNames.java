package org.e2v.data;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.e2v.domain.EmotionLabel;

/**
 * The label names e2v uses across corpora, and the corpus spellings that map to them, so that
 * IEMOCAP "ang", MELD "anger" and a folder called "Anger" all become {@code angry}.
 */
public final class LabelNames {
    public static final EmotionLabel FRUSTRATED = EmotionLabel.of("frustrated");
    public static final EmotionLabel SURPRISED = EmotionLabel.of("surprised");
    public static final EmotionLabel FEAR = EmotionLabel.of("fear");
    public static final EmotionLabel DISGUST = EmotionLabel.of("disgust");
    public static final EmotionLabel EXCITED = EmotionLabel.of("excited");
    public static final EmotionLabel OTHER = EmotionLabel.of("other");

    private static final Map<String, EmotionLabel> SYNONYMS = Map.ofEntries(
            Map.entry("neu", EmotionLabel.NEUTRAL), Map.entry("neutral", EmotionLabel.NEUTRAL),
            Map.entry("neutral state", EmotionLabel.NEUTRAL),
            Map.entry("hap", EmotionLabel.HAPPY), Map.entry("happy", EmotionLabel.HAPPY),
            Map.entry("happiness", EmotionLabel.HAPPY), Map.entry("joy", EmotionLabel.HAPPY),
            Map.entry("exc", EXCITED), Map.entry("excited", EXCITED), Map.entry("excitement", EXCITED),
            Map.entry("sad", EmotionLabel.SAD), Map.entry("sadness", EmotionLabel.SAD),
            Map.entry("ang", EmotionLabel.ANGRY), Map.entry("angry", EmotionLabel.ANGRY),
            Map.entry("anger", EmotionLabel.ANGRY),
            Map.entry("fru", FRUSTRATED), Map.entry("frustrated", FRUSTRATED), Map.entry("frustration", FRUSTRATED),
            Map.entry("sur", SURPRISED), Map.entry("surprise", SURPRISED), Map.entry("surprised", SURPRISED),
            Map.entry("fea", FEAR), Map.entry("fear", FEAR), Map.entry("fearful", FEAR),
            Map.entry("dis", DISGUST), Map.entry("disgust", DISGUST), Map.entry("disgusted", DISGUST),
            Map.entry("oth", OTHER), Map.entry("other", OTHER));

    private LabelNames() {
    }

    /** The canonical label for a known spelling (case-insensitive), or empty. */
    public static Optional<EmotionLabel> canonical(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(SYNONYMS.get(raw.strip().toLowerCase(Locale.ROOT)));
    }

    /** The canonical label for a known spelling, else the text itself in lower case (user-defined classes). */
    public static EmotionLabel normalise(String raw) {
        return canonical(raw).orElseGet(() -> EmotionLabel.of(raw));
    }
}
