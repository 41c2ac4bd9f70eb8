package org.e2v.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend runs the models, on which devices and with how many threads. */
public final class BackendInfo {
    private BackendInfo() {
    }

    /**
     * Describes the active backend. Loads ND4J's native library on first use (about a second).
     *
     * @return a record with backend name, device list and thread settings
     */
    public static BackendDescription describe() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        List<String> devices = new ArrayList<>();
        boolean cuda = backend.toLowerCase().contains("cuda") || backend.toLowerCase().contains("jcublas");
        if (cuda) {
            Object info = env.get("cuda.devicesInformation");
            if (info instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        devices.add(String.valueOf(m.get("cuda.deviceName")) + " (" + m.get("cuda.totalMemory") + " bytes)");
                    }
                }
            }
            if (devices.isEmpty()) {
                devices.add(Nd4j.getAffinityManager().getNumberOfDevices() + " CUDA device(s)");
            }
        } else {
            devices.add("CPU: " + Runtime.getRuntime().availableProcessors() + " logical cores"
                    + (env.get("cpu.features") == null ? "" : ""));
        }
        return new BackendDescription(cuda ? "cuda" : "cpu", backend, devices,
                withVersion(String.valueOf(env.getOrDefault("blas.vendor", "unknown"))),
                String.valueOf(env.getOrDefault("omp.threads", "unknown")));
    }

    /**
     * The BLAS vendor with the version of the JavaCPP OpenBLAS on the class path where that is the
     * vendor (decision 0137 chose it, so benchmark figures should name it), e.g. "OPENBLAS 0.3.21-1.5.8".
     */
    static String withVersion(String vendor) {
        if (!vendor.equalsIgnoreCase("OPENBLAS")) {
            return vendor;
        }
        try {
            String version = org.bytedeco.javacpp.Loader.getVersion("org.bytedeco", "openblas");
            return version == null ? vendor : vendor + " " + version;
        } catch (java.io.IOException | RuntimeException e) {
            return vendor;
        }
    }

    /**
     * @param kind       "cpu" or "cuda"
     * @param backend    ND4J backend class name
     * @param devices    human-readable device descriptions
     * @param blasVendor BLAS library in use
     * @param ompThreads OpenMP threads ND4J reports
     */
    public record BackendDescription(String kind, String backend, List<String> devices, String blasVendor,
                                     String ompThreads) {
    }
}
