package org.e2v;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void plainJavaChildRepeatsJvmOptionsClassPathAndArgumentsWithABoundedHeap() {
        List<String> cmd = Launcher.relaunchCommand("/usr/bin/java", null, List.of("-Dx=1"), "a.jar:lib/b.jar",
                new String[] {"info"});
        assertThat(cmd).containsExactly("/usr/bin/java", "-Dx=1", "-Xmx2g", "-cp", "a.jar:lib/b.jar",
                "org.e2v.Launcher", "info");
    }

    @Test
    void userHeapLimitIsKept() {
        List<String> cmd = Launcher.relaunchCommand("/usr/bin/java", null, List.of("-Xmx6g"), "a.jar",
                new String[] {"run", "t.yaml"});
        assertThat(cmd).containsExactly("/usr/bin/java", "-Xmx6g", "-cp", "a.jar", "org.e2v.Launcher", "run", "t.yaml");
    }

    @Test
    void packagedAppRelaunchesItsNativeLauncherWithOnlyTheArguments() {
        // The jpackage launcher takes JVM options from its .cfg file; anything before the
        // arguments would reach main() as an application argument.
        List<String> cmd = Launcher.relaunchCommand("/opt/e2v/bin/e2v", "/opt/e2v/bin/e2v",
                List.of("-Xmx2g", "-Djpackage.app-path=/opt/e2v/bin/e2v"), "/opt/e2v/lib/app/e2v.jar",
                new String[] {"corpus", "demo.csv"});
        assertThat(cmd).containsExactly("/opt/e2v/bin/e2v", "corpus", "demo.csv");
    }

    @Test
    void unknownProcessCommandOutsideAPackageMeansNoRelaunch() {
        assertThat(Launcher.relaunchCommand(null, null, List.of(), "a.jar", new String[0])).isNull();
    }

    @Test
    void ompThreadsAreAllCoresUpToFourThenHalfBetweenOneAndEight() {
        assertThat(Launcher.defaultOmpThreads(0)).isEqualTo(1);
        assertThat(Launcher.defaultOmpThreads(1)).isEqualTo(1);
        assertThat(Launcher.defaultOmpThreads(2)).isEqualTo(2);
        assertThat(Launcher.defaultOmpThreads(4)).isEqualTo(4);
        assertThat(Launcher.defaultOmpThreads(8)).isEqualTo(4);
        assertThat(Launcher.defaultOmpThreads(12)).isEqualTo(6);
        assertThat(Launcher.defaultOmpThreads(64)).isEqualTo(8);
    }

    @Test
    void childEnvironmentSetsThreadsWaitPolicyAndMarkerAndDropsTheJpackageLauncherMarker() {
        Map<String, String> env = new HashMap<>(Map.of("_JPACKAGE_LAUNCHER", "12345", "OPENBLAS_NUM_THREADS", "3",
                "PATH", "/usr/bin"));
        Launcher.childEnvironment(env, 8);
        assertThat(env).containsEntry("OMP_NUM_THREADS", "4").containsEntry("OPENBLAS_NUM_THREADS", "3")
                .containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                .containsEntry(Launcher.CHILD_MARKER, "1").containsEntry("PATH", "/usr/bin")
                .doesNotContainKey("_JPACKAGE_LAUNCHER");
    }

    @Test
    void childEnvironmentKeepsTheUsersThreadCountAndGivesOpenBlasTheSame() {
        Map<String, String> env = new HashMap<>(Map.of("OMP_NUM_THREADS", "1"));
        Launcher.childEnvironment(env, 8);
        assertThat(env).containsEntry("OMP_NUM_THREADS", "1").containsEntry("OPENBLAS_NUM_THREADS", "1")
                .containsEntry("OMP_WAIT_POLICY", "PASSIVE");

        Map<String, String> active = new HashMap<>(Map.of("OMP_WAIT_POLICY", "ACTIVE"));
        Launcher.childEnvironment(active, 2);
        assertThat(active).containsEntry("OMP_WAIT_POLICY", "ACTIVE").containsEntry("OMP_NUM_THREADS", "2")
                .containsEntry("OPENBLAS_NUM_THREADS", "2");
    }

    @Test
    void relaunchesUnlessBothOpenMpSettingsAreGivenOrItIsTheChildOrSwitchedOff() {
        assertThat(Launcher.needsRelaunch(Map.of(), false)).isTrue();
        assertThat(Launcher.needsRelaunch(Map.of("OMP_NUM_THREADS", "2"), false)).isTrue();
        assertThat(Launcher.needsRelaunch(Map.of("OMP_WAIT_POLICY", "PASSIVE"), false)).isTrue();
        assertThat(Launcher.needsRelaunch(Map.of("OMP_NUM_THREADS", "2", "OMP_WAIT_POLICY", "PASSIVE"), false))
                .isFalse();
        assertThat(Launcher.needsRelaunch(Map.of(Launcher.CHILD_MARKER, "1"), false)).isFalse();
        assertThat(Launcher.needsRelaunch(Map.of(), true)).isFalse();
    }

    @Test
    void thePackagedChildGetsItsArchiveOptionsThroughJavaToolOptionsUnlessAPathHasASpace() {
        assertThat(Launcher.javaToolOptions(List.of("-XX:SharedArchiveFile=/home/a/.e2v/cache/cds/e2v-1.jsa", "-Xshare:auto")))
                .isEqualTo("-XX:SharedArchiveFile=/home/a/.e2v/cache/cds/e2v-1.jsa -Xshare:auto");
        assertThat(Launcher.javaToolOptions(List.of("-XX:SharedArchiveFile=/home/Jane Doe/.e2v/x.jsa"))).isNull();
        assertThat(Launcher.javaToolOptions(List.of())).isNull();
    }
}
