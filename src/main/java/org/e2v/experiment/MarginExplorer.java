package org.e2v.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.Utterance;
import org.e2v.enroll.CosineVerifier;
import org.e2v.enroll.EnrollmentSession;
import org.e2v.enroll.VerificationResult;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.embed.EmbeddingResult;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.run.RunDirectory;
import org.e2v.experiment.run.RunReader;
import org.e2v.experiment.task.TaskFiles;
import org.e2v.experiment.task.TaskSpec;
import org.e2v.train.Trainer;

/**
 * The margin explorer's service: after a margin sweep (Fig. 2), shows what each margin's encoder
 * makes of the run's own enrollment. For margin m it embeds the run's queries and enrollment pool
 * with that encoder (through {@link EmbeddingService}, which caches per model, so a second visit
 * costs no embedding), builds an {@link EnrollmentSession} from the run's enrolled samples
 * (enrolled.csv) and returns the PCA map, the polar histograms and UAR / weighted F1 as a
 * {@link MarginView}.
 *
 * <p>The utterances are embedded together with every other utterance of the same speakers and of
 * the classes the run extracted (pretraining and task classes), so speaker normalisation sees the
 * statistics the runner saw. Synchronous and not thread-safe: one background thread owns it.
 */
public final class MarginExplorer {
    private static final String MARGIN_PREFIX = "margin_";

    private final Path runDir;
    private final EmbeddingService embeddingService;
    private final Path corpusOverride;
    private List<Utterance> toEmbed;
    private List<RunReader.EmbeddingRow> index;
    private Map<String, List<String>> enrolled;

    /** One encoder of the sweep. */
    public record MarginModel(double margin, Path model) {
    }

    /**
     * @param runDir           a run directory with a margin sweep
     * @param embeddingService embeds (and caches) per model
     * @param corpusOverride   where the run's corpus lives now, or null for run.json's corpus.path
     */
    public MarginExplorer(Path runDir, EmbeddingService embeddingService, Path corpusOverride) {
        this.runDir = runDir;
        this.embeddingService = embeddingService;
        this.corpusOverride = corpusOverride;
    }

