package org.e2v.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.e2v.common.E2vException;
import org.e2v.common.Seeds;
import org.e2v.domain.Corpus;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * Makes {@link SplitPlan}s. Every plan is a pure function of the corpus, the strategy and the seed;
 * the seed (derived as {@code Seeds.derive(seed, "split")}) only orders the validation rotation used
 * where a corpus has no dyads.
 */
public final class Splits {
    private Splits() {
    }

    /** {@link #leaveOneSpeakerOut(Corpus, long, int)} with rotation step 1; {@link #corpusDefined} ignores the seed. */
    public static SplitPlan plan(Corpus corpus, SplitStrategy strategy, long seed) {
        return switch (strategy) {
            case LEAVE_ONE_SPEAKER_OUT -> leaveOneSpeakerOut(corpus, seed, 1);
            case LEAVE_ONE_DYAD_OUT -> leaveOneDyadOut(corpus, seed);
            case CORPUS_DEFINED -> corpusDefined(corpus);
        };
    }

    /**
     * One fold per speaker, sorted by speaker id (Sec. 4.1: "we left one speaker for testing and another
     * speaker from the same dyad for validation"). Validation is every other speaker of the test speaker's
     * dyad; a speaker alone in its dyad gets instead the speaker {@code rotationStep} places after it in a
     * seeded shuffle of all speakers. Training is everyone else.
     */
    public static SplitPlan leaveOneSpeakerOut(Corpus corpus, long seed, int rotationStep) {
        Map<String, Speaker> speakers = new TreeMap<>();
        corpus.utterances().forEach(u -> speakers.putIfAbsent(u.speaker().id(), u.speaker()));
        if (speakers.size() < 3) {
            throw new E2vException("leave-one-speaker-out needs at least 3 speakers (test, validation, training); "
                    + corpus.name() + " has " + speakers.size());
        }
        List<String> rotation = shuffled(speakers.keySet(), seed);
        int step = Math.floorMod(rotationStep, rotation.size());
        if (step == 0) {
            throw new E2vException("rotation step " + rotationStep + " would make the test speaker its own validation "
                    + "speaker with " + rotation.size() + " speakers");
        }
        List<Fold> folds = new ArrayList<>();
        for (Speaker test : speakers.values()) {
            Set<String> validation = speakers.values().stream()
                    .filter(s -> s.dyad().equals(test.dyad()) && !s.id().equals(test.id()))
                    .map(Speaker::id).collect(Collectors.toCollection(TreeSet::new));
            if (validation.isEmpty()) {
                validation.add(rotation.get((rotation.indexOf(test.id()) + step) % rotation.size()));
            }
            folds.add(fold(corpus, "test-" + test.id(), u -> u.speaker().id().equals(test.id()),
                    u -> validation.contains(u.speaker().id())));
        }
        return new SplitPlan(SplitStrategy.LEAVE_ONE_SPEAKER_OUT, seed, folds);
    }

    /** One fold per dyad (sorted): that dyad tests, the next dyad in a seeded rotation validates, the rest train. */
    public static SplitPlan leaveOneDyadOut(Corpus corpus, long seed) {
        Set<String> dyads = corpus.utterances().stream().map(u -> u.speaker().dyad())
                .collect(Collectors.toCollection(TreeSet::new));
        if (dyads.size() < 3) {
            throw new E2vException("leave-one-dyad-out needs at least 3 dyads (test, validation, training); "
                    + corpus.name() + " has " + dyads.size());
        }
        List<String> rotation = shuffled(dyads, seed);
        List<Fold> folds = new ArrayList<>();
        for (String test : dyads) {
            String validation = rotation.get((rotation.indexOf(test) + 1) % rotation.size());
            folds.add(fold(corpus, "test-" + test, u -> u.speaker().dyad().equals(test),
                    u -> u.speaker().dyad().equals(validation)));
        }
        return new SplitPlan(SplitStrategy.LEAVE_ONE_DYAD_OUT, seed, folds);
    }

    /**
     * The single fold the corpus defines through {@link Utterance#split()} (MELD train/dev/test, a manifest's
     * split column). Every utterance must have a split and the training and test parts must not be empty.
     */
    public static SplitPlan corpusDefined(Corpus corpus) {
        long unassigned = corpus.utterances().stream().filter(u -> u.split() == Split.UNASSIGNED).count();
        if (unassigned > 0) {
            throw new E2vException(corpus.name() + ": " + unassigned + " of " + corpus.utterances().size()
                    + " utterances have no split; give every manifest row a split or use leave-one-speaker-out");
        }
        Fold fold = new Fold("corpus-defined", part(corpus, Split.TRAIN), part(corpus, Split.VALIDATION),
                part(corpus, Split.TEST));
        if (fold.train().isEmpty() || fold.test().isEmpty()) {
            throw new E2vException(corpus.name() + ": the corpus-defined split needs training and test utterances ("
                    + fold.train().size() + " train, " + fold.test().size() + " test)");
        }
        return new SplitPlan(SplitStrategy.CORPUS_DEFINED, 0, List.of(fold));
    }

    private static List<Utterance> part(Corpus corpus, Split split) {
        return corpus.utterances().stream().filter(u -> u.split() == split).toList();
    }

    private static Fold fold(Corpus corpus, String name, java.util.function.Predicate<Utterance> isTest,
                             java.util.function.Predicate<Utterance> isValidation) {
        List<Utterance> train = new ArrayList<>();
        List<Utterance> validation = new ArrayList<>();
        List<Utterance> test = new ArrayList<>();
        for (Utterance u : corpus.utterances()) {
            if (isTest.test(u)) {
                test.add(u);
            } else if (isValidation.test(u)) {
                validation.add(u);
            } else {
                train.add(u);
            }
        }
        if (train.isEmpty()) {
            throw new E2vException(corpus.name() + ": fold " + name + " leaves no training utterances");
        }
        return new Fold(name, train, validation, test);
    }

    private static List<String> shuffled(Set<String> sortedIds, long seed) {
        List<String> order = new ArrayList<>(new TreeSet<>(sortedIds));
        Collections.shuffle(order, new Random(Seeds.derive(seed, "split")));
        return order;
    }
}
