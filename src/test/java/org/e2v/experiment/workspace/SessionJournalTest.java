package org.e2v.experiment.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJournalTest {
    @TempDir
    Path dir;

    @Test
    void decisionRuleCoversEveryCase() {
        SessionRecord crashed = new SessionRecord(false, 42, 0);
        assertThat(RestoreDecision.decide(null, true, p -> false, 1)).isEqualTo(RestoreDecision.FIRST_START);
        assertThat(RestoreDecision.decide(new SessionRecord(true, 42, 0), true, p -> false, 1))
                .isEqualTo(RestoreDecision.CLEAN_EXIT);
        assertThat(RestoreDecision.decide(crashed, true, p -> false, 1)).isEqualTo(RestoreDecision.OFFER_RESTORE);
        assertThat(RestoreDecision.decide(crashed, false, p -> false, 1)).isEqualTo(RestoreDecision.NOTHING_TO_RESTORE);
        assertThat(RestoreDecision.decide(crashed, true, p -> p == 42, 1)).isEqualTo(RestoreDecision.OTHER_INSTANCE_RUNNING);
        // our own pid recorded by a crashed earlier process (pid reuse) is still a crash
        assertThat(RestoreDecision.decide(crashed, true, p -> true, 42)).isEqualTo(RestoreDecision.OFFER_RESTORE);
    }

    @Test
    void crashedSessionWithAutosaveIsOfferedBack() {
        SessionJournal first = new SessionJournal(dir, 100, p -> false);
        assertThat(first.begin(1000)).isEqualTo(RestoreDecision.FIRST_START);
        Workspace w = Workspace.empty().withUiState("screen", "corpus");
        first.autosave(w);
        // no markClosed: the process "crashed"
        SessionJournal second = new SessionJournal(dir, 200, p -> false);
        assertThat(second.begin(2000)).isEqualTo(RestoreDecision.OFFER_RESTORE);
        assertThat(second.loadAutosave()).isEqualTo(w);
    }

    @Test
    void cleanExitIsNotOfferedBack() {
        SessionJournal first = new SessionJournal(dir, 100, p -> false);
        first.begin(1000);
        first.autosave(Workspace.empty());
        first.markClosed(1500);
        assertThat(new SessionJournal(dir, 200, p -> false).begin(2000)).isEqualTo(RestoreDecision.CLEAN_EXIT);
    }

    @Test
    void secondInstanceDoesNotTouchTheRunningInstancesAutosave() {
        SessionJournal running = new SessionJournal(dir, 100, p -> true);
        running.begin(1000);
        Workspace mine = Workspace.empty().withUiState("k", "running");
        running.autosave(mine);
        SessionJournal second = new SessionJournal(dir, 200, p -> p == 100);
        assertThat(second.begin(2000)).isEqualTo(RestoreDecision.OTHER_INSTANCE_RUNNING);
        assertThat(second.isOwner()).isFalse();
        second.autosave(Workspace.empty().withUiState("k", "second"));
        second.markClosed(2500);
        assertThat(running.loadAutosave()).isEqualTo(mine);
        assertThat(running.readSession().closedCleanly()).isFalse();
    }

    @Test
    void unreadableSessionFileCountsAsFirstStart() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("session.json"), "garbage{");
        assertThat(new SessionJournal(dir, 1, p -> false).begin(0)).isEqualTo(RestoreDecision.FIRST_START);
    }
}
