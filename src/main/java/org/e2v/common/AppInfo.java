package org.e2v.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Version of e2v and the locations of its shipped data and per-user data. */
public final class AppInfo {
    private AppInfo() {
    }

    /** The e2v version from the build, e.g. "0.1.0-SNAPSHOT". */
    public static String version() {
        try (InputStream in = AppInfo.class.getResourceAsStream("/org/e2v/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped data folder ({@code resources/}: demo corpus, demo encoder, icons). Looked up as
     * the system property {@code e2v.resources}, then beside the application jar (packaged app),
     * then one level above it ({@code target/e2v.jar} in a source checkout), then the working
     * directory.
     */
    public static Path resourcesDir() {
        String prop = System.getProperty("e2v.resources");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path codeDir = codeLocation();
        if (codeDir != null) {
            for (Path candidate : new Path[] {codeDir.resolve("resources"), codeDir.resolveSibling("resources"),
                    codeDir.getParent() == null ? null : codeDir.getParent().resolveSibling("resources")}) {
                if (candidate != null && Files.isDirectory(candidate.resolve("demo"))) {
                    return candidate.normalize();
                }
            }
        }
        return Path.of("resources").toAbsolutePath().normalize();
    }

    /** Per-user data (caches, autosaves, settings): {@code $E2V_HOME} or {@code ~/.e2v}. */
    /**
     * The process's thread and heap settings as recorded in run provenance, benchmarks and {@code e2v
     * info}: logical cores, the OpenMP variables the launcher sets where they are unset (decision 0143)
     * and the heap limit. They change timings and memory, not results.
     */
    public static Map<String, Object> threadsAndHeap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logical_cores", Runtime.getRuntime().availableProcessors());
        m.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("OMP_WAIT_POLICY", System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    public static Path userDir() {
        String env = System.getenv("E2V_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty("e2v.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("user.home"), ".e2v");
    }

    private static Path codeLocation() {
        try {
            var src = AppInfo.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
