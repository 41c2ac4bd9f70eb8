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
 * 2-5x slower than one unless they wait passively, so when {@code OMP_NUM_THREADS} or
 * {@code OMP_WAIT_POLICY} is unset the launcher starts the same command once more in a child JVM with
 * the missing values (and a bounded heap, because ND4J frees native memory only when the Java GC runs)
 * and passes its exit code on. A value the user set is kept (decision 0143).
 */
public final class Launcher {
    static final String CHILD_MARKER = "E2V_LAUNCHED";

    private Launcher() {
    }

    public static void main(String[] args) {
        if (needsRelaunch(System.getenv(), Boolean.getBoolean("e2v.noRelaunch"))) {
            Integer code = relaunch(args);
            if (code != null) {
                System.exit(code);
            }
        }
        if (args.length == 0) {
            org.e2v.common.StartupClock.mark("workbench JVM running");
            ClassDataArchive.reportIfNotMapped(System.getenv(ClassDataArchive.CHECK_ENV), System.getProperty("java.vm.info"));
            // No command: the workbench window. JavaFX keeps the JVM alive until the window closes.
            org.e2v.ui.Workbench.launch(args);
            System.exit(0);
        }
        System.exit(org.e2v.cli.Main.run(args));
    }

    /**
     * Whether this process should restart itself in a child JVM: not when it is that child or the
     * relaunch is switched off, otherwise when the OpenMP thread count or wait policy is missing from
     * {@code env}. With only {@code OMP_NUM_THREADS} set, the threads spun while waiting and a training
     * step at model dim 128 took 0.42-0.43 s instead of 0.35-0.37 s on the 2-core machine (decision 0143).
     */
    static boolean needsRelaunch(Map<String, String> env, boolean switchedOff) {
        if (switchedOff || env.get(CHILD_MARKER) != null) {
            return false;
        }
        return env.get("OMP_NUM_THREADS") == null || env.get("OMP_WAIT_POLICY") == null;
    }

    /**
     * The value of {@code JAVA_TOOL_OPTIONS} carrying {@code options}, or null when one holds a space
     * (the JVM splits that variable on white space) or there are none.
     */
    static String javaToolOptions(List<String> options) {
        if (options.isEmpty() || options.stream().anyMatch(o -> o.chars().anyMatch(Character::isWhitespace))) {
            return null;
        }
        return String.join(" ", options);
    }

    /**
     * OpenMP threads for this machine: every logical core up to 4 (small machines and VMs, where
     * they are real cores), half of them above (hyper-threads), at least 1, at most 8. With the
     * passive wait policy the child gets, two threads on the 2-core machine trained 8-20 % faster
     * than one (decision 0001); with spinning threads they were 2x slower.
     */
    public static int defaultOmpThreads(int logicalCores) {
        int threads = logicalCores <= 4 ? logicalCores : logicalCores / 2;
        return Math.max(1, Math.min(8, threads));
    }

    private static Integer relaunch(String[] args) {
        try {
            List<String> cmd = relaunchCommand(ProcessHandle.current().info().command().orElse(null),
                    System.getProperty("jpackage.app-path"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    System.getProperty("java.class.path"), args);
            if (cmd == null) {
                return null;
            }
            ClassDataArchive cds = null;
            boolean packaged = System.getProperty("jpackage.app-path") != null;
            if (args.length == 0) {
                // the workbench (no command): start faster from a class-data archive (decision 0123)
                cds = ClassDataArchive.forClassPath(org.e2v.common.AppInfo.userDir().resolve("cache").resolve("cds"),
                        System.getProperty("java.home"), System.getProperty("java.vm.version"),
                        System.getProperty("java.class.path"), ProcessHandle.current().pid());
            }
            List<String> cdsOptions = cds == null ? List.of() : cds.jvmOptions();
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            childEnvironment(pb.environment(), Runtime.getRuntime().availableProcessors());
            if (cds != null && packaged) {
                // the packaged app's native launcher takes no JVM options on its command line: the JVM
                // reads them from JAVA_TOOL_OPTIONS (which splits on spaces, so no archive in a path with one)
                String toolOptions = javaToolOptions(cdsOptions);
                if (toolOptions != null) {
                    pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
                    pb.environment().putAll(cds.childEnvironment());
                } else {
                    cds = null;
                }
            } else if (cds != null) {
                cmd.addAll(1, cdsOptions);
                pb.command(cmd);
                pb.environment().putAll(cds.childEnvironment());
            }
            Process child = pb.start();
            ClassDataArchive archive = cds;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // the launcher was stopped (Ctrl+C, kill): stop the child, which shuts down in order
                child.destroy();
                try {
                    if (archive != null && child.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        archive.childExited(child.exitValue());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            int code = child.waitFor();
            if (cds != null) {
                cds.childExited(code);
            }
            return code;
        } catch (Exception e) {
            return null; // fall back to running in this JVM with ND4J's own thread default
        }
    }

    /**
     * Prepares the child's environment: the OpenMP (and OpenBLAS) thread count and wait policy where the
     * user set none (OpenBLAS gets the OpenMP count unless set apart), the marker that stops
     * a second relaunch, and none of the jpackage launcher's private variables. The Linux jpackage
     * launcher marks the process it starts with {@code _JPACKAGE_LAUNCHER}; a launcher that inherits
     * the marker skips its configuration file and treats the first argument as the main class.
     */
    static void childEnvironment(Map<String, String> env, int logicalCores) {
        env.putIfAbsent("OMP_NUM_THREADS", Integer.toString(defaultOmpThreads(logicalCores)));
        env.putIfAbsent("OPENBLAS_NUM_THREADS", env.get("OMP_NUM_THREADS"));
        // OpenMP threads that spin while waiting took the CPU from each other (and from the GUI):
        // ACTIVE made 2 threads 2x slower than 1 on the 2-core machine, PASSIVE made them faster
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        env.put(CHILD_MARKER, "1");
        // the child's start-up milestones count from when the user launched e2v, not from the relaunch
        // (the JVM's own start time: ProcessHandle's start instant counts from the boot time in whole
        // seconds on Linux and was up to a second early)
        env.putIfAbsent(org.e2v.common.StartupClock.LAUNCH_ENV,
                Long.toString(ManagementFactory.getRuntimeMXBean().getStartTime()));
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
