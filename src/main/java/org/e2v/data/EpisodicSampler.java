package org.e2v.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.e2v.common.E2vException;
import org.e2v.common.Seeds;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Utterance;

/**
 * Draws the class-balanced episodes the prototypical losses train on (Sec. 3.3.2, 4.1.3: N = 10
 * utterances from each of K = 4 classes per mini-batch).
 *
 * <p>An epoch has {@code ceil(largest class size / N)} episodes, so that every training utterance is
 * drawn at least once per epoch; smaller classes are cycled (reshuffled each time they run out), i.e.
 * oversampled. Within an episode a class with at least N utterances never repeats one; a class with
 * fewer than N contributes all of them once plus {@code N - size} drawn uniformly with replacement.
 * A class with no utterance is an error. Epoch {@code e} uses its own random stream
 * {@code Seeds.derive(Seeds.derive(seed, "sampler"), "epoch-" + e)}, so any epoch can be reproduced alone.
 * Utterances whose label is not one of the K classes are ignored.
 */
public final class EpisodicSampler {
    private final List<EmotionLabel> classes;
    private final List<List<Utterance>> pools;
    private final int perClass;
    private final long samplerSeed;

    /**
     * @param training training utterances
     * @param classes  the K classes, in the row-block order of every episode
     * @param perClass N, utterances per class per episode
     * @param seed     master seed (the sampler derives its own stream from it)
     */
    public EpisodicSampler(List<Utterance> training, List<EmotionLabel> classes, int perClass, long seed) {
        if (perClass <= 0) {
            throw new IllegalArgumentException("utterances per class must be positive, got " + perClass);
        }
        if (classes.isEmpty() || classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("the classes must be non-empty and distinct: " + classes);
        }
        this.classes = List.copyOf(classes);
        this.perClass = perClass;
        this.samplerSeed = Seeds.derive(seed, "sampler");
        Map<EmotionLabel, List<Utterance>> byClass = new LinkedHashMap<>();
        classes.forEach(c -> byClass.put(c, new ArrayList<>()));
        for (Utterance u : training) {
            List<Utterance> pool = byClass.get(u.label());
            if (pool != null) {
                pool.add(u);
            }
        }
        for (var e : byClass.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new E2vException("class '" + e.getKey() + "' has no training utterances; the episodic sampler "
                        + "needs at least one per class (classes: " + classes + ")");
            }
        }
        this.pools = byClass.values().stream().map(List::copyOf).toList();
    }

    public List<EmotionLabel> classes() {
        return classes;
    }

    public int perClass() {
        return perClass;
    }

    /** {@code ceil(largest class size / N)}: enough episodes for every utterance to appear once. */
    public int episodesPerEpoch() {
        int largest = pools.stream().mapToInt(List::size).max().orElse(0);
        return (largest + perClass - 1) / perClass;
    }

    /** The episodes of epoch {@code epochIndex} (0-based), reproducible from the seed alone. */
    public List<Episode> epoch(int epochIndex) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(samplerSeed, "epoch-" + epochIndex));
        List<ClassStream> streams = new ArrayList<>();
        for (List<Utterance> pool : pools) {
            streams.add(new ClassStream(pool, random.split()));
        }
        int episodes = episodesPerEpoch();
        List<Episode> out = new ArrayList<>(episodes);
        for (int e = 0; e < episodes; e++) {
            List<Utterance> rows = new ArrayList<>(classes.size() * perClass);
            for (ClassStream s : streams) {
                rows.addAll(s.next(perClass));
            }
            out.add(new Episode(epochIndex, e, classes, perClass, rows));
        }
        return out;
    }

    /** Cycles through shuffled passes over one class's utterances. */
    private static final class ClassStream {
        private final List<Utterance> pool;
        private final SplittableRandom random;
        private final List<Integer> order = new ArrayList<>();
        private int position;

        ClassStream(List<Utterance> pool, SplittableRandom random) {
            this.pool = pool;
            this.random = random;
            reshuffle(List.of());
        }

        List<Utterance> next(int n) {
            if (pool.size() < n) {
                // Too few for an episode: all of them once, the rest with replacement.
                List<Integer> indices = new ArrayList<>();
                for (int i = 0; i < pool.size(); i++) {
                    indices.add(i);
                }
                shuffle(indices);
                while (indices.size() < n) {
                    indices.add(random.nextInt(pool.size()));
                }
                return indices.stream().map(pool::get).toList();
            }
            List<Integer> taken = new ArrayList<>(n);
            while (taken.size() < n) {
                if (position == order.size()) {
                    reshuffle(taken);
                }
                taken.add(order.get(position++));
            }
            return taken.stream().map(pool::get).toList();
        }

        /** A new pass; indices already in the current episode go last so the episode has no repeats. */
        private void reshuffle(List<Integer> inEpisode) {
            order.clear();
            for (int i = 0; i < pool.size(); i++) {
                order.add(i);
            }
            shuffle(order);
            List<Integer> later = order.stream().filter(inEpisode::contains).toList();
            order.removeAll(later);
            order.addAll(later);
            position = 0;
        }

        private void shuffle(List<Integer> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
        }
    }
}
