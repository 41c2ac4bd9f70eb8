package org.e2v;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain main class (JavaFX on the class path needs a launcher that does not extend Application).
 *
 * <p>ND4J reads its OpenMP thread count from the environment once, when its native library loads;
 * {@code Environment.setMaxThreads} at run time is ignored. On 2 cores two OpenMP threads ran
 * 2-5x slower than one, so when {@code OMP_NUM_THREADS} is unset the launcher starts the same
 * command once more in a child JVM with a sensible value (and a bounded heap, because ND4J frees
 * native memory only when the Java GC runs) and passes its exit code on.
 *
 * <p>The child also gets {@link #MALLOC_TUNABLES} (decision 0132): ND4J allocates and zeroes a
 * fresh native buffer for nearly every op result, and with glibc's defaults each large buffer is a
 * new mapping whose 4 KiB pages fault in one by one. So the launcher also relaunches when
 * {@code GLIBC_TUNABLES} is unset, keeping the caller's {@code OMP_NUM_THREADS}.
 */
public final class Launcher {
    static final String CHILD_MARKER = "E2V_LAUNCHED";
    /**
     * glibc malloc settings for the child (decision 0132): buffers up to 32 MiB (the largest
     * activation at the paper's sizes is 26 MB) come from the heap and are reused after free
     * instead of being mapped and unmapped each time; free memory up to 1 GiB stays mapped; heap
     * memory is backed by transparent huge pages where the kernel allows them ("madvise"), so a
     * fresh 26 MB buffer faults in 13 pieces instead of 6,400.
     */
    static final String MALLOC_TUNABLES =
            "glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824";

    private Launcher() {
    }

    public static void main(String[] args) {
        if (needsRelaunch(System.getenv()) && !Boolean.getBoolean("e2v.noRelaunch")) {
            Integer code = relaunch(args);
            if (code != null) {
                System.exit(code);
            }
        }
        if (args.length == 0) {
            // No command: the workbench window. JavaFX keeps the JVM alive until the window closes.
            org.e2v.ui.Workbench.launch(args);
            System.exit(0);
        }
        System.exit(org.e2v.cli.Main.run(args));
    }

    /** Whether this process should start the child: not a child itself, and OpenMP threads or malloc settings missing. */
    static boolean needsRelaunch(Map<String, String> env) {
        return env.get(CHILD_MARKER) == null
                && (env.get("OMP_NUM_THREADS") == null || env.get("GLIBC_TUNABLES") == null);
    }

    /** OpenMP threads for this machine: half the logical cores (physical cores), at least 1, at most 8. */
    public static int defaultOmpThreads(int logicalCores) {
        return Math.max(1, Math.min(8, logicalCores / 2));
    }

    private static Integer relaunch(String[] args) {
        try {
            List<String> cmd = relaunchCommand(ProcessHandle.current().info().command().orElse(null),
                    System.getProperty("jpackage.app-path"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    System.getProperty("java.class.path"), args);
            if (cmd == null) {
                return null;
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            childEnvironment(pb.environment(), Runtime.getRuntime().availableProcessors());
            Process child = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return child.waitFor();
        } catch (Exception e) {
            return null; // fall back to running in this JVM with ND4J's own thread default
        }
    }

    /**
     * Prepares the child's environment: the OpenMP (and OpenBLAS) thread count unless the caller set
     * one, the malloc settings unless the caller set some, the marker that stops a second relaunch,
     * and none of the jpackage launcher's private variables. The Linux jpackage
     * launcher marks the process it starts with {@code _JPACKAGE_LAUNCHER}; a launcher that inherits
     * the marker skips its configuration file and treats the first argument as the main class.
     */
    static void childEnvironment(Map<String, String> env, int logicalCores) {
        String threads = env.computeIfAbsent("OMP_NUM_THREADS", k -> Integer.toString(defaultOmpThreads(logicalCores)));
        env.putIfAbsent("OPENBLAS_NUM_THREADS", threads);
        env.putIfAbsent("GLIBC_TUNABLES", MALLOC_TUNABLES);
        env.put(CHILD_MARKER, "1");
        env.keySet().removeIf(k -> k.startsWith("_JPACKAGE"));
    }

    /**
     * The command line of the child process, or null when none can be built.
     *
     * <p>In a jpackage app-image the process is the native launcher ({@code bin/e2v}, named by the
     * system property {@code jpackage.app-path}), not {@code java}: the bundled runtime has no
     * {@code java} command, and the launcher reads the JVM options and class path from its own
     * configuration file. So the child there is the launcher itself with the same arguments; passing
     * JVM options to it would turn them into application arguments. Otherwise the child is the same
     * {@code java} with the same JVM options (plus {@code -Xmx2g} when no heap limit was given) and
     * class path.
     *
     * @param processCommand executable of the running process, or null when the OS does not say
     * @param jpackageAppPath value of {@code jpackage.app-path}, or null outside a packaged app
     */
    static List<String> relaunchCommand(String processCommand, String jpackageAppPath, List<String> jvmArgs,
            String classPath, String[] args) {
        List<String> cmd = new ArrayList<>();
        if (jpackageAppPath != null && !jpackageAppPath.isBlank()) {
            cmd.add(jpackageAppPath);
            cmd.addAll(List.of(args));
            return cmd;
        }
        if (processCommand == null) {
            return null;
        }
        cmd.add(processCommand);
        boolean hasXmx = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAM"));
        cmd.addAll(jvmArgs);
        if (!hasXmx) {
            cmd.add("-Xmx2g");
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
