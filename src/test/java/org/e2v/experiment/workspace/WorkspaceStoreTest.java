package org.e2v.experiment.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.e2v.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceStoreTest {
    @TempDir
    Path dir;

    private Workspace sample() {
        Map<String, List<String>> bins = new LinkedHashMap<>();
        bins.put("sad", List.of("u3", "u1"));
        bins.put("angry", List.of("u2"));
        return new Workspace(new CorpusRef(dir.resolve("corpus/manifest.csv"), "manifest"), bins,
                dir.resolve("model.zip"), dir.resolve("runs/r1"), Map.of("screen", "corpus"));
    }

    @Test
    void roundTripKeepsEveryFieldAndBinOrder() {
        Path file = dir.resolve("w.e2v.json");
        WorkspaceStore.save(file, sample());
        Workspace back = WorkspaceStore.load(file);
        assertThat(back).isEqualTo(sample());
        assertThat(back.enrollment().keySet()).containsExactly("sad", "angry");
        assertThat(back.enrolledIds()).containsExactly("u3", "u1", "u2");
    }

    @Test
    void emptyWorkspaceRoundTrips() {
        Path file = dir.resolve("empty.json");
        WorkspaceStore.save(file, Workspace.empty());
        assertThat(WorkspaceStore.load(file)).isEqualTo(Workspace.empty());
    }

    @Test
    void relativePathsResolveAgainstTheWorkspaceFolder() throws IOException {
        Path file = dir.resolve("sub/w.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"schemaVersion\":1,\"corpus\":{\"path\":\"../data/m.csv\",\"format\":\"manifest\"}}");
        assertThat(WorkspaceStore.load(file).corpus().path()).isEqualTo(dir.resolve("data/m.csv").toAbsolutePath());
    }

    @Test
    void corruptFileNamesFileAndPosition() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"schemaVersion\": 1,\n \"corpus\": {");
        InputException e = assertThrows(InputException.class, () -> WorkspaceStore.load(file));
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).startsWith(file.toString()).contains("not valid JSON").contains("line 2");
    }

    @Test
    void fileWithoutSchemaVersionIsNotAWorkspace() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"name\": \"x\"}");
        assertThat(assertThrows(InputException.class, () -> WorkspaceStore.load(file)).problem())
                .isEqualTo("is not an e2v workspace (no schemaVersion)");
    }

    @Test
    void newerSchemaIsRefusedWithBothVersions() throws IOException {
        Path file = dir.resolve("new.json");
        Files.writeString(file, "{\"schemaVersion\": 7}");
        assertThat(assertThrows(InputException.class, () -> WorkspaceStore.load(file)).problem())
                .contains("newer e2v").contains("schema 7").contains("up to 1");
    }

    @Test
    void wrongFieldKindNamesTheField() throws IOException {
        Path file = dir.resolve("kind.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"enrollment\": {\"sad\": \"u1\"}}");
        assertThat(assertThrows(InputException.class, () -> WorkspaceStore.load(file)).problem())
                .contains("'sad'").contains("list of utterance ids");
        Files.writeString(file, "{\"schemaVersion\": 1, \"corpus\": {\"path\": \"x\"}}");
        assertThat(assertThrows(InputException.class, () -> WorkspaceStore.load(file)).problem())
                .contains("corpus.format");
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("nope.json");
        assertThat(assertThrows(InputException.class, () -> WorkspaceStore.load(file)).problem()).isEqualTo("does not exist");
    }

    @Test
    void readersNeverSeeAHalfWrittenWorkspace() throws Exception {
        // Two large workspaces saved alternately while another thread keeps loading: with an
        // in-place write a reader would sooner or later see a truncated file and fail to parse.
        Path file = dir.resolve("w.json");
        Workspace a = large("a", 20_000);
        Workspace b = large("b", 30_000);
        WorkspaceStore.save(file, a);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Workspace w = WorkspaceStore.load(file);
                    if (!w.equals(a) && !w.equals(b)) {
                        failure.set(new AssertionError("read a workspace that was never saved"));
                    }
                    reads.incrementAndGet();
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 30; i++) {
            WorkspaceStore.save(file, i % 2 == 0 ? b : a);
        }
        stop.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("w.json");
        }
    }

    private static Workspace large(String prefix, int ids) {
        List<String> list = new java.util.ArrayList<>();
        for (int i = 0; i < ids; i++) {
            list.add(prefix + "_utterance_" + i);
        }
        return Workspace.empty().withEnrollment(Map.of("x", list));
    }
}
