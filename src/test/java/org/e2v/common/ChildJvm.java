package org.e2v.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tests that need a process to kill or stop: a child JVM running a test main class on this test's class path. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param maxHeap the child's {@code -Xmx} value, e.g. "128m"
     * @param main    class with a {@code main} method
     * @param args    its arguments
     */
    public static ProcessBuilder of(String maxHeap, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
