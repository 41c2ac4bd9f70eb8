package org.e2v.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.e2v.common.AppInfo;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.Seeds;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.Fold;
import org.e2v.data.LoadedCorpus;
import org.e2v.data.LoaderOptions;
import org.e2v.data.SplitPlan;
import org.e2v.data.Splits;
import org.e2v.domain.Corpus;
import org.e2v.domain.FeatureMatrix;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.e2v.enroll.CosineVerifier;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.chart.ChartExport;
import org.e2v.experiment.chart.ChartTheme;
import org.e2v.experiment.chart.Charts;
import org.e2v.experiment.run.NpyWriter;
import org.e2v.experiment.run.RunDirectory;
import org.e2v.experiment.task.EncoderSettings;
import org.e2v.experiment.task.LossSettings;
import org.e2v.experiment.task.TaskFiles;
import org.e2v.experiment.task.TaskSpec;
import org.e2v.features.FeatureResult;
import org.e2v.features.FeatureService;
import org.e2v.features.FeatureSpec;
import org.e2v.features.FeatureSpecs;
import org.e2v.metrics.ClassificationReport;
import org.e2v.metrics.McNemarResult;
import org.e2v.metrics.Metrics;
import org.e2v.model.BackendInfo;
import org.e2v.model.EncoderModel;
import org.e2v.model.EncoderSpec;
import org.e2v.model.LoadedModel;
import org.e2v.model.LossSpec;
import org.e2v.train.Frames;
import org.e2v.train.Sample;
import org.e2v.train.Trainer;
import org.e2v.train.TrainingJob;
import org.e2v.train.TrainingResult;
import org.e2v.train.TrainingSpec;

/**
 * Runs a task file end to end (Sec. 4-5 of the paper): load the corpus, split it, extract
 * features, pretrain the encoder on E, enroll and verify the new task E', and run the analyses
 * asked for. Everything lands in a fresh run directory with its provenance. Synchronous: the
 * caller picks the thread; the SameDiff models live and die on it.
 */
public final class ExperimentRunner {
    private static final ChartTheme THEME = ChartTheme.LIGHT;

    /**
     * Continues an interrupted (cancelled or crashed) run in place: reads its task.yaml, skips the
     * training stages that finished, resumes the interrupted one from its checkpoint and runs the
     * rest. With the same code and data the result equals an uninterrupted run's.
     *
     * @param runDir   the run directory left by the interrupted run
     * @param cacheDir feature cache folder (null = no cache)
     */
    public RunResult resume(Path runDir, Path cacheDir, ExperimentListener listener, CancellationToken cancel) {
        Path taskFile = runDir.resolve(RunDirectory.TASK_FILE);
        if (!Files.isRegularFile(taskFile)) {
            throw new org.e2v.common.InputException(runDir, "is not a run directory (it has no " + RunDirectory.TASK_FILE + ")");
        }
        if (Files.exists(runDir.resolve(RunDirectory.RUN_JSON))) {
            throw new org.e2v.common.InputException(runDir, "has already finished (it has " + RunDirectory.RUN_JSON
                    + "); start a new run with: e2v run " + taskFile);
        }
        return run(TaskFiles.load(taskFile), taskFile, RunOptions.resume(runDir, cacheDir), listener, cancel);
    }

