package org.e2v.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.e2v.enroll.EnrollmentSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code e2v bench enroll}: how long the enrollment screen waits after one drag-and-drop, i.e. one
 * {@link EnrollmentSession#enroll} (prototype update + re-verification of every query + metrics).
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Time re-verifying Q random queries against C prototypes after enrolling or removing one "
                + "sample (median and p95 in ms, JSON). Also times a from-scratch re-verification of all C columns.")
public final class BenchEnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--queries", defaultValue = "10000", description = "Number of query embeddings Q (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--classes", defaultValue = "6", description = "Number of classes C (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--dims", defaultValue = "256", description = "Embedding dimension E (default ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--enrolled", defaultValue = "10", description = "Samples enrolled per class before timing (default ${DEFAULT-VALUE}).")
    int enrolledPerClass;

    @Option(names = "--repeats", defaultValue = "200", description = "Timed edits of each kind (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "100", description = "Untimed edits first, for the JIT (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random embeddings (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (queries < 1 || classes < 1 || dims < 1 || enrolledPerClass < 1 || repeats < 1 || warmup < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--queries, --classes, --dims, --enrolled and --repeats must be >= 1, --warmup >= 0");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] q = new float[queries][dims];
        List<String> ids = new ArrayList<>(queries);
        List<String> truth = new ArrayList<>(queries);
        for (int i = 0; i < queries; i++) {
            for (int e = 0; e < dims; e++) {
                q[i][e] = (float) (rng.nextDouble() * 2 - 1);
            }
            ids.add("q" + i);
            truth.add("class" + (i % classes));
        }
        EnrollmentSession session = new EnrollmentSession(ids, q, truth);
        for (int c = 0; c < classes; c++) {
            session.addClass("class" + c);
            for (int k = 0; k < enrolledPerClass; k++) {
                session.enroll("class" + c, "enrolled-" + c + "-" + k, randomVector(rng));
            }
        }
        float[] extra = randomVector(rng);
        long[] add = new long[repeats];
        long[] remove = new long[repeats];
        for (int i = 0; i < warmup + repeats; i++) {
            String cls = "class" + (i % classes);
            long t0 = System.nanoTime();
            session.enroll(cls, "extra", extra);
            long t1 = System.nanoTime();
            session.unenroll("extra");
            long t2 = System.nanoTime();
            if (i >= warmup) {
                add[i - warmup] = t1 - t0;
                remove[i - warmup] = t2 - t1;
            }
        }
        int fullRepeats = Math.max(1, Math.min(repeats, 50));
        long[] full = new long[fullRepeats];
        for (int i = 0; i < fullRepeats; i++) {
            long t0 = System.nanoTime();
            session.reverifyAll();
            full[i] = System.nanoTime() - t0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queries", queries);
        out.put("classes", classes);
        out.put("dims", dims);
        out.put("enrolled_per_class", enrolledPerClass);
        out.put("repeats", repeats);
        out.put("add_then_reverify_ms", stats(add));
        out.put("remove_then_reverify_ms", stats(remove));
        out.put("full_reverify_all_columns_ms", stats(full));
        out.put("target_ms", 16);
        out.put("java", System.getProperty("java.version"));
        out.put("logical_cores", Runtime.getRuntime().availableProcessors());
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    private float[] randomVector(SplittableRandom rng) {
        float[] v = new float[dims];
        for (int e = 0; e < dims; e++) {
            v[e] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static Map<String, Object> stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", percentile(sorted, 0.5) / 1e6);
        m.put("p95", percentile(sorted, 0.95) / 1e6);
        m.put("min", sorted[0] / 1e6);
        m.put("max", sorted[sorted.length - 1] / 1e6);
        return m;
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
