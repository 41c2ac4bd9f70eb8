package org.e2v.data;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.e2v.audio.AudioFiles;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.Corpus;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.Utterance;

/**
 * What a corpus holds, in the shape of the paper's Table 2 (counts per label and split) plus
 * speakers, total duration, exclusions and every problem by file.
 *
 * @param name                 corpus name
 * @param root                 where it was loaded from
 * @param format               loader used
 * @param utterances           usable utterances
 * @param totalSeconds         summed duration of the utterances whose duration is known
 * @param utterancesWithoutDuration utterances whose duration could not be determined
 * @param countsByLabel        utterances per label
 * @param countsBySpeaker      utterances per speaker id
 * @param countsBySplit        utterances per corpus-defined split
 * @param countsByLabelAndSplit label -> split -> utterances (Table 2)
 * @param excluded             utterances left out by choice, per reason
 * @param problems             every problem found while loading and measuring
 */
public record CorpusSummary(String name, String root, String format, int utterances, double totalSeconds,
                            int utterancesWithoutDuration, Map<String, Long> countsByLabel,
                            Map<String, Long> countsBySpeaker, Map<String, Long> countsBySplit,
                            Map<String, Map<String, Long>> countsByLabelAndSplit, Map<String, Long> excluded,
                            List<CorpusProblem> problems) {

    /**
     * Summarises {@code loaded}. Durations come from the corpus metadata where declared (MELD), else
     * the utterance's segment, else the audio file's header ({@link AudioFiles#probe}); a header that
     * cannot be read adds a problem for that file.
     */
    public static CorpusSummary of(LoadedCorpus loaded, ProgressSink progress, CancellationToken cancel) {
        Corpus corpus = loaded.corpus();
        Map<String, Long> byLabel = new TreeMap<>();
        Map<String, Long> bySpeaker = new TreeMap<>();
        Map<String, Long> bySplit = new TreeMap<>();
        Map<String, Map<String, Long>> byLabelAndSplit = new TreeMap<>();
        List<CorpusProblem> problems = new ArrayList<>(corpus.problems());
        double seconds = 0;
        int unknown = 0;
        int done = 0;
        int total = corpus.utterances().size();
        for (Utterance u : corpus.utterances()) {
            cancel.throwIfCancelled();
            byLabel.merge(u.label().name(), 1L, Long::sum);
            bySpeaker.merge(u.speaker().id(), 1L, Long::sum);
            bySplit.merge(u.split().id(), 1L, Long::sum);
            byLabelAndSplit.computeIfAbsent(u.label().name(), k -> new TreeMap<>()).merge(u.split().id(), 1L, Long::sum);
            double d = duration(u, loaded, problems);
            if (Double.isNaN(d)) {
                unknown++;
            } else {
                seconds += d;
            }
            if (++done % 500 == 0 || done == total) {
                progress.report("summarise corpus", done, total);
            }
        }
        return new CorpusSummary(corpus.name(), corpus.root().toString(), corpus.format(), total, seconds, unknown,
                byLabel, bySpeaker, bySplit, byLabelAndSplit, loaded.excludedSorted(), problems);
    }

    private static double duration(Utterance u, LoadedCorpus loaded, List<CorpusProblem> problems) {
        Double declared = loaded.durationSeconds().get(u.id());
        if (declared != null) {
            return declared;
        }
        if (u.segment() != null) {
            return u.segment().durationSeconds();
        }
        if (u.audio() == null) {
            return Double.NaN;
        }
        try {
            return AudioFiles.probe(u.audio()).durationSeconds();
        } catch (E2vException e) {
            String why = e instanceof InputException ie ? ie.problem() : e.getMessage();
            problems.add(new CorpusProblem(relative(loaded.corpus(), u), "header unreadable: " + why));
            return Double.NaN;
        }
    }

    private static String relative(Corpus corpus, Utterance u) {
        var base = Files.isDirectory(corpus.root()) ? corpus.root() : corpus.root().getParent();
        return base != null && u.audio().startsWith(base) ? base.relativize(u.audio()).toString().replace('\\', '/')
                : u.audio().toString();
    }
}