    /** Runs {@code task} (read from {@code taskFile}, which may be null for tasks built in code). */
    public RunResult run(TaskSpec task, Path taskFile, RunOptions options, ExperimentListener listener,
                         CancellationToken cancel) {
        long started = System.currentTimeMillis();
        String startedAt = Instant.now().toString();
        long seed = options.seedOverride() != null ? options.seedOverride() : task.seed();
        TaskSpec resolved = new TaskSpec(task.name(), seed, task.corpus(), task.features(), task.splits(), task.pretrain(),
                task.task(), task.analyses());
        List<String> problems = TaskFiles.validate(resolved);
        if (!problems.isEmpty()) {
            throw new E2vException("invalid task: " + String.join("; ", problems));
        }
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("master", seed);
        for (String name : List.of("split", "init", "sampler", "enroll")) {
            seeds.put(name, Seeds.derive(seed, name));
        }
        Map<String, Long> timings = new LinkedHashMap<>();

        listener.onStage("load corpus");
        long t = System.currentTimeMillis();
        Path corpusPath = resolveCorpus(resolved, taskFile, options.dataOverride());
        LoaderOptions loaderOptions = LoaderOptions.defaults().withMinConfidence(resolved.task().minConfidence());
        if (!resolved.corpus().dropLabels().isEmpty()) {
            Set<String> drop = new HashSet<>(LoaderOptions.DEFAULT_DROP);
            drop.addAll(resolved.corpus().dropLabels());
            loaderOptions = loaderOptions.withDropLabels(drop);
        }
        LoadedCorpus loaded = CorpusLoaders.loadDetailed(corpusPath, resolved.corpus().format(), loaderOptions);
        Corpus corpus = loaded.corpus();
        Set<String> needed = neededClasses(resolved);
        Set<String> available = new TreeMap<>(countByLabel(corpus.utterances())).keySet();
        List<String> missing = needed.stream().filter(c -> !available.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new E2vException("the corpus " + corpusPath + " has no utterances of class(es) " + missing
                    + "; it has " + available);
        }
        timings.put("load_corpus_ms", System.currentTimeMillis() - t);
        cancel.throwIfCancelled();

        boolean resuming = options.resumeDir() != null;
        RunDirectory run;
        if (resuming) {
            run = RunDirectory.open(options.resumeDir());
        } else {
            run = RunDirectory.create(options.outDir(), resolved.name(), LocalDateTime.now());
            // The run's own task file names the corpus and imported features by absolute path, so
            // that `e2v run <run dir>/task.yaml` and `e2v run --resume <run dir>` work from anywhere.
            TaskFiles.save(selfContained(resolved, taskFile, corpusPath, options.dataOverride() != null),
                    run.resolve(RunDirectory.TASK_FILE));
        }

        listener.onRunDirectory(run.path());
        listener.onStage("split");
        SplitPlan plan = plan(resolved, corpus, seeds.get("split"));
        List<Fold> folds = plan.folds();
        if (resolved.splits().folds() > 0 && folds.size() > resolved.splits().folds()) {
            folds = folds.subList(0, resolved.splits().folds());
        }

        listener.onStage("features");
        t = System.currentTimeMillis();
        FeatureSpec featureSpec = featureSpec(resolved, taskFile);
        List<Utterance> relevant = corpus.utterances().stream().filter(u -> needed.contains(u.label().name())).toList();
        FeatureResult features = new FeatureService(options.cacheDir(), 0).extract(relevant, featureSpec, listener, cancel);
        timings.put("features_ms", System.currentTimeMillis() - t);
        int inputDims = features.features().values().iterator().next().dims();
        Map<String, Object> featureConfig = featureConfig(featureSpec);

        Context ctx = new Context(resolved, run, features, inputDims, featureConfig, seeds, listener, cancel, resuming);
        Aggregate agg = new Aggregate();
        for (int f = 0; f < folds.size(); f++) {
            cancel.throwIfCancelled();
            Fold fold = withValidation(folds.get(f), resolved.splits().validationFraction(), seeds.get("split"));
            runFold(ctx, fold, f, folds.size(), agg);
        }
        t = System.currentTimeMillis();
        Map<String, Object> metrics = agg.metrics(resolved);
        run.writeJson(RunDirectory.METRICS_JSON, metrics);
        writeCharts(ctx, agg);
        timings.put("charts_ms", System.currentTimeMillis() - t);
        timings.put("total_ms", System.currentTimeMillis() - started);

        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("schema_version", 1);
        provenance.put("task_file", taskFile == null ? null : taskFile.toAbsolutePath().toString());
        provenance.put("task", TaskFiles.toMap(resolved));
        provenance.put("seeds", seeds);
        provenance.put("corpus", corpusProvenance(corpusPath, loaded, folds));
        provenance.put("features", Map.of("config", featureConfig, "summary", features.summary()));
        provenance.put("versions", versions());
        provenance.put("machine", AppInfo.threadsAndHeap());
        provenance.put("timings", timings);
        provenance.put("resumed", resuming);
        provenance.put("started", startedAt);
        provenance.put("finished", Instant.now().toString());
        run.writeJson(RunDirectory.RUN_JSON, provenance);
        return new RunResult(run.path(), metrics, System.currentTimeMillis() - started);
    }

