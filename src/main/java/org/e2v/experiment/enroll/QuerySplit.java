package org.e2v.experiment.enroll;

import java.util.List;
import java.util.Locale;
import org.e2v.common.E2vException;
import org.e2v.domain.Corpus;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/** Which utterances of a corpus are verified: one corpus split, or all of them. */
public enum QuerySplit {
    TRAIN(Split.TRAIN), VALIDATION(Split.VALIDATION), TEST(Split.TEST), ALL(null);

    /** One-line description shared by the CLI help and the GUI tooltip. */
    public static final String DESCRIPTION = "Which utterances are verified: the corpus's test, validation or train "
            + "split, or all utterances (enrolled utterances are never scored).";

    private final Split split;

    QuerySplit(Split split) {
        this.split = split;
    }

    /** Parses "test", "validation"/"dev"/"val", "train" or "all". */
    public static QuerySplit parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return ALL;
        }
        try {
            Split s = Split.parse(t);
            for (QuerySplit q : values()) {
                if (q.split == s) {
                    return q;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new E2vException("unknown query selection '" + text + "' (expected test, validation, train or all)");
    }

    /** Whether {@code u} belongs to this selection. */
    public boolean contains(Utterance u) {
        return split == null || u.split() == split;
    }

    /** The corpus's utterances in this selection, in corpus order. */
    public List<Utterance> select(Corpus corpus) {
        return corpus.utterances().stream().filter(this::contains).toList();
    }

    /** "test", "validation", "train" or "all". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@link #id()}, as drop-downs show it. */
    @Override
    public String toString() {
        return id();
    }
}
