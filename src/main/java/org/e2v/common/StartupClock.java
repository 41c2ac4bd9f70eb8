package org.e2v.common;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Milestones of the workbench's start ("window shown", "corpus opened", "encoder ready"), in
 * milliseconds since the user launched e2v. The launcher relaunches itself in a child JVM
 * (decision 0001), so the clock starts at the first process: the launcher passes its start time
 * in {@value #LAUNCH_ENV}; without it the JVM's own start time is used.
 *
 * <p>Each milestone is logged once. With the system property {@code e2v.startupLog} (or the
 * environment variable {@code E2V_STARTUP_LOG}) naming a file, a line {@code <milestone>\t<ms>}
 * is appended to it, which {@code installer/measure-cold-start.sh} reads.
 */
public final class StartupClock {
    /** Environment variable holding the launch time in epoch milliseconds. */
    public static final String LAUNCH_ENV = "E2V_LAUNCH_EPOCH_MS";
    private static final Logger LOG = Logger.getLogger(StartupClock.class.getName());
    private static final long LAUNCH_EPOCH_MS = launchEpochMs(System.getenv(LAUNCH_ENV));
    private static final Map<String, Long> MARKS = new LinkedHashMap<>();

    private StartupClock() {
    }

    /** The launch time from the environment value, else this JVM's start (java.management loads only then: it is slow to load). */
    private static long launchEpochMs(String env) {
        long now = System.currentTimeMillis();
        long fromEnv = launchEpochMs(env, now);
        return fromEnv != now ? fromEnv : ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** The launch time from the environment value, or {@code jvmStartMs} when absent or malformed. */
    static long launchEpochMs(String env, long jvmStartMs) {
        if (env != null) {
            try {
                long v = Long.parseLong(env.strip());
                if (v > 0 && v <= jvmStartMs) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // a malformed value: fall back to this JVM's start
            }
        }
        return jvmStartMs;
    }

    /** Milliseconds since launch. */
    public static long sinceLaunchMs() {
        return System.currentTimeMillis() - LAUNCH_EPOCH_MS;
    }

    /**
     * Records {@code milestone} the first time it is reached; later calls are ignored.
     *
     * @return the milliseconds since launch recorded for it
     */
    public static synchronized long mark(String milestone) {
        Long known = MARKS.get(milestone);
        if (known != null) {
            return known;
        }
        long ms = sinceLaunchMs();
        MARKS.put(milestone, ms);
        LOG.info(() -> String.format(Locale.ROOT, "startup: %s after %d ms", milestone, ms));
        String file = System.getProperty("e2v.startupLog", System.getenv("E2V_STARTUP_LOG"));
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), milestone + "\t" + ms + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                LOG.warning("could not write the startup log " + file + ": " + e.getMessage());
            }
        }
        return ms;
    }

    /** The milestones reached so far, in order, with their milliseconds since launch. */
    public static synchronized Map<String, Long> marks() {
        return Map.copyOf(MARKS);
    }
}
