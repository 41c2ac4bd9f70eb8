package org.e2v.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.e2v.audio.AudioFiles;
import org.e2v.common.CancellationToken;
import org.e2v.common.CancelledException;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.common.Progress;
import org.e2v.common.ProgressSink;
import org.e2v.domain.AudioClip;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.FeatureMatrix;
import org.e2v.domain.Utterance;

/**
 * Features for a list of utterances: computed from audio in parallel (with the on-disk
 * {@link FeatureCache}) or imported from precomputed files, then normalised as the spec says.
 *
 * <p>Synchronous: the internal pool (sized to the cores unless told otherwise) lives only for one
 * call and is shut down before it returns, also on cancellation and errors. Progress is reported
 * on the caller's thread. A file that cannot be read or analysed becomes a problem in the summary
 * (file and reason) and the rest goes on; only when no utterance yields features does the call
 * fail.
 */
public final class FeatureService {
    private static final String STAGE = "features";

    private final FeatureCache cache;
    private final int threads;
    private final Map<String, String> hashMemo = new ConcurrentHashMap<>();

    /**
     * @param cacheDirectory where cached features live, or null for no cache
     * @param threads        worker threads; 0 or less = one per available processor
     */
    public FeatureService(Path cacheDirectory, int threads) {
        this.cache = cacheDirectory == null ? null : new FeatureCache(cacheDirectory);
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Features for every utterance that has them; see the class comment for error handling. */
    public FeatureResult extract(List<Utterance> utterances, FeatureSpec spec, ProgressSink progress,
                                 CancellationToken cancel) {
        long started = System.nanoTime();
        Outcome outcome = spec instanceof AudioFeatureSpec audio
                ? compute(utterances, audio, progress, cancel)
                : importFeatures(utterances, (ImportedFeatureSpec) spec, progress, cancel);
        if (outcome.features.isEmpty() && !utterances.isEmpty()) {
            String first = outcome.problems.stream().limit(3).map(CorpusProblem::toString).collect(Collectors.joining("; "));
            throw new E2vException("no utterance yielded " + spec.kind() + " features (" + outcome.problems.size()
                    + " problems" + (first.isEmpty() ? "" : ", e.g. " + first) + ")");
        }
        Map<String, String> speakers = new LinkedHashMap<>();
        for (Utterance u : utterances) {
            speakers.put(u.id(), u.speaker().id());
        }
        Map<String, FeatureMatrix> normalised = Normaliser.apply(spec.normalisation(), outcome.features, speakers::get);
        long frames = 0;
        int dims = 0;
        for (FeatureMatrix m : normalised.values()) {
            frames += m.frames();
            dims = m.dims();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        ExtractionSummary summary = new ExtractionSummary(spec.kind(), normalised.size(), frames, dims,
                outcome.audioSeconds, elapsed, outcome.cacheHits, outcome.problems);
        return new FeatureResult(spec, normalised, summary);
    }

    private record Outcome(Map<String, FeatureMatrix> features, List<CorpusProblem> problems, int cacheHits,
                           double audioSeconds) {
    }

    /** Result of one utterance's task: features, a problem, or both (features computed but not cached). */
    private record Item(int index, FeatureMatrix features, double audioSeconds, boolean cacheHit, CorpusProblem problem) {
    }

    private Outcome compute(List<Utterance> utterances, AudioFeatureSpec spec, ProgressSink progress,
                            CancellationToken cancel) {
        int total = utterances.size();
        Item[] items = new Item[total];
        if (total > 0) {
            int poolSize = Math.min(threads, total);
            ExecutorService pool = Executors.newFixedThreadPool(poolSize, daemonThreads());
            ThreadLocal<FeatureExtractor> extractors = ThreadLocal.withInitial(spec::newExtractor);
            try {
                CompletionService<Item> done = new ExecutorCompletionService<>(pool);
                for (int i = 0; i < total; i++) {
                    int index = i;
                    done.submit(() -> one(index, utterances.get(index), spec, extractors, cancel));
                }
                for (int finished = 0; finished < total; ) {
                    cancel.throwIfCancelled();
                    Future<Item> f = done.poll(100, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        continue;
                    }
                    Item item = get(f);
                    items[item.index()] = item;
                    finished++;
                    progress.report(new Progress(STAGE, finished, total, utterances.get(item.index()).id()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } finally {
                pool.shutdownNow();
                awaitQuietly(pool);
            }
        }
        Map<String, FeatureMatrix> features = new LinkedHashMap<>();
        List<CorpusProblem> problems = new ArrayList<>();
        int hits = 0;
        double seconds = 0;
        for (Item item : items) {
            if (item.problem() != null) {
                problems.add(item.problem());
            }
            if (item.features() != null) {
                features.put(item.features().utteranceId(), item.features());
                seconds += item.audioSeconds();
                hits += item.cacheHit() ? 1 : 0;
            }
        }
        return new Outcome(features, problems, hits, seconds);
    }

    private Item one(int index, Utterance u, AudioFeatureSpec spec, ThreadLocal<FeatureExtractor> extractors,
                     CancellationToken cancel) {
        cancel.throwIfCancelled();
        String where = u.audio() == null ? u.id() : u.audio().toString();
        try {
            if (u.audio() == null) {
                return new Item(index, null, 0, false, new CorpusProblem(u.id(), "has no audio file"));
            }
            String key = null;
            if (cache != null) {
                key = FeatureCache.key(hash(u.audio()), u.segment(), spec);
                var cached = cache.get(key, u.id());
                if (cached.isPresent()) {
                    return new Item(index, cached.get().features(), cached.get().audioSeconds(), true, null);
                }
            }
            AudioClip clip = AudioFiles.load(u.audio(), u.segment());
            cancel.throwIfCancelled();
            FeatureMatrix m = extractors.get().extract(u.id(), clip);
            long samples = Math.round(clip.durationSeconds() * spec.sampleRateHz());
            CorpusProblem cacheProblem = null;
            if (cache != null) {
                try {
                    cache.put(key, new FeatureCache.Entry(m, samples, spec.sampleRateHz()));
                } catch (InputException e) {
                    // The features are fine; only the next run will have to compute them again.
                    cacheProblem = new CorpusProblem(String.valueOf(e.file()), e.problem()
                            + " (features of " + u.id() + " were computed but not cached)");
                }
            }
            return new Item(index, m, clip.durationSeconds(), false, cacheProblem);
        } catch (CancelledException e) {
            throw e;
        } catch (InputException e) {
            return new Item(index, null, 0, false, new CorpusProblem(e.file() == null ? where : e.file().toString(),
                    e.problem()));
        } catch (E2vException | IllegalArgumentException e) {
            return new Item(index, null, 0, false, new CorpusProblem(where, e.getMessage()));
        } catch (IOException e) {
            return new Item(index, null, 0, false, new CorpusProblem(where, "could not be read: " + e.getMessage()));
        } catch (RuntimeException e) {
            // A decoder or library failure on one file must not stop the corpus; keep its type for diagnosis.
            return new Item(index, null, 0, false, new CorpusProblem(where, "could not be analysed: " + e));
        }
    }

    private String hash(Path audio) throws IOException {
        String memoKey = audio.toAbsolutePath() + "|" + Files.size(audio) + "|" + Files.getLastModifiedTime(audio).toMillis();
        String known = hashMemo.get(memoKey);
        if (known != null) {
            return known;
        }
        String h = FeatureCache.contentHash(audio);
        hashMemo.put(memoKey, h);
        return h;
    }

    private Outcome importFeatures(List<Utterance> utterances, ImportedFeatureSpec spec, ProgressSink progress,
                                   CancellationToken cancel) {
        FeatureImporter importer = FeatureImporter.open(spec.source());
        Map<String, FeatureMatrix> features = new LinkedHashMap<>();
        List<CorpusProblem> problems = new ArrayList<>();
        matchImported(importer, utterances, progress, cancel, problems, new java.util.HashSet<>(), (u, key, m) ->
                features.put(u.id(), key.equals(u.id()) ? m : new FeatureMatrix(u.id(), m.frames(), m.dims(), m.data())));
        return new Outcome(features, problems, 0, Double.NaN);
    }

    /**
     * Checks a folder (or file) of precomputed features against a corpus without keeping them: which
     * utterances have features, their dimension, and the problems {@link #extract} with an
     * {@link ImportedFeatureSpec} would report. Reads every matching file once.
     *
     * @throws InputException when the source holds no feature files, an id appears twice, or the
     *                        feature dimension differs between files
     */
    public static ImportCheck checkImport(List<Utterance> utterances, Path source, ProgressSink progress,
                                          CancellationToken cancel) {
        FeatureImporter importer = FeatureImporter.open(source);
        List<CorpusProblem> problems = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        int[] dims = {0};
        long[] frames = {0};
        int matched = matchImported(importer, utterances, progress, cancel, problems, used, (u, key, m) -> {
            dims[0] = m.dims();
            frames[0] += m.frames();
        });
        List<String> unused = importer.ids().stream().filter(id -> !used.contains(id)).toList();
        return new ImportCheck(source, utterances.size(), matched, dims[0], frames[0], unused, problems);
    }

    /**
     * What {@link #checkImport} found.
     *
     * @param unusedIds ids in the source that match no utterance (stray files, another corpus's features)
     */
    public record ImportCheck(Path source, int utterances, int matched, int dims, long frames, List<String> unusedIds,
                              List<CorpusProblem> problems) {
        public ImportCheck {
            unusedIds = List.copyOf(unusedIds);
            problems = List.copyOf(problems);
        }
    }

    /** Receives one utterance's imported features and the importer key they were found under. */
    @FunctionalInterface
    private interface ImportSink {
        void accept(Utterance utterance, String key, FeatureMatrix features);
    }

    /**
     * Matches each utterance to the importer's features by id, else by audio file stem; a missing or
     * unreadable entry becomes a problem; mixed dimensions fail. Returns how many matched; the keys
     * that belong to an utterance (readable or not) are added to {@code keysUsed}.
     */
    private static int matchImported(FeatureImporter importer, List<Utterance> utterances, ProgressSink progress,
                                     CancellationToken cancel, List<CorpusProblem> problems,
                                     java.util.Set<String> keysUsed, ImportSink sink) {
        String referenceFile = null;
        int referenceDims = -1;
        int done = 0;
        int matched = 0;
        for (Utterance u : utterances) {
            cancel.throwIfCancelled();
            String key = importer.contains(u.id()) ? u.id() : null;
            if (key == null && u.audio() != null) {
                String stem = FeatureImporter.stem(u.audio());
                key = importer.contains(stem) ? stem : null;
            }
            if (key == null) {
                String stem = u.audio() == null ? u.id() : FeatureImporter.stem(u.audio());
                problems.add(new CorpusProblem(u.id(), "no features in " + importer.source() + " (looked for '" + u.id() + "'"
                        + (stem.equals(u.id()) ? "" : " and '" + stem + "'") + ")"));
            } else {
                keysUsed.add(key);
                FeatureMatrix m = null;
                try {
                    m = importer.load(key);
                } catch (InputException e) {
                    problems.add(new CorpusProblem(e.file() == null ? u.id() : e.file().toString(), e.problem()));
                }
                if (m != null) {
                    if (referenceDims < 0) {
                        referenceDims = m.dims();
                        referenceFile = importer.locationOf(key);
                    } else if (m.dims() != referenceDims) {
                        // Mixed dimensions mean mixed feature sets: no per-file skipping can make that usable.
                        throw new InputException(importer.source(), "feature dimension differs between files: "
                                + referenceFile + " has " + referenceDims + " dims, " + importer.locationOf(key) + " has "
                                + m.dims());
                    }
                    sink.accept(u, key, m);
                    matched++;
                }
            }
            progress.report(new Progress(STAGE, ++done, utterances.size(), u.id()));
        }
        return matched;
    }

    private static Item get(Future<Item> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "e2v-features-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
