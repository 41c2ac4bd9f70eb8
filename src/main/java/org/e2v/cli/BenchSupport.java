package org.e2v.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.e2v.common.AppInfo;
import org.e2v.domain.FeatureMatrix;
import org.e2v.model.BackendInfo;

/** Shared pieces of the encoder benchmarks: synthetic inputs, statistics, memory and machine figures. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** {@code count} utterances of {@code frames} x {@code dims} standard-normal values. */
    static List<FeatureMatrix> utterances(int count, int frames, int dims, long seed) {
        Random rng = new Random(seed);
        List<FeatureMatrix> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] data = new float[frames * dims];
            for (int j = 0; j < data.length; j++) {
                data[j] = (float) rng.nextGaussian();
            }
            out.add(new FeatureMatrix("bench" + i, frames, dims, data));
        }
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static Map<String, Object> stats(double[] seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", seconds.length);
        m.put("median_s", round(median(seconds)));
        m.put("min_s", round(Arrays.stream(seconds).min().orElse(Double.NaN)));
        m.put("mean_s", round(Arrays.stream(seconds).average().orElse(Double.NaN)));
        m.put("max_s", round(Arrays.stream(seconds).max().orElse(Double.NaN)));
        return m;
    }

    /**
     * CPU time of the calling thread in seconds. With OMP_NUM_THREADS=1 ND4J and OpenBLAS compute
     * on the calling thread, so this is the work done, unlike wall time, which on a shared machine
     * also counts waiting for a core.
     */
    static double threadCpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    /**
     * CPU time of the whole process (all threads: OpenMP and BLAS workers, GC) in seconds, or NaN
     * where the JVM does not report it. Over a timed step this is the work the step cost on all
     * cores, which a loaded shared machine does not inflate the way it inflates wall time.
     */
    static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }

    /** Peak resident set size in MiB (VmHWM of /proc/self/status), or null where /proc is unavailable. */
    static Double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return round(Long.parseLong(kb) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        var backend = BackendInfo.describe();
        m.put("nd4j_backend", backend.backend());
        m.put("blas", backend.blasVendor());
        m.put("nd4j_omp_threads", backend.ompThreads());
        m.putAll(AppInfo.threadsAndHeap());
        m.put("load_average_1min", loadAverage());
        return m;
    }

    private static Object loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