    private void runFold(Context ctx, Fold fold, int f, int folds, Aggregate agg) {
        TaskSpec task = ctx.task;
        String foldName = folds == 1 ? "" : " fold " + (f + 1) + "/" + folds + " (" + fold.name() + ")";
        String foldDir = folds == 1 ? "main" : "fold-" + (f + 1);
        List<String> pretrainClasses = task.pretrain().classes();
        List<String> taskClasses = task.task().classes();
        EncoderSpec encoder = encoderSpec(task.pretrain().encoder());
        LossSpec loss = lossSpec(task.pretrain().loss());

        ctx.listener.onStage("pretrain" + foldName);
        Trained pre = train(ctx, fold, foldDir + "/pretrain", encoder, loss, pretrainClasses);
        agg.history.add(pre.result.history());
        Evaluation main = evaluate(ctx, fold, pre, taskClasses, "verify" + foldName);
        agg.pretrainUar.add(main.pretrainUar);
        agg.verifyUar.addAll(boxed(main.uars));
        agg.verifyF1.addAll(boxed(main.f1s));
        agg.firstDraws.add(main.first);
        agg.queryIds.addAll(main.queryIds);
        agg.queryTruth.addAll(main.queryTruth);
        agg.foldOfQuery.addAll(java.util.Collections.nCopies(main.queryIds.size(), fold.name()));
        agg.classes = taskClasses;
        if (f == 0) {
            writeFoldArtifacts(ctx, pre, main);
        }
        if (task.analyses().polarHistogram()) {
            String ref = taskClasses.get(0);
            for (int c = 1; c < taskClasses.size(); c++) {
                double[][] d = main.first.distances();
                for (int q = 0; q < d.length; q++) {
                    String truth = main.queryTruth.get(q);
                    if (truth.equals(ref) || truth.equals(taskClasses.get(c))) {
                        agg.polar.computeIfAbsent(ref + " vs " + taskClasses.get(c), k -> new LinkedHashMap<>())
                                .computeIfAbsent(truth, k -> new ArrayList<>())
                                .add(CosineVerifier.polarAngleDeg(d[q][0], d[q][c]));
                    }
                }
            }
        }
        if (task.analyses().baselineAll()) {
            ctx.listener.onStage("baseline All" + foldName);
            Trained all = train(ctx, fold, foldDir + "/baseline-all", encoder, loss, taskClasses);
            List<String> predicted = predictByHead(ctx, all, main.queryIds);
            agg.baselineUar.add(Metrics.evaluate(main.queryTruth, predicted).uar());
            agg.baselinePredictions.addAll(predicted);
        }
        if (!task.analyses().enrollmentCurve().isEmpty()) {
            ctx.listener.onStage("enrollment curve" + foldName);
            SplittableRandom rng = new SplittableRandom(Seeds.derive(ctx.seeds.get("enroll"), "curve-" + f));
            for (int count : task.analyses().enrollmentCurve()) {
                int smallest = taskClasses.stream().mapToInt(c -> main.pools.getOrDefault(c, List.of()).size()).min().orElse(0);
                if (count > smallest) {
                    agg.notes.add("enrollment_curve: N_p = " + count + " skipped in " + fold.name()
                            + " (the smallest enrollment pool has " + smallest + ")");
                    continue;
                }
                for (int r = 0; r < task.analyses().enrollmentDraws(); r++) {
                    agg.curve.computeIfAbsent(count, k -> new ArrayList<>()).add(Verification.draw(taskClasses, main.pools,
                            count, main.embeddings, main.queryIds, main.queryTruth, task.task().threshold(), rng).report().uar());
                }
            }
        }
        if (task.analyses().labelConfidence()) {
            ctx.listener.onStage("label confidence" + foldName);
            labelConfidence(ctx, fold, main, f, agg);
        }
        for (String pair : task.analyses().taskPairs()) {
            List<String> classes = Arrays.stream(pair.split(",")).map(String::strip).map(s -> s.toLowerCase(Locale.ROOT)).toList();
            Evaluation e = evaluate(ctx, fold, pre, classes, "task pair " + pair + foldName);
            agg.taskPairs.computeIfAbsent(String.join(" vs ", classes), k -> new ArrayList<>()).addAll(boxed(e.uars));
        }
        for (double m : ctx.task.analyses().marginSweep()) {
            ctx.listener.onStage("margin sweep m = " + m + foldName);
            LossSettings ls = task.pretrain().loss();
            String name = m < 0 ? "namp" : m > 0 ? "amproto" : "aproto";
            LossSpec sweepLoss = lossSpec(new LossSettings(name, m, ls.convention(), ls.learnableMargin(),
                    ls.marginMin(), ls.marginMax()));
            Trained tr = train(ctx, fold, foldDir + "/margin_" + formatMargin(m), encoder, sweepLoss, pretrainClasses);
            Evaluation e = evaluate(ctx, fold, tr, taskClasses, "margin " + m + foldName);
            agg.margin.computeIfAbsent(m, k -> new double[][] {new double[0], new double[0]});
            double[][] cur = agg.margin.get(m);
            agg.margin.put(m, new double[][] {concat(cur[0], e.uars), concat(cur[1], e.f1s)});
        }
        for (String lossName : task.analyses().lossComparison()) {
            ctx.listener.onStage("loss " + lossName + foldName);
            LossSettings ls = task.pretrain().loss();
            LossSpec other = lossSpec(new LossSettings(lossName, lossName.equals(ls.name()) ? ls.margin() : null,
                    ls.convention(), false, ls.marginMin(), ls.marginMax()));
            Trained tr = train(ctx, fold, foldDir + "/loss_" + lossName, encoder, other, pretrainClasses);
            Evaluation e = evaluate(ctx, fold, tr, taskClasses, "loss " + lossName + foldName);
            agg.comparison("loss_comparison", lossName, e);
        }
        for (String type : task.analyses().encoderComparison()) {
            ctx.listener.onStage("encoder " + type + foldName);
            EncoderSettings es = task.pretrain().encoder();
            EncoderSpec other = encoderSpec(new EncoderSettings(type, es.gruHidden(), es.modelDim(), es.layers(), es.heads(),
                    es.ffDim(), es.dropout()));
            Trained tr = train(ctx, fold, foldDir + "/encoder_" + type, other, loss, pretrainClasses);
            Evaluation e = evaluate(ctx, fold, tr, taskClasses, "encoder " + type + foldName);
            agg.comparison("encoder_comparison", type, e);
        }
        for (String set : task.analyses().pretrainClasses()) {
            List<String> classes = Arrays.stream(set.split(",")).map(String::strip).map(s -> s.toLowerCase(Locale.ROOT)).toList();
            ctx.listener.onStage("pretrain on " + classes + foldName);
            Trained tr = train(ctx, fold, foldDir + "/pretrain_" + String.join("-", classes), encoder, loss, classes);
            Evaluation e = evaluate(ctx, fold, tr, taskClasses, "pretrain classes " + classes + foldName);
            agg.comparison("pretrain_classes", String.join(",", classes), e);
        }
    }

    private void labelConfidence(Context ctx, Fold fold, Evaluation main, int f, Aggregate agg) {
        List<String> classes = ctx.task.task().classes();
        Map<String, Utterance> byId = new LinkedHashMap<>();
        for (Utterance u : enrollUtterances(ctx.task, fold)) {
            byId.put(u.id(), u);
        }
        boolean any = byId.values().stream().anyMatch(Utterance::hasConfidence);
        if (!any) {
            agg.notes.add("label_confidence: the corpus has no rater agreement; analysis skipped");
            return;
        }
        String ref = classes.get(0);
        Map<String, java.util.function.BiPredicate<String, Utterance>> groups = new LinkedHashMap<>();
        groups.put("confident", (c, u) -> u.confidence() >= 1.0);
        groups.put("less confident", (c, u) -> u.confidence() < 1.0);
        groups.put("confident " + ref, (c, u) -> c.equals(ref) ? u.confidence() >= 1.0 : u.confidence() < 1.0);
        groups.put("confident non-" + ref, (c, u) -> c.equals(ref) ? u.confidence() < 1.0 : u.confidence() >= 1.0);
        SplittableRandom rng = new SplittableRandom(Seeds.derive(ctx.seeds.get("enroll"), "confidence-" + f));
        for (var g : groups.entrySet()) {
            Map<String, List<String>> pools = new LinkedHashMap<>();
            int smallest = Integer.MAX_VALUE;
            for (String c : classes) {
                List<String> pool = main.pools.getOrDefault(c, List.of()).stream()
                        .filter(id -> byId.containsKey(id) && byId.get(id).hasConfidence() && g.getValue().test(c, byId.get(id)))
                        .toList();
                pools.put(c, pool);
                smallest = Math.min(smallest, pool.size());
            }
            if (smallest == 0) {
                agg.notes.add("label_confidence: group '" + g.getKey() + "' has a class without samples in " + fold.name());
                continue;
            }
            int n = Math.min(ctx.task.task().enrollCount(), smallest);
            if (n < ctx.task.task().enrollCount()) {
                agg.notes.add("label_confidence: group '" + g.getKey() + "' enrolls " + n + " per class in " + fold.name());
            }
            for (int r = 0; r < ctx.task.task().repeats(); r++) {
                agg.confidence.computeIfAbsent(g.getKey(), k -> new ArrayList<>()).add(Verification.draw(classes, pools, n,
                        main.embeddings, main.queryIds, main.queryTruth, ctx.task.task().threshold(), rng).report().uar());
            }
        }
    }