    /**
     * The swept margins of the run's first fold that have a trained encoder
     * (models/&lt;fold&gt;/margin_&lt;m&gt;/best.e2vm), in increasing order; empty without a sweep.
     */
    public static List<MarginModel> margins(Path runDir) {
        Path fold = RunReader.firstFoldDir(runDir);
        if (fold == null) {
            return List.of();
        }
        List<MarginModel> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(fold)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                Path best = d.resolve(Trainer.BEST_MODEL);
                if (name.startsWith(MARGIN_PREFIX) && Files.isRegularFile(best)) {
                    try {
                        out.add(new MarginModel(Double.parseDouble(name.substring(MARGIN_PREFIX.length())), best));
                    } catch (NumberFormatException e) {
                        // a folder named margin_<something else> is not one of the runner's
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException(fold, "could not be listed: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingDouble(MarginModel::margin));
        return out;
    }

    /** {@link #margins(Path)} of this explorer's run. */
    public List<MarginModel> margins() {
        return margins(runDir);
    }

    /** Views of every swept margin, in increasing order (progress counts margins). */
    public List<MarginView> viewAll(ProgressSink progress, CancellationToken cancel) {
        List<MarginModel> models = margins();
        List<MarginView> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            cancel.throwIfCancelled();
            progress.report("margin m = " + models.get(i).margin(), i, models.size());
            out.add(view(models.get(i), ProgressSink.NONE, cancel));
        }
        progress.report("margins", models.size(), models.size());
        return out;
    }

    /** The view of one margin's encoder. */
    public MarginView view(MarginModel margin, ProgressSink progress, CancellationToken cancel) {
        prepare();
        EmbeddingResult result = embeddingService.embed(margin.model(), toEmbed, progress, cancel);
        Map<String, float[]> emb = result.embeddings();
        for (RunReader.EmbeddingRow r : index) {
            if (!emb.containsKey(r.id())) {
                String why = result.problems().stream().filter(p -> p.file() != null && p.file().contains(r.id()))
                        .map(CorpusProblem::problem).findFirst().orElse("its audio could not be read");
                throw new E2vException("utterance " + r.id() + " of the run could not be embedded with " + margin.model()
                        + ": " + why);
            }
        }
        List<String> queryIds = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (RunReader.EmbeddingRow r : index) {
            if (r.query()) {
                queryIds.add(r.id());
                truth.add(r.label());
            }
        }
        float[][] queries = new float[queryIds.size()][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = emb.get(queryIds.get(q));
        }
        EnrollmentSession session = new EnrollmentSession(queryIds, queries, truth);
        List<String> classes = new ArrayList<>(enrolled.keySet());
        for (String c : classes) {
            session.addClass(c);
            for (String id : enrolled.get(c)) {
                session.enroll(c, id, emb.get(id));
            }
        }
        VerificationResult verification = session.result();
        return new MarginView(margin.margin(), margin.model(), map(margin.margin(), emb, classes),
                polar(verification, truth, classes), verification.metrics().uar(), verification.metrics().weightedF1(),
                queryIds.size(), enrolled);
    }

    /** PCA of this encoder's query and pool embeddings with the prototypes (mean of the enrolled embeddings). */
    private ChartData.EmbeddingScatter map(double margin, Map<String, float[]> emb, List<String> classes) {
        Set<String> enrolledIds = new HashSet<>();
        enrolled.values().forEach(enrolledIds::addAll);
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<ChartData.PointKind> kinds = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (RunReader.EmbeddingRow r : index) {
            ids.add(r.id());
            labels.add(r.label());
            kinds.add(enrolledIds.contains(r.id()) ? ChartData.PointKind.ENROLLED : ChartData.PointKind.QUERY);
            rows.add(emb.get(r.id()));
        }
        for (String c : classes) {
            List<String> members = enrolled.get(c);
            float[] mean = new float[rows.get(0).length];
            for (String id : members) {
                float[] v = emb.get(id);
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += v[k] / members.size();
                }
            }
            ids.add("prototype " + c);
            labels.add(c);
            kinds.add(ChartData.PointKind.PROTOTYPE);
            rows.add(mean);
        }
        return ChartData.EmbeddingScatter.fromPca(String.format(java.util.Locale.ROOT, "Embeddings (PCA), m = %+.2f", margin),
                ids, labels, kinds, rows.toArray(new float[0][]));
    }

    /** Sec. 5.1 polar angles of the queries of each pair (reference class = first enrolled class). */
    private static List<ChartData.PolarHistogram> polar(VerificationResult r, List<String> truth, List<String> classes) {
        List<ChartData.PolarHistogram> out = new ArrayList<>();
        if (classes.size() < 2) {
            return out;
        }
        String ref = classes.get(0);
        int ia = r.classNames().indexOf(ref);
        for (String other : classes.subList(1, classes.size())) {
            int ib = r.classNames().indexOf(other);
            Map<String, List<Double>> byClass = new LinkedHashMap<>();
            for (int q = 0; q < r.queryCount(); q++) {
                if (truth.get(q).equals(ref) || truth.get(q).equals(other)) {
                    byClass.computeIfAbsent(truth.get(q), k -> new ArrayList<>())
                            .add(CosineVerifier.polarAngleDeg(r.distance(q, ia), r.distance(q, ib)));
                }
            }
            Map<String, double[]> angles = new LinkedHashMap<>();
            byClass.forEach((k, v) -> angles.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            out.add(new ChartData.PolarHistogram("Polar distance: " + ref + " vs " + other, ref, other, angles,
                    RunReader.POLAR_BINS));
        }
        return out;
    }

    /** Reads the run's utterance lists and loads its corpus once. */
    private void prepare() {
        if (toEmbed != null) {
            return;
        }
        index = RunReader.embeddingIndex(runDir);
        enrolled = RunReader.enrolled(runDir);
        if (index.isEmpty() || enrolled.isEmpty()) {
            throw new InputException(runDir, "has no embeddings.csv rows or enrolled.csv samples to explore");
        }
        TaskSpec task = TaskFiles.load(runDir.resolve(RunDirectory.TASK_FILE));
        Path corpusPath = corpusOverride != null ? corpusOverride : RunReader.read(runDir).corpusPath();
        if (corpusPath == null) {
            throw new InputException(runDir.resolve(RunDirectory.RUN_JSON), "does not record where the run's corpus is");
        }
        LoaderOptions options = LoaderOptions.defaults().withMinConfidence(task.task().minConfidence());
        if (!task.corpus().dropLabels().isEmpty()) {
            Set<String> drop = new HashSet<>(LoaderOptions.DEFAULT_DROP);
            drop.addAll(task.corpus().dropLabels());
            options = options.withDropLabels(drop);
        }
        List<Utterance> all = CorpusLoaders.load(corpusPath, task.corpus().format(), options).utterances();
        Map<String, Utterance> byId = new LinkedHashMap<>();
        all.forEach(u -> byId.put(u.id(), u));
        Set<String> speakers = new HashSet<>();
        for (RunReader.EmbeddingRow r : index) {
            Utterance u = byId.get(r.id());
            if (u == null) {
                throw new InputException(corpusPath, "has no utterance " + r.id() + " of the run (was the corpus moved or changed?)");
            }
            speakers.add(u.speaker().id());
        }
        Set<String> classes = new LinkedHashSet<>(task.pretrain().classes());
        classes.addAll(task.task().classes());
        toEmbed = all.stream().filter(u -> speakers.contains(u.speaker().id()) && classes.contains(u.label().name())).toList();
    }
}
