package org.e2v.ui.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.e2v.common.ChildJvm;
import org.e2v.experiment.workspace.RestoreDecision;
import org.e2v.experiment.workspace.SessionJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session stopped from outside (SIGTERM) right after a change: the exit flush writes the change
 * that was still waiting for the autosave's quiet period, and the next start offers it back.
 */
class TerminatedSessionTest {
    @Test
    void changeMadeJustBeforeSigtermIsAutosavedAndOfferedBack(@TempDir Path dir) throws Exception {
        Process child = ChildJvm.of("128m", TerminatedSessionMain.class, dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("changed");
            child.destroy(); // SIGTERM, well inside the 1 s quiet period
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        SessionJournal next = new SessionJournal(dir);
        assertThat(next.begin(System.currentTimeMillis())).isEqualTo(RestoreDecision.OFFER_RESTORE);
        assertThat(next.loadAutosave()).isEqualTo(TerminatedSessionMain.last());
    }
}
