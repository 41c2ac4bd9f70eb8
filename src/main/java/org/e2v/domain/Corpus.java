package org.e2v.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A loaded corpus: its utterances and every problem found while loading.
 *
 * @param name       display name
 * @param root       the folder or file it was loaded from
 * @param format     loader that produced it ("folder", "manifest", "iemocap", "meld", "audacity")
 * @param utterances the usable utterances, in a stable order
 * @param problems   problems found (reported, not fatal)
 */
public record Corpus(String name, Path root, String format, List<Utterance> utterances, List<CorpusProblem> problems) {
    public Corpus {
        utterances = List.copyOf(utterances);
        problems = List.copyOf(problems);
    }

    /** Utterance counts per label, sorted by label name. */
    public Map<EmotionLabel, Long> countsByLabel() {
        return utterances.stream().collect(Collectors.groupingBy(Utterance::label, TreeMap::new, Collectors.counting()));
    }

    public List<EmotionLabel> labels() {
        return List.copyOf(countsByLabel().keySet());
    }
}
