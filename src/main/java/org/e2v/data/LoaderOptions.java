package org.e2v.data;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Choices that change which utterances a corpus loader keeps and how it labels them.
 *
 * @param mergeExcitedIntoHappy IEMOCAP: label "exc" utterances (and "Excited" rater votes) as happy,
 *                              the paper's four-class setup (Sec. 3.1.1); false keeps "excited" as its own class
 * @param dropLabels            raw codes or label names whose utterances are left out and only counted
 *                              (default: IEMOCAP's "xxx" = no majority and "oth" = other); compared in lower case
 * @param minConfidence         utterances whose rater agreement (Sec. 5.4) is below this are left out and counted;
 *                              utterances without a confidence are always kept; 0 keeps everything
 * @param verifyMedia           also open every audio/video file's header (slow on MELD's 13k mp4 files);
 *                              by default only existence and a non-zero size are checked
 */
public record LoaderOptions(boolean mergeExcitedIntoHappy, Set<String> dropLabels, double minConfidence,
                            boolean verifyMedia) {
    /** Default drop list: IEMOCAP's "no agreement" and "other" codes. */
    public static final Set<String> DEFAULT_DROP = Set.of("xxx", "oth");
    /** Default agreement threshold of Sec. 5.4 ("ratio smaller than 0.5 were not included"). */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    public LoaderOptions {
        dropLabels = dropLabels == null ? Set.of()
                : dropLabels.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minimum confidence must lie in [0, 1], got " + minConfidence);
        }
    }

    /** The paper's setup: exc merged into happy, xxx/oth dropped, agreement >= 0.5, no media probing. */
    public static LoaderOptions defaults() {
        return new LoaderOptions(true, DEFAULT_DROP, DEFAULT_MIN_CONFIDENCE, false);
    }

    public LoaderOptions withMergeExcitedIntoHappy(boolean merge) {
        return new LoaderOptions(merge, dropLabels, minConfidence, verifyMedia);
    }

    public LoaderOptions withDropLabels(Set<String> labels) {
        return new LoaderOptions(mergeExcitedIntoHappy, labels, minConfidence, verifyMedia);
    }

    public LoaderOptions withMinConfidence(double threshold) {
        return new LoaderOptions(mergeExcitedIntoHappy, dropLabels, threshold, verifyMedia);
    }

    public LoaderOptions withVerifyMedia(boolean verify) {
        return new LoaderOptions(mergeExcitedIntoHappy, dropLabels, minConfidence, verify);
    }

    /** True when either the raw code or the label it maps to is on the drop list. */
    boolean drops(String rawCode, String labelName) {
        return dropLabels.contains(rawCode.strip().toLowerCase(Locale.ROOT))
                || (labelName != null && dropLabels.contains(labelName));
    }
}