    /** A trained encoder: its result and best model file. */
    private record Trained(TrainingResult result, Path model, List<String> classes) {
    }

    private Trained train(Context ctx, Fold fold, String dirName, EncoderSpec encoder, LossSpec loss, List<String> classes) {
        var training = ctx.task.pretrain().training();
        TrainingSpec spec = new TrainingSpec(training.epochs(), training.learningRate(), training.lrStepEpochs(),
                training.lrStepFactor(), training.perClass(), training.episodesPerEpoch(), training.earlyStopping(),
                training.checkpointEvery(), training.validate(), ctx.task.features().maxFrames(),
                ctx.seeds.get("init"), ctx.seeds.get("sampler"));
        List<Sample> train = samples(ctx, fold.train(), classes);
        List<Sample> validation = samples(ctx, fold.validation(), classes);
        TrainingJob job = new TrainingJob(encoder, loss, spec, classes, ctx.inputDims, train, validation, ctx.featureConfig);
        Path dir = ctx.run.subdir("models/" + dirName);
        // On resume a stage continues from its checkpoint; a finished stage is kept as it is.
        TrainingResult result = new Trainer().train(job, dir, ctx.resume, ctx.listener, ctx.cancel);
        if (result.stopReason() == TrainingResult.StopReason.CANCELLED) {
            throw new org.e2v.common.CancelledException();
        }
        if (result.stopReason() == TrainingResult.StopReason.NON_FINITE_LOSS) {
            throw new E2vException(result.message());
        }
        return new Trained(result, result.bestModel(), classes);
    }

    private List<Sample> samples(Context ctx, List<Utterance> utterances, List<String> classes) {
        List<Sample> out = new ArrayList<>();
        for (Utterance u : utterances) {
            int label = classes.indexOf(u.label().name());
            FeatureMatrix m = ctx.features.get(u.id());
            if (label >= 0 && m != null) {
                out.add(new Sample(u.id(), m, label));
            }
        }
        return out;
    }

    /** Embeds the enrollment pool and the queries with the trained encoder, then verifies. */
    private record Evaluation(double pretrainUar, double[] uars, double[] f1s, Verification.Draw first,
                              List<String> queryIds, List<String> queryTruth, Map<String, List<String>> pools,
                              Map<String, float[]> embeddings) {
    }

    private Evaluation evaluate(Context ctx, Fold fold, Trained trained, List<String> classes, String stage) {
        ctx.listener.onStage(stage);
        TaskSpec task = ctx.task;
        Map<String, List<String>> pools = new LinkedHashMap<>();
        for (Utterance u : enrollUtterances(task, fold)) {
            if (classes.contains(u.label().name()) && ctx.features.get(u.id()) != null) {
                pools.computeIfAbsent(u.label().name(), k -> new ArrayList<>()).add(u.id());
            }
        }
        List<String> queryIds = new ArrayList<>();
        List<String> queryTruth = new ArrayList<>();
        List<String> pretrainIds = new ArrayList<>();
        List<String> pretrainTruth = new ArrayList<>();
        for (Utterance u : queryUtterances(task, fold)) {
            if (ctx.features.get(u.id()) == null) {
                continue;
            }
            if (classes.contains(u.label().name())) {
                queryIds.add(u.id());
                queryTruth.add(u.label().name());
            }
            if (trained.classes.contains(u.label().name())) {
                pretrainIds.add(u.id());
                pretrainTruth.add(u.label().name());
            }
        }
        if (queryIds.isEmpty()) {
            throw new E2vException("the " + task.task().querySplit() + " part of " + fold.name()
                    + " has no utterances of " + classes + " to verify");
        }
        Set<String> toEmbed = new LinkedHashSet<>();
        pools.values().forEach(toEmbed::addAll);
        toEmbed.addAll(queryIds);
        Map<String, float[]> emb = new LinkedHashMap<>();
        double pretrainUar;
        try (LoadedModelHandle h = LoadedModelHandle.open(trained.model)) {
            List<String> ids = new ArrayList<>(toEmbed);
            float[][] vectors = h.model.embed(crop(ctx, ids));
            for (int i = 0; i < ids.size(); i++) {
                emb.put(ids.get(i), vectors[i]);
            }
            List<String> predicted = argmax(h.model.logits(crop(ctx, pretrainIds)), trained.classes);
            pretrainUar = pretrainIds.isEmpty() ? Double.NaN : Metrics.evaluate(pretrainTruth, predicted).uar();
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(ctx.seeds.get("enroll"), stage));
        int repeats = task.task().repeats();
        double[] uars = new double[repeats];
        double[] f1s = new double[repeats];
        Verification.Draw first = null;
        for (int r = 0; r < repeats; r++) {
            Verification.Draw d = Verification.draw(classes, pools, task.task().enrollCount(), emb, queryIds, queryTruth,
                    task.task().threshold(), rng);
            if (r == 0) {
                first = d;
            }
            uars[r] = d.report().uar();
            f1s[r] = d.report().weightedF1();
        }
        return new Evaluation(pretrainUar, uars, f1s, first, queryIds, queryTruth, pools, emb);
    }

