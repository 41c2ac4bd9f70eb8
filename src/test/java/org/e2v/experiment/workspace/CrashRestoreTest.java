package org.e2v.experiment.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.e2v.common.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: the GUI's journal in a child JVM killed with SIGKILL, then a new session starts. */
class CrashRestoreTest {
    @Test
    void killedSessionIsOfferedBackAndRestoresTheSameWorkspace(@TempDir Path dir) throws Exception {
        Process child = ChildJvm.of("128m", CrashingSessionMain.class, dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("autosaved");
            // while the first session runs, a second instance must not offer its autosave
            assertThat(new SessionJournal(dir).begin(System.currentTimeMillis()))
                    .isNotEqualTo(RestoreDecision.OFFER_RESTORE);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        SessionJournal next = new SessionJournal(dir);
        assertThat(next.begin(System.currentTimeMillis())).isEqualTo(RestoreDecision.OFFER_RESTORE);
        assertThat(next.loadAutosave()).isEqualTo(CrashingSessionMain.workspace());
    }
}
