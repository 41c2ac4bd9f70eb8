package org.e2v.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.e2v.common.E2vException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code e2v bench fuzz}: feeds each input reader (WAV, .npy, CSV, manifest, task file) mutated
 * valid files and random bytes, and counts how many were accepted, rejected with a clear error
 * naming the file, or failed in any other way ("unexpected", which must be zero). Uses the same
 * targets and mutations as the jqwik properties in the test suite, at a larger number of inputs.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the input readers with mutated valid files (bit flips, truncations, insertions, random "
                + "headers, boundary integers, syntax tokens) and random bytes; JSON counts per target: inputs, "
                + "accepted, rejected with a clear error, unexpected. Exit code 1 when anything was unexpected.")
public final class BenchFuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tries", defaultValue = "10000", description = "Inputs per target (default ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--target", split = ",", description = "Targets to fuzz (default: all of wav, npy, csv, manifest, task).")
    List<String> targets;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the mutation generator (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-mutations", defaultValue = "4", description = "Mutations stacked on one input, at most (default ${DEFAULT-VALUE}).")
    int maxMutations;

    @Option(names = "--random-fraction", defaultValue = "0.1",
            description = "Fraction of inputs that are random bytes instead of mutated seeds (default ${DEFAULT-VALUE}).")
    double randomFraction;

    /** Unexpected outcomes listed in full per target; the rest are only counted. */
    private static final int EXAMPLES = 10;

    @Override
    public Integer call() {
        if (tries < 1 || maxMutations < 1 || randomFraction < 0 || randomFraction > 1) {
            throw new E2vException("--tries and --max-mutations must be >= 1 and --random-fraction in [0, 1]");
        }
        // Truncated WAV files are read up to their end with a logged warning; thousands would flood stderr.
        java.util.logging.Logger wavLog = java.util.logging.Logger.getLogger("org.e2v.audio.WavReader");
        java.util.logging.Level wavLevel = wavLog.getLevel();
        wavLog.setLevel(java.util.logging.Level.SEVERE);
        try {
            return fuzzAll();
        } finally {
            wavLog.setLevel(wavLevel);
        }
    }

    private int fuzzAll() {
        List<String> names = targets == null || targets.isEmpty() ? FuzzTargets.NAMES : targets;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "input fuzzing");
        out.put("tries_per_target", tries);
        out.put("seed", seed);
        Map<String, Object> results = new LinkedHashMap<>();
        long unexpectedTotal = 0;
        for (String name : names) {
            Map<String, Object> r = fuzz(name, new SplittableRandom(seed ^ name.hashCode()));
            unexpectedTotal += (long) r.get("unexpected");
            results.put(name, r);
        }
        out.put("targets", results);
        out.put("unexpected_total", unexpectedTotal);
        Json.print(spec.commandLine().getOut(), out);
        return unexpectedTotal == 0 ? 0 : 1;
    }

    private Map<String, Object> fuzz(String name, SplittableRandom rng) {
        long accepted = 0;
        long rejected = 0;
        long unexpected = 0;
        long randomInputs = 0;
        long maxNanos = 0;
        String slowest = "";
        List<String> examples = new ArrayList<>();
        Map<String, Long> rejectionKinds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (FuzzTargets.Session session = new FuzzTargets.Session(name)) {
            List<FuzzTargets.Seed> seeds = session.seeds();
            for (int i = 0; i < tries; i++) {
                FuzzTargets.Seed like = seeds.get(rng.nextInt(seeds.size()));
                byte[] input;
                String how;
                if (rng.nextDouble() < randomFraction) {
                    input = Mutation.random(rng.nextInt(2049), rng.nextLong());
                    how = input.length + " random bytes";
                    randomInputs++;
                } else {
                    List<Mutation> ms = new ArrayList<>();
                    int count = 1 + rng.nextInt(maxMutations);
                    for (int m = 0; m < count; m++) {
                        ms.add(Mutation.random(rng, 64));
                    }
                    input = Mutation.applyAll(like.bytes(), ms);
                    how = "seed " + seeds.indexOf(like) + " with " + ms;
                }
                long s = System.nanoTime();
                FuzzTargets.Result r = session.check(like, input);
                long nanos = System.nanoTime() - s;
                if (nanos > maxNanos) {
                    maxNanos = nanos;
                    slowest = how + " -> " + r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail());
                }
                switch (r.outcome()) {
                    case ACCEPTED -> accepted++;
                    case REJECTED -> {
                        rejected++;
                        rejectionKinds.merge(problemKind(r.detail()), 1L, Long::sum);
                    }
                    case UNEXPECTED -> {
                        unexpected++;
                        if (examples.size() < EXAMPLES) {
                            examples.add(r.detail());
                        }
                    }
                    default -> throw new IllegalStateException(r.outcome().name());
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", (long) tries);
        m.put("random_byte_inputs", randomInputs);
        m.put("accepted", accepted);
        m.put("rejected_with_clear_error", rejected);
        m.put("unexpected", unexpected);
        m.put("max_ms_per_input", BenchSupport.round(maxNanos / 1e6));
        m.put("slowest_input", slowest.length() > 400 ? slowest.substring(0, 400) + "…" : slowest);
        m.put("wall_s", BenchSupport.round((System.nanoTime() - t0) / 1e9));
        m.put("top_rejections", top(rejectionKinds, 8));
        m.put("unexpected_examples", examples);
        return m;
    }

    /** The problem text with the file name, numbers and quoted parts blanked, to group similar messages. */
    static String problemKind(String message) {
        int colon = message.indexOf(": ");
        String problem = colon >= 0 ? message.substring(colon + 2) : message;
        problem = problem.replaceAll("\"[^\"]*\"|'[^']*'", "'…'").replaceAll("-?[0-9][0-9.xA-Fa-f]*", "N");
        return problem.length() > 90 ? problem.substring(0, 90) + "…" : problem;
    }

    private static Map<String, Long> top(Map<String, Long> counts, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
