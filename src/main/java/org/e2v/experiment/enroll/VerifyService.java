package org.e2v.experiment.enroll;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.Corpus;
import org.e2v.domain.Utterance;
import org.e2v.enroll.EnrollmentSession;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.enroll.VerificationResult;
import org.e2v.experiment.embed.EmbeddingResult;
import org.e2v.experiment.embed.EmbeddingService;

/**
 * Algorithm 1 over a corpus: embeds what is needed with a saved encoder (through the per-model
 * {@link EmbeddingService} cache), builds the class prototypes of an {@link EnrollmentSet}, and
 * verifies the chosen queries by nearest prototype (cosine distance), with UAR, weighted F1 and
 * the confusion matrix over the queries of {@link ScoredQueries}' scope.
 *
 * <p>The GUI uses the same pieces ({@link #embed}, {@link #session}, {@link ScoredQueries#of}) to
 * update results after every enrollment, so a set saved there and verified here gives the same
 * numbers. Synchronous; the encoder lives on the calling thread for the duration of a call.
 */
public final class VerifyService {
    /** Prefix of the model hashes recorded in enrollment sets. */
    public static final String HASH_PREFIX = "sha256:";

    private final EmbeddingService embeddings;

    public VerifyService(EmbeddingService embeddings) {
        this.embeddings = embeddings;
    }

    /** A service with the embedding and feature caches of the user folder ({@code ~/.e2v/cache}). */
    public static VerifyService standard() {
        return new VerifyService(EmbeddingService.standard());
    }

    /** Embeds utterances with the encoder (cached per model; utterances that fail are listed as problems). */
    public EmbeddingResult embed(Path modelFile, List<Utterance> utterances, ProgressSink progress, CancellationToken cancel) {
        return embeddings.embed(modelFile, utterances, progress, cancel);
    }

    /** The hash an enrollment set records for the encoder that made {@code result}: "sha256:" + hex. */
    public static String modelHash(EmbeddingResult result) {
        return HASH_PREFIX + result.modelHash();
    }

    /**
     * A fresh interactive session over {@code queries} (no classes yet). The session gets no true
     * labels: metrics are computed by {@link ScoredQueries#of} so that scope and exclusions are the
     * same everywhere.
     *
     * @param queries    the queries, each with an entry in {@code embeddings}
     * @param embeddings utterance id to embedding
     */
    public static EnrollmentSession session(List<Utterance> queries, Map<String, float[]> embeddings) {
        List<String> ids = new ArrayList<>(queries.size());
        float[][] rows = new float[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            String id = queries.get(q).id();
            float[] v = embeddings.get(id);
            if (v == null) {
                throw new IllegalArgumentException("query " + id + " has no embedding");
            }
            ids.add(id);
            rows[q] = v;
        }
        return new EnrollmentSession(ids, rows, null);
    }

    /**
     * Enrolls the set's utterances and verifies the selected queries.
     *
     * @throws InputException if the set enrolls nothing, names an utterance the corpus lacks, or an
     *                        enrolled utterance cannot be embedded
     * @throws E2vException   if the encoder does not fit the corpus's features, or no query is in scope
     */
    public VerifyResult verify(VerifyRequest request, ProgressSink progress, CancellationToken cancel) {
        EnrollmentSet set = request.set();
        Corpus corpus = request.corpus();
        Path setFile = request.setFile();
        if (set.allEnrolledIds().isEmpty()) {
            throw problem(setFile, "enrolls no utterances: put at least one utterance id under \"enrolled\"");
        }
        Map<String, Utterance> byId = new HashMap<>();
        corpus.utterances().forEach(u -> byId.put(u.id(), u));
        Map<String, Utterance> needed = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : set.enrolled().entrySet()) {
            for (String id : e.getValue()) {
                Utterance u = byId.get(id);
                if (u == null) {
                    throw problem(setFile, "enrolls utterance " + id + " in class \"" + e.getKey()
                            + "\", but the corpus " + corpus.root() + " has no utterance with that id");
                }
                needed.put(id, u);
            }
        }
        List<Utterance> queries = request.queries().select(corpus);
        if (queries.isEmpty()) {
            throw new E2vException("the corpus " + corpus.root() + " has no " + request.queries().id()
                    + " utterances to verify; choose another query selection");
        }
        queries.forEach(u -> needed.putIfAbsent(u.id(), u));

        EmbeddingResult embedded = embed(request.modelFile(), List.copyOf(needed.values()), progress, cancel);
        Map<String, float[]> vectors = embedded.embeddings();
        for (String id : set.allEnrolledIds()) {
            if (!vectors.containsKey(id)) {
                throw problem(setFile, "enrolled utterance " + id + " could not be embedded: "
                        + describeProblems(needed.get(id), embedded));
            }
        }
        List<Utterance> usable = queries.stream().filter(u -> vectors.containsKey(u.id())).toList();
        if (usable.isEmpty()) {
            throw new E2vException("none of the " + queries.size() + " " + request.queries().id()
                    + " utterances could be embedded (first problem: " + describeProblems(queries.get(0), embedded) + ")");
        }
        EnrollmentSession session = session(usable, vectors);
        session.restore(set, vectors::get);
        if (request.maxDistanceOverride() != null) {
            session.setMaxDistance(request.maxDistanceOverride());
        }
        VerificationResult result = session.result();
        List<String> trueLabels = usable.stream().map(u -> u.label().name()).toList();
        Set<String> enrolled = new HashSet<>(set.allEnrolledIds());
        ScoredQueries scored = ScoredQueries.of(result, trueLabels, enrolled, request.allLabels());
        if (!scored.hasReport()) {
            Set<String> labels = new LinkedHashSet<>(trueLabels);
            throw new E2vException("none of the " + usable.size() + " " + request.queries().id()
                    + " utterances has a label among the enrolled classes " + result.classNames()
                    + " (their labels: " + labels + "); count all labels or choose another query selection");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        set.classes().forEach(c -> counts.put(c, set.enrolled().get(c).size()));
        return new VerifyResult(modelHash(embedded), set.modelHash(), result, trueLabels, scored, counts,
                embedded.problems(), embedded.cacheHits());
    }

    private static String describeProblems(Utterance u, EmbeddingResult embedded) {
        String name = u.audio() == null ? u.id() : u.audio().getFileName().toString();
        return embedded.problems().stream().filter(p -> p.file().contains(name)).map(p -> p.problem())
                .findFirst().orElse("no features could be made for it");
    }

    private static E2vException problem(Path setFile, String text) {
        return setFile == null ? new E2vException("the enrollment set " + text) : new InputException(setFile, text);
    }
}