    private List<String> predictByHead(Context ctx, Trained trained, List<String> ids) {
        try (LoadedModelHandle h = LoadedModelHandle.open(trained.model)) {
            return argmax(h.model.logits(crop(ctx, ids)), trained.classes);
        }
    }

    private static List<String> argmax(float[][] logits, List<String> classes) {
        List<String> out = new ArrayList<>(logits.length);
        for (float[] row : logits) {
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            out.add(classes.get(best));
        }
        return out;
    }

    private List<FeatureMatrix> crop(Context ctx, List<String> ids) {
        List<FeatureMatrix> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(Frames.centreCrop(ctx.features.get(id), ctx.task.features().maxFrames()));
        }
        return out;
    }

    /** A loaded model closed after use (one SameDiff per evaluation, on this thread). */
    private static final class LoadedModelHandle implements AutoCloseable {
        final EncoderModel model;

        private LoadedModelHandle(EncoderModel model) {
            this.model = model;
        }

        static LoadedModelHandle open(Path file) {
            LoadedModel loaded = EncoderModel.load(file, null);
            return new LoadedModelHandle(loaded.model());
        }

        @Override
        public void close() {
            model.close();
        }
    }

    private void writeFoldArtifacts(Context ctx, Trained pre, Evaluation main) {
        RunDirectory run = ctx.run;
        // Through AtomicFiles like every save: a crash mid-copy must not leave a torn model.e2vm.
        org.e2v.common.AtomicFiles.write(run.resolve("model.e2vm"), out -> Files.copy(pre.model, out));
        List<String> ids = new ArrayList<>(main.embeddings.keySet());
        float[][] rows = new float[ids.size()][];
        List<List<?>> idRows = new ArrayList<>();
        Set<String> queries = new HashSet<>(main.queryIds);
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : main.pools.entrySet()) {
            for (String id : e.getValue()) {
                labels.put(id, e.getKey());
            }
        }
        for (int q = 0; q < main.queryIds.size(); q++) {
            labels.put(main.queryIds.get(q), main.queryTruth.get(q));
        }
        for (int i = 0; i < ids.size(); i++) {
            rows[i] = main.embeddings.get(ids.get(i));
            idRows.add(List.of(i, ids.get(i), labels.get(ids.get(i)), queries.contains(ids.get(i)) ? "query" : "enrollment_pool"));
        }
        NpyWriter.write(run.resolve("embeddings.npy"), rows);
        run.writeCsv("embeddings.csv", List.of("row", "id", "label", "role"), idRows);
        List<String> classes = ctx.task.task().classes();
        float[][] protos = new float[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            List<String> enrolled = main.first.enrolled().get(classes.get(c));
            float[] mean = new float[rows.length == 0 ? 0 : rows[0].length];
            for (String id : enrolled) {
                float[] v = main.embeddings.get(id);
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += v[k] / enrolled.size();
                }
            }
            protos[c] = mean;
        }
        NpyWriter.write(run.resolve("prototypes.npy"), protos);
        List<List<?>> enrolledRows = new ArrayList<>();
        for (var e : main.first.enrolled().entrySet()) {
            for (String id : e.getValue()) {
                enrolledRows.add(List.of(e.getKey(), id));
            }
        }
        run.writeCsv("enrolled.csv", List.of("class", "id"), enrolledRows);
        ChartExport.png(Charts.trainingCurves(trainingCurves(pre.result), THEME), run.subdir("charts").resolve("training.png"), 900, 560);
        Set<String> enrolledIds = new HashSet<>();
        main.first.enrolled().values().forEach(enrolledIds::addAll);
        List<String> names = new ArrayList<>(ids);
        List<String> cls = new ArrayList<>(names.stream().map(labels::get).toList());
        List<ChartData.PointKind> kinds = new ArrayList<>();
        List<float[]> points = new ArrayList<>(Arrays.asList(rows));
        for (String id : ids) {
            kinds.add(enrolledIds.contains(id) ? ChartData.PointKind.ENROLLED : ChartData.PointKind.QUERY);
        }
        for (int c = 0; c < classes.size(); c++) {
            names.add("prototype " + classes.get(c));
            cls.add(classes.get(c));
            kinds.add(ChartData.PointKind.PROTOTYPE);
            points.add(protos[c]);
        }
        ChartData.EmbeddingScatter scatter = ChartData.EmbeddingScatter.fromPca("Embeddings (PCA)", names, cls, kinds,
                points.toArray(new float[0][]));
        ChartExport.png(Charts.embeddingScatter(scatter, THEME), run.subdir("charts").resolve("embeddings-pca.png"), 900, 700);
        ChartExport.csv(scatter, run.subdir("charts").resolve("embeddings-pca.csv"));
    }

    private static ChartData.TrainingCurves trainingCurves(TrainingResult r) {
        List<ChartData.EpochPoint> points = new ArrayList<>();
        for (var p : r.history()) {
            points.add(new ChartData.EpochPoint(p.epoch() + 1, p.loss(), p.validationUar()));
        }
        return new ChartData.TrainingCurves("Pretraining", points);
    }

    private void writeCharts(Context ctx, Aggregate agg) {
        RunDirectory run = ctx.run;
        Path charts = run.subdir("charts");
        List<String> classes = ctx.task.task().classes();
        // Predictions of the first draw of every fold: the file e2v metrics reads.
        List<List<?>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("id", "y_true", "y_pred", "fold"));
        for (String c : classes) {
            header.add("d_" + c);
        }
        if (!agg.baselinePredictions.isEmpty()) {
            header.add("y_pred_all");
        }
        List<String> e2vPred = new ArrayList<>();
        int offset = 0;
        for (Verification.Draw d : agg.firstDraws) {
            for (int q = 0; q < d.predicted().size(); q++) {
                int i = offset + q;
                List<Object> row = new ArrayList<>(List.of(agg.queryIds.get(i), agg.queryTruth.get(i), d.predicted().get(q),
                        agg.foldOfQuery.get(i)));
                for (int c = 0; c < classes.size(); c++) {
                    row.add(String.format(Locale.ROOT, "%.6f", d.distances()[q][c]));
                }
                if (!agg.baselinePredictions.isEmpty()) {
                    row.add(agg.baselinePredictions.get(i));
                }
                rows.add(row);
                e2vPred.add(d.predicted().get(q));
            }
            offset += d.predicted().size();
        }
        run.writeCsv("predictions.csv", header, rows);
        ClassificationReport<String> report = Metrics.evaluate(agg.queryTruth, e2vPred);
        ChartExport.png(Charts.confusionMatrix(ChartData.Confusion.of("Enroll-to-verify confusion", report), THEME),
                charts.resolve("confusion.png"), 700, 600);
        if (!agg.polar.isEmpty()) {
            for (var e : agg.polar.entrySet()) {
                Map<String, double[]> byClass = new LinkedHashMap<>();
                e.getValue().forEach((k, v) -> byClass.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
                String[] pair = e.getKey().split(" vs ");
                ChartData.PolarHistogram h = new ChartData.PolarHistogram("Polar distance: " + e.getKey(), pair[0], pair[1],
                        byClass, 18);
                String file = "polar-" + RunDirectory.safeName(e.getKey().replace(" vs ", "-vs-"));
                ChartExport.png(Charts.polarHistogram(h, THEME), charts.resolve(file + ".png"), 900, 560);
                ChartExport.csv(h, charts.resolve(file + ".csv"));
            }
        }
        if (!agg.curve.isEmpty()) {
            List<ChartData.CurvePoint> points = new ArrayList<>();
            agg.curve.forEach((n, v) -> points.add(ChartData.CurvePoint.of(n, v.stream().mapToDouble(Double::doubleValue).toArray())));
            ChartData.EnrollmentCurve c = new ChartData.EnrollmentCurve("UAR vs enrolled samples per class", points);
            ChartExport.png(Charts.enrollmentCurve(c, THEME), charts.resolve("enrollment-curve.png"), 900, 560);
            ChartExport.csv(c, charts.resolve("enrollment-curve.csv"));
        }
        if (!agg.margin.isEmpty()) {
            List<ChartData.MarginPoint> points = new ArrayList<>();
            agg.margin.forEach((m, v) -> points.add(ChartData.MarginPoint.of(m, v[0], v[1])));
            ChartData.MarginSweep s = new ChartData.MarginSweep("Margin sweep", points);
            ChartExport.png(Charts.marginSweep(s, THEME), charts.resolve("margin-sweep.png"), 900, 560);
            ChartExport.csv(s, charts.resolve("margin-sweep.csv"));
        }
        if (!agg.confidence.isEmpty()) {
            List<ChartData.ConfidenceGroup> groups = new ArrayList<>();
            agg.confidence.forEach((g, v) -> groups.add(ChartData.ConfidenceGroup.of(g, v.stream().mapToDouble(Double::doubleValue).toArray())));
            ChartData.ConfidenceBars b = new ChartData.ConfidenceBars("UAR by label confidence of enrolled samples", groups);
            ChartExport.png(Charts.confidenceBars(b, THEME), charts.resolve("label-confidence.png"), 900, 560);
            ChartExport.csv(b, charts.resolve("label-confidence.csv"));
        }
        agg.e2vPredictions = e2vPred;
    }

    // ---- configuration mapping ----

    static EncoderSpec encoderSpec(EncoderSettings s) {
        EncoderSpec d = EncoderSpec.defaults(s.type());
        return new EncoderSpec(s.type(), d.poolSteps(), s.gruHidden(), s.modelDim(), s.layers(), s.heads(), s.ffDim(),
                s.dropout(), s.gruHidden(), d.netvladClusters(), d.cnnChannels(), d.cnnLayers(), d.cnnKernel(), d.bucketFrames());
    }

    static LossSpec lossSpec(LossSettings s) {
        LossSpec d = LossSpec.of(s.name(), s.margin());
        return new LossSpec(s.name(), s.margin(), s.convention(), s.learnableMargin(), s.marginMin(), s.marginMax(),
                d.scale(), d.initW(), d.initB(), d.ceWeight());
    }

    private static FeatureSpec featureSpec(TaskSpec task, Path taskFile) {
        String ex = task.features().extractor();
        if (ex.startsWith("npy:")) {
            Path p = Path.of(ex.substring(4));
            if (!p.isAbsolute() && taskFile != null && taskFile.toAbsolutePath().getParent() != null) {
                p = taskFile.toAbsolutePath().getParent().resolve(p).normalize();
            }
            ex = "npy:" + p;
        }
        return FeatureSpecs.parse(ex, Map.of("normalisation", task.features().normalization()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> featureConfig(FeatureSpec spec) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(FeatureSpecs.canonicalJson(spec), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code task} with its corpus (unless the shipped demo) and imported feature paths made absolute. */
    static TaskSpec selfContained(TaskSpec task, Path taskFile, Path corpusPath, boolean overridden) {
        var c = task.corpus();
        String corpus = c.path().equals("demo") && !overridden ? "demo" : corpusPath.toString();
        var f = task.features();
        String extractor = f.extractor();
        if (extractor.startsWith("npy:")) {
            extractor = "npy:" + featureSpecPath(extractor.substring(4), taskFile);
        }
        return new TaskSpec(task.name(), task.seed(), new org.e2v.experiment.task.CorpusRef(corpus, c.format(), c.dropLabels()),
                new org.e2v.experiment.task.FeaturesRef(extractor, f.normalization(), f.maxFrames()), task.splits(),
                task.pretrain(), task.task(), task.analyses());
    }

    private static Path featureSpecPath(String p, Path taskFile) {
        Path path = Path.of(p);
        if (!path.isAbsolute() && taskFile != null && taskFile.toAbsolutePath().getParent() != null) {
            path = taskFile.toAbsolutePath().getParent().resolve(path);
        }
        return path.toAbsolutePath().normalize();
    }

    static Path resolveCorpus(TaskSpec task, Path taskFile, Path override) {
        if (override != null) {
            return override.toAbsolutePath().normalize();
        }
        String p = task.corpus().path();
        if (p.equals("demo")) {
            return AppInfo.resourcesDir().resolve("demo").resolve("manifest.csv");
        }
        Path path = Path.of(p);
        if (!path.isAbsolute() && taskFile != null && taskFile.toAbsolutePath().getParent() != null) {
            path = taskFile.toAbsolutePath().getParent().resolve(path);
        }
        return path.normalize();
    }

    private static SplitPlan plan(TaskSpec task, Corpus corpus, long seed) {
        return switch (task.splits().scheme()) {
            case "loso" -> Splits.leaveOneSpeakerOut(corpus, seed, 1);
            case "lodo" -> Splits.leaveOneDyadOut(corpus, seed);
            default -> Splits.corpusDefined(corpus);
        };
    }

    /** When a fold has no validation part, moves a fraction of its training speakers there. */
    static Fold withValidation(Fold fold, double fraction, long seed) {
        if (!fold.validation().isEmpty()) {
            return fold;
        }
        List<String> speakers = fold.train().stream().map(u -> u.speaker().id()).distinct().sorted().toList();
        if (speakers.size() < 2) {
            throw new E2vException(fold.name() + " has no validation part and only one training speaker to move there");
        }
        int n = Math.max(1, (int) Math.round(speakers.size() * fraction));
        Set<String> chosen = new HashSet<>(Verification.sample(speakers, n, new SplittableRandom(Seeds.derive(seed, "validation"))));
        List<Utterance> train = fold.train().stream().filter(u -> !chosen.contains(u.speaker().id())).toList();
        List<Utterance> val = fold.train().stream().filter(u -> chosen.contains(u.speaker().id()))
                .map(u -> u.withSplit(Split.VALIDATION)).toList();
        return new Fold(fold.name(), train, val, fold.test());
    }

    private static List<Utterance> enrollUtterances(TaskSpec task, Fold fold) {
        return part(task.task().enrollSplit(), fold);
    }

    private static List<Utterance> queryUtterances(TaskSpec task, Fold fold) {
        return part(task.task().querySplit(), fold);
    }

    private static List<Utterance> part(String split, Fold fold) {
        return switch (split) {
            case "train" -> fold.train();
            case "test" -> fold.test();
            default -> fold.validation();
        };
    }

    private static Set<String> neededClasses(TaskSpec t) {
        Set<String> s = new LinkedHashSet<>(t.pretrain().classes());
        s.addAll(t.task().classes());
        for (String pair : t.analyses().taskPairs()) {
            Arrays.stream(pair.split(",")).map(String::strip).map(x -> x.toLowerCase(Locale.ROOT)).forEach(s::add);
        }
        for (String set : t.analyses().pretrainClasses()) {
            Arrays.stream(set.split(",")).map(String::strip).map(x -> x.toLowerCase(Locale.ROOT)).forEach(s::add);
        }
        return s;
    }

    private static Map<String, Long> countByLabel(List<Utterance> us) {
        Map<String, Long> m = new TreeMap<>();
        for (Utterance u : us) {
            m.merge(u.label().name(), 1L, Long::sum);
        }
        return m;
    }

    private static Map<String, Object> corpusProvenance(Path path, LoadedCorpus loaded, List<Fold> folds) {
        Corpus c = loaded.corpus();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path.toString());
        m.put("format", c.format());
        m.put("utterances", c.utterances().size());
        m.put("hash", corpusHash(c));
        m.put("per_class", countByLabel(c.utterances()));
        Map<String, Long> perSplit = new TreeMap<>();
        c.utterances().forEach(u -> perSplit.merge(u.split().id(), 1L, Long::sum));
        m.put("per_split", perSplit);
        m.put("excluded", loaded.excluded());
        m.put("problems", c.problems().stream().map(Object::toString).toList());
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Fold f : folds) {
            fs.add(Map.of("name", f.name(), "train", f.train().size(), "validation", f.validation().size(),
                    "test", f.test().size()));
        }
        m.put("folds", fs);
        return m;
    }

    /**
     * SHA-256 over every utterance's id, label, speaker, split and audio file size, in order: it
     * changes when the corpus does, without reading every audio file (the feature cache hashes
     * audio content).
     */
    static String corpusHash(Corpus c) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Utterance u : c.utterances()) {
                long size = -1;
                try {
                    size = u.audio() == null ? -1 : Files.size(u.audio());
                } catch (IOException e) {
                    size = -2;
                }
                md.update((u.id() + "|" + u.label() + "|" + u.speaker().id() + "|" + u.split() + "|" + size + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> versions() {
        var backend = BackendInfo.describe();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("e2v", AppInfo.version());
        m.put("java", System.getProperty("java.version"));
        m.put("nd4j", "1.0.0-M2.1");
        m.put("nd4j_backend", backend.backend());
        m.put("nd4j_backend_kind", backend.kind());
        // the BLAS (and its version) does the products; float results differ in the last bits between builds
        m.put("blas", backend.blasVendor());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String formatMargin(double m) {
        return String.format(Locale.ROOT, "%+.2f", m);
    }

    /** Everything shared by the stages of one run. */
    private record Context(TaskSpec task, RunDirectory run, FeatureResult features, int inputDims,
                           Map<String, Object> featureConfig, Map<String, Long> seeds, ExperimentListener listener,
                           CancellationToken cancel, boolean resume) {
    }

    /** Results collected over folds. */
    private static final class Aggregate {
        final List<Double> pretrainUar = new ArrayList<>();
        final List<Double> verifyUar = new ArrayList<>();
        final List<Double> verifyF1 = new ArrayList<>();
        final List<Double> baselineUar = new ArrayList<>();
        final List<String> baselinePredictions = new ArrayList<>();
        final List<Verification.Draw> firstDraws = new ArrayList<>();
        final List<String> queryIds = new ArrayList<>();
        final List<String> queryTruth = new ArrayList<>();
        final List<String> foldOfQuery = new ArrayList<>();
        final List<List<org.e2v.train.EpochProgress>> history = new ArrayList<>();
        final Map<String, Map<String, List<Double>>> polar = new LinkedHashMap<>();
        final Map<Integer, List<Double>> curve = new TreeMap<>();
        final Map<Double, double[][]> margin = new TreeMap<>();
        final Map<String, List<Double>> confidence = new LinkedHashMap<>();
        final Map<String, List<Double>> taskPairs = new LinkedHashMap<>();
        final Map<String, Map<String, Map<String, List<Double>>>> comparisons = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        List<String> classes = List.of();
        List<String> e2vPredictions = List.of();

        void comparison(String analysis, String key, Evaluation e) {
            Map<String, List<Double>> m = comparisons.computeIfAbsent(analysis, k -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new LinkedHashMap<>());
            m.computeIfAbsent("pretrain_uar", k -> new ArrayList<>()).add(e.pretrainUar);
            for (double u : e.uars) {
                m.computeIfAbsent("verify_uar", k -> new ArrayList<>()).add(u);
            }
            for (double f : e.f1s) {
                m.computeIfAbsent("verify_weighted_f1", k -> new ArrayList<>()).add(f);
            }
        }

        Map<String, Object> metrics(TaskSpec task) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pretrain", Map.of("uar", mean(pretrainUar), "classes", task.pretrain().classes(),
                    "per_fold_uar", pretrainUar));
            Map<String, Object> verify = new LinkedHashMap<>();
            verify.put("uar", mean(verifyUar));
            verify.put("uar_std", std(verifyUar));
            verify.put("weighted_f1", mean(verifyF1));
            verify.put("weighted_f1_std", std(verifyF1));
            verify.put("classes", task.task().classes());
            verify.put("enroll_count", task.task().enrollCount());
            verify.put("repeats", task.task().repeats());
            verify.put("queries", queryIds.size());
            verify.put("folds", firstDraws.size());
            m.put("verify", verify);
            if (!baselineUar.isEmpty()) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("uar", mean(baselineUar));
                b.put("per_fold_uar", baselineUar);
                List<String> e2v = new ArrayList<>();
                firstDraws.forEach(d -> e2v.addAll(d.predicted()));
                McNemarResult mc = Metrics.mcNemar(queryTruth, e2v, baselinePredictions);
                b.put("mcnemar_vs_enroll_to_verify", Map.of("b_e2v_right_all_wrong", mc.b(), "c_e2v_wrong_all_right", mc.c(),
                        "p_exact", mc.pExact(), "chi2_cc", mc.chi2Cc(), "p_chi2_cc", mc.pChi2Cc()));
                m.put("baseline_all", b);
            }
            if (!curve.isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>();
                curve.forEach((n, v) -> c.put(Integer.toString(n), Map.of("uar_mean", mean(v), "uar_std", std(v), "draws", v.size())));
                m.put("enrollment_curve", c);
            }
            if (!margin.isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>();
                margin.forEach((mm, v) -> c.put(String.format(Locale.ROOT, "%.2f", mm), Map.of(
                        "uar_mean", ChartData.mean(v[0]), "uar_std", ChartData.std(v[0]),
                        "weighted_f1_mean", ChartData.mean(v[1]), "weighted_f1_std", ChartData.std(v[1]))));
                m.put("margin_sweep", c);
            }
            if (!polar.isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>();
                polar.forEach((pair, byClass) -> {
                    Map<String, Object> pc = new LinkedHashMap<>();
                    byClass.forEach((cls, angles) -> pc.put(cls, Map.of("mean_angle_deg", mean(angles), "count", angles.size())));
                    c.put(pair, pc);
                });
                m.put("polar_histogram", c);
            }
            if (!confidence.isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>();
                confidence.forEach((g, v) -> c.put(g, Map.of("uar_mean", mean(v), "uar_std", std(v))));
                m.put("label_confidence", c);
            }
            if (!taskPairs.isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>();
                taskPairs.forEach((p, v) -> c.put(p, Map.of("uar_mean", mean(v), "uar_std", std(v))));
                m.put("task_pairs", c);
            }
            comparisons.forEach((analysis, byKey) -> {
                Map<String, Object> c = new LinkedHashMap<>();
                byKey.forEach((k, values) -> {
                    Map<String, Object> vm = new LinkedHashMap<>();
                    values.forEach((metric, v) -> vm.put(metric, mean(v)));
                    c.put(k, vm);
                });
                m.put(analysis, c);
            });
            if (!notes.isEmpty()) {
                m.put("notes", notes);
            }
            return m;
        }

        private static double mean(List<Double> v) {
            return ChartData.mean(v.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private static double std(List<Double> v) {
            return ChartData.std(v.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
