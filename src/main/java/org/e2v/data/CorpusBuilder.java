package org.e2v.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.e2v.audio.AudioFiles;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.domain.Corpus;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.Utterance;

/**
 * Collects what a loader finds: usable utterances, problems (named by file, relative to the corpus
 * root) and deliberate exclusions. {@link #build} applies the rules every loader shares: the
 * confidence threshold, unique ids, and "nothing usable is an error".
 */
final class CorpusBuilder {
    private static final int PROBLEMS_IN_ERROR = 5;

    private final Path root;
    private final LoaderOptions options;
    private final List<Utterance> utterances = new ArrayList<>();
    private final List<CorpusProblem> problems = new ArrayList<>();
    private final Map<String, Long> excluded = new HashMap<>();
    private final Map<String, Double> durations = new HashMap<>();
    private final Set<String> ids = new HashSet<>();

    CorpusBuilder(Path root, LoaderOptions options) {
        this.root = root;
        this.options = options;
    }

    LoaderOptions options() {
        return options;
    }

    /** Records a problem with {@code file} (made relative to the root where possible). */
    void problem(Path file, String problem) {
        problems.add(new CorpusProblem(relative(file), problem));
    }

    void exclude(String reason) {
        excluded.merge(reason, 1L, Long::sum);
    }

    /** Adds an utterance unless its id repeats (a problem) or its confidence is below the threshold (an exclusion). */
    void add(Utterance utterance, Path source, Double declaredDurationSeconds) {
        if (utterance.hasConfidence() && utterance.confidence() < options.minConfidence()) {
            exclude("agreement below " + options.minConfidence());
            return;
        }
        if (!ids.add(utterance.id())) {
            problem(source, "utterance id '" + utterance.id() + "' appears more than once; later copy ignored");
            return;
        }
        utterances.add(utterance);
        if (declaredDurationSeconds != null) {
            durations.put(utterance.id(), declaredDurationSeconds);
        }
    }

    /**
     * True when {@code media} can be used: it exists, is a non-empty regular file and, with
     * {@link LoaderOptions#verifyMedia()}, its header can be read. Otherwise records why and returns false.
     */
    boolean mediaUsable(Path media) {
        if (!Files.exists(media)) {
            problem(media, "missing audio/video file; utterance dropped");
            return false;
        }
        if (!Files.isRegularFile(media)) {
            problem(media, "is not a regular file; utterance dropped");
            return false;
        }
        try {
            if (Files.size(media) == 0) {
                problem(media, "is empty (0 bytes); utterance dropped");
                return false;
            }
        } catch (IOException e) {
            problem(media, "could not be read (" + e.getMessage() + "); utterance dropped");
            return false;
        }
        if (options.verifyMedia()) {
            try {
                AudioFiles.probe(media);
            } catch (E2vException e) {
                String why = e instanceof InputException ie ? ie.problem() : e.getMessage();
                problem(media, "unreadable: " + why + "; utterance dropped");
                return false;
            }
        }
        return true;
    }

    String relative(Path file) {
        if (file == null) {
            return "<corpus>";
        }
        Path base = Files.isDirectory(root) ? root : root.getParent();
        try {
            if (base != null && file.toAbsolutePath().normalize().startsWith(base.toAbsolutePath().normalize())) {
                return base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize())
                        .toString().replace('\\', '/');
            }
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
        return file.toString();
    }

    /** The loaded corpus; an {@link InputException} when no utterance is usable. */
    LoadedCorpus build(String name, String format) {
        if (utterances.isEmpty()) {
            String detail = problems.isEmpty() ? "" : " First problems: " + problems.stream().limit(PROBLEMS_IN_ERROR)
                    .map(CorpusProblem::toString).collect(Collectors.joining("; "));
            String exclusions = excluded.isEmpty() ? "" : " Excluded: " + excluded + ".";
            throw new InputException(root, "no usable utterances found for format '" + format + "' ("
                    + problems.size() + " problems)." + exclusions + detail);
        }
        Corpus corpus = new Corpus(name, root, format, utterances, problems);
        return new LoadedCorpus(corpus, excluded, durations);
    }
}
