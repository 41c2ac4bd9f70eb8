package org.e2v.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupClockTest {
    @TempDir
    Path dir;

    @Test
    void theLaunchersTimeIsUsedWhenItIsSaneAndTheJvmsOtherwise() {
        assertThat(StartupClock.launchEpochMs("1700000000000", 1700000000500L)).isEqualTo(1700000000000L);
        // a launch after this JVM started cannot be the launcher's: ignore it
        assertThat(StartupClock.launchEpochMs("1700000000900", 1700000000500L)).isEqualTo(1700000000500L);
        assertThat(StartupClock.launchEpochMs("soon", 42)).isEqualTo(42);
        assertThat(StartupClock.launchEpochMs(null, 42)).isEqualTo(42);
        assertThat(StartupClock.launchEpochMs("-5", 42)).isEqualTo(42);
    }

    @Test
    void aMilestoneIsRecordedOnceAndAppendedToTheStartupLog() throws Exception {
        Path log = dir.resolve("startup.tsv");
        System.setProperty("e2v.startupLog", log.toString());
        try {
            long first = StartupClock.mark("test milestone A");
            Thread.sleep(5);
            assertThat(StartupClock.mark("test milestone A")).isEqualTo(first);
            long second = StartupClock.mark("test milestone B");
            assertThat(second).isGreaterThanOrEqualTo(first).isGreaterThanOrEqualTo(0);
            assertThat(Files.readAllLines(log)).containsExactly("test milestone A\t" + first, "test milestone B\t" + second);
            assertThat(StartupClock.marks()).containsEntry("test milestone A", first);
        } finally {
            System.clearProperty("e2v.startupLog");
        }
    }
}
