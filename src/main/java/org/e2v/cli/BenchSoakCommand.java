package org.e2v.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.common.E2vException;
import org.e2v.domain.FeatureMatrix;
import org.e2v.model.EncoderModel;
import org.e2v.model.EncoderSpec;
import org.e2v.model.HeadCrossEntropyLoss;
import org.e2v.model.LossSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code e2v bench soak}: trains a small encoder for many steps and embeds many utterances while
 * sampling the process's resident set size (VmRSS) and the Java heap, to show that native memory
 * (ND4J buffers, SameDiff sessions) stays flat over long runs. Prints JSON with RSS at the start,
 * after warm-up and at the end, its maximum, and the least-squares slope after warm-up.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Long-run memory check: train a small encoder for --steps steps on synthetic episodes, "
                + "then embed --embeddings synthetic utterances, sampling VmRSS and the Java heap (JSON: start, "
                + "after warm-up, end, max, slope per 1000 steps / per 10000 embeddings).")
public final class BenchSoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--steps", defaultValue = "1000", description = "Training steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--embeddings", defaultValue = "100000", description = "Utterances to embed (default ${DEFAULT-VALUE}).")
    int embeddings;

    @Option(names = "--sample-every", defaultValue = "50",
            description = "Training steps between memory samples; embedding calls are sampled every 10x this "
                    + "many utterances (default ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--warmup-fraction", defaultValue = "0.1",
            description = "Leading fraction of each phase excluded from the slope: graph building, JIT and "
                    + "heap sizing happen there (default ${DEFAULT-VALUE}).")
    double warmupFraction;

    @Option(names = "--type", defaultValue = EncoderSpec.GRU_TRANSFORMER, description = EncoderSpec.TYPE_DESCRIPTION)
    String type;

    @Option(names = "--model-dim", defaultValue = "64", description = "Model dimension of the small encoder (default ${DEFAULT-VALUE}).")
    int modelDim;

    @Option(names = "--dims", defaultValue = "40", description = "Feature dimension D (default ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--classes", defaultValue = "4", description = "Classes K per episode (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--per-class", defaultValue = "5", description = "Utterances N per class (default ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--embed-batch", defaultValue = "100", description = "Utterances per embed call (default ${DEFAULT-VALUE}).")
    int embedBatch;

    @Option(names = "--gc-every", defaultValue = "0",
            description = "Call System.gc() every this many steps/embed calls (0: never). Tells native garbage that "
                    + "waits for a collection apart from memory that is really kept (default ${DEFAULT-VALUE}).")
    int gcEvery;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the model and the synthetic data.")
    long seed;

    /** Frame counts of the synthetic utterances: several lengths so that several graph buckets are used. */
    private static final int[] FRAMES = {60, 100, 150, 220};

    @Override
    public Integer call() {
        SameDiffNoiseFilter.install();
        if (steps < 1 || embeddings < 0 || sampleEvery < 1 || classes < 2 || perClass < 2 || embedBatch < 1
                || dims < 1 || modelDim < 2 || warmupFraction < 0 || warmupFraction >= 1) {
            throw new E2vException("steps, sample-every, embed-batch, dims must be >= 1, classes and per-class >= 2, "
                    + "model-dim >= 2 and warmup-fraction in [0, 1)");
        }
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            classNames.add("class" + k);
        }
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        List<List<FeatureMatrix>> episodes = new ArrayList<>();
        for (int e = 0; e < FRAMES.length; e++) {
            episodes.add(BenchSupport.utterances(classes * perClass, FRAMES[e], dims, seed + e));
        }
        List<FeatureMatrix> pool = new ArrayList<>();
        for (int e = 0; e < FRAMES.length; e++) {
            pool.addAll(BenchSupport.utterances(50, FRAMES[e], dims, seed + 100 + e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "memory soak");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", type);
        config.put("model_dim", modelDim);
        config.put("dims_D", dims);
        config.put("classes_K", classes);
        config.put("per_class_N", perClass);
        config.put("frames", FRAMES);
        config.put("embed_batch", embedBatch);
        config.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        config.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        config.put("gc_every", gcEvery);
        out.put("config", config);
        double rssBeforeModel = rssMb();
        out.put("rss_before_model_mb", rssBeforeModel);
        long t0 = System.nanoTime();
        try (EncoderModel model = EncoderModel.create(encoderSpec(), dims, classNames, LossSpec.of("sm", 0),
                new HeadCrossEntropyLoss(), seed)) {
            Phase training = new Phase("step", steps);
            training.sample(0);
            for (int s = 1; s <= steps; s++) {
                double loss = model.trainStep(episodes.get(s % episodes.size()), labels, classes, perClass, 1e-3).loss();
                if (!Double.isFinite(loss)) {
                    throw new E2vException("the soak run's loss became " + loss + " at step " + s);
                }
                if (gcEvery > 0 && s % gcEvery == 0) {
                    System.gc();
                }
                if (s % sampleEvery == 0 || s == steps) {
                    training.sample(s);
                }
            }
            Map<String, Object> trainingSummary = training.summary(1000, "slope_mb_per_1000_steps");
            trainingSummary.put("full_gcs_by_the_model", model.collections());
            out.put("training", trainingSummary);
            long gcsBeforeEmbedding = model.collections();
            Phase embedding = new Phase("embeddings", embeddings);
            embedding.sample(0);
            int every = sampleEvery * 10;
            int done = 0;
            int nextSample = every;
            int offset = 0;
            while (done < embeddings) {
                int n = Math.min(embedBatch, embeddings - done);
                List<FeatureMatrix> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(pool.get((offset + i) % pool.size()));
                }
                offset = (offset + n) % pool.size();
                float[][] e = model.embed(batch);
                if (e.length != n) {
                    throw new E2vException("embed returned " + e.length + " rows for " + n + " inputs");
                }
                done += n;
                if (gcEvery > 0 && (done / embedBatch) % gcEvery == 0) {
                    System.gc();
                }
                if (done >= nextSample || done == embeddings) {
                    embedding.sample(done);
                    nextSample += every;
                }
            }
            Map<String, Object> embeddingSummary = embedding.summary(10_000, "slope_mb_per_10000_embeddings");
            embeddingSummary.put("full_gcs_by_the_model", model.collections() - gcsBeforeEmbedding);
            out.put("embedding", embeddingSummary);
        }
        out.put("wall_s", BenchSupport.round((System.nanoTime() - t0) / 1e9));
        // VmHWM is updated lazily from per-thread counters and read slightly below a (64 KB in one test run)
        // VmRSS sampled moments earlier: the peak is at least every sample
        Double hwm = BenchSupport.peakRssMb();
        double sampledMax = Math.max(maxSampled(out.get("training")), maxSampled(out.get("embedding")));
        out.put("peak_rss_mb", hwm == null ? null : BenchSupport.round(Math.max(hwm, sampledMax)));
        out.put("machine", BenchSupport.machine());
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    private static double maxSampled(Object phaseSummary) {
        return phaseSummary instanceof Map<?, ?> m && m.get("rss_max_mb") instanceof Double d && !d.isNaN() ? d : 0;
    }

    private EncoderSpec encoderSpec() {
        try {
            EncoderSpec d = EncoderSpec.defaults(type);
            return new EncoderSpec(d.type(), d.poolSteps(), modelDim, modelDim, 1, 2, modelDim * 2, d.dropout(),
                    modelDim / 2, d.netvladClusters(), d.cnnChannels(), d.cnnLayers(), d.cnnKernel(), d.bucketFrames());
        } catch (IllegalArgumentException e) {
            throw new E2vException("invalid encoder settings: " + e.getMessage(), e);
        }
    }

    /** Memory samples of one phase (training or embedding) against its progress counter. */
    private final class Phase {
        private final String unit;
        private final int total;
        private final List<double[]> samples = new ArrayList<>(); // {x, rssMb, heapUsedMb, heapCommittedMb}
        private final long startNanos = System.nanoTime();

        Phase(String unit, int total) {
            this.unit = unit;
            this.total = total;
        }

        void sample(int x) {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            double[] s = {x, rssMb(), heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0};
            samples.add(s);
            // progress on stderr so that a long soak shows where it is; stdout stays pure JSON
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "soak %s %d/%d: rss %.1f MB, heap used %.1f MB%n",
                    unit, x, total, s[1], s[2]);
            spec.commandLine().getErr().flush();
        }

        Map<String, Object> summary(double per, String slopeName) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(unit, total);
            m.put("wall_s", BenchSupport.round((System.nanoTime() - startNanos) / 1e9));
            double warm = total * warmupFraction;
            double[] afterWarmup = samples.stream().filter(s -> s[0] >= warm).findFirst().orElse(samples.get(0));
            m.put("rss_start_mb", BenchSupport.round(samples.get(0)[1]));
            m.put("rss_after_warmup_mb", BenchSupport.round(afterWarmup[1]));
            m.put("warmup_ends_at", (int) afterWarmup[0]);
            m.put("rss_end_mb", BenchSupport.round(samples.get(samples.size() - 1)[1]));
            m.put("rss_max_mb", BenchSupport.round(samples.stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN)));
            List<double[]> tail = samples.stream().filter(s -> s[0] >= afterWarmup[0]).toList();
            m.put(slopeName, BenchSupport.round(slope(tail, 1) * per));
            m.put("heap_committed_end_mb", BenchSupport.round(samples.get(samples.size() - 1)[3]));
            m.put("heap_slope_mb_per_" + (long) per + "_" + unit.replace("step", "steps"),
                    BenchSupport.round(slope(tail, 2) * per));
            List<List<Double>> table = new ArrayList<>();
            for (double[] s : samples) {
                table.add(List.of(s[0], BenchSupport.round(s[1]), BenchSupport.round(s[2])));
            }
            m.put("samples_x_rss_mb_heap_used_mb", table);
            return m;
        }
    }

    /** Least-squares slope of column {@code col} against column 0. */
    static double slope(List<double[]> points, int col) {
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0];
            my += p[col];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[col] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** Current resident set size in MiB (VmRSS of /proc/self/status); NaN where /proc is unavailable. */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
