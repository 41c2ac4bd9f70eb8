package org.e2v.data;

import java.util.Map;
import java.util.TreeMap;
import org.e2v.domain.Corpus;

/**
 * A corpus and what its loader knows beyond the {@link Corpus} record.
 *
 * @param corpus          the usable utterances and the problems found
 * @param excluded        utterances deliberately left out, counted by reason ("label xxx", "agreement below 0.5");
 *                        these are choices of {@link LoaderOptions}, not problems
 * @param durationSeconds durations the corpus metadata declares (MELD StartTime/EndTime), by utterance id;
 *                        utterances not in the map are measured from their segment or file header
 */
public record LoadedCorpus(Corpus corpus, Map<String, Long> excluded, Map<String, Double> durationSeconds) {
    public LoadedCorpus {
        excluded = Map.copyOf(excluded);
        durationSeconds = Map.copyOf(durationSeconds);
    }

    /** Excluded counts sorted by reason. */
    public Map<String, Long> excludedSorted() {
        return new TreeMap<>(excluded);
    }
}
