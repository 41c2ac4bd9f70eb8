package org.e2v.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is saving a large file through {@link AtomicFiles} (SIGKILL, no shutdown
 * hooks) at several moments and checks that the target always holds one complete generation, never
 * a torn mix, and never one older than the last save the child reported as finished.
 */
class AtomicFilesKillTest {
    private static final int SIZE_BYTES = 16 * 1024 * 1024;

    @Test
    void killedSaverLeavesTheCompletePreviousOrNewFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.e2vm");
        long[] delaysMs = {0, 7, 23, 61};
        for (long delay : delaysMs) {
            Process child = ChildJvm.of("256m", AtomicSaverMain.class, target.toString(), Integer.toString(SIZE_BYTES))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long reported = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                // wait for two finished saves so the kill lands while a later one is being written
                for (String line; reported < 2 && (line = out.readLine()) != null; ) {
                    reported = Long.parseLong(line.substring("saved ".length()));
                }
                Thread.sleep(delay);
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(reported).as("child reported saves").isGreaterThanOrEqualTo(2);
            byte[] saved = Files.readAllBytes(target);
            assertThat(saved).as("size after kill at +%d ms", delay).hasSize(SIZE_BYTES);
            long gen = ByteBuffer.wrap(saved).getLong(0);
            // saves finished after the last line read may have landed too; none reported may be lost
            assertThat(gen).as("generation on disk").isGreaterThanOrEqualTo(reported);
            assertThat(saved).as("generation %d complete", gen).isEqualTo(AtomicSaverMain.content(gen, SIZE_BYTES));
            // only the target and possibly the hidden temp file of the interrupted save remain
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .allMatch(n -> n.equals("model.e2vm") || (n.startsWith(".model.e2vm.") && n.endsWith(".tmp")));
            }
        }
        assertThat(new File(target.toString())).exists();
    }
}
