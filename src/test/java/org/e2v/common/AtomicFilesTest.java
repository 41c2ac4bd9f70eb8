package org.e2v.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.bin");
        AtomicFiles.writeString(target, "old");
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void newFilesAreReadableByOthersAndReplacementsKeepTheirPermissions() throws IOException {
        Path target = dir.resolve("chart.png");
        AtomicFiles.writeString(target, "a");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(target, "b");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-rw----");
    }

    @Test
    void failureWhileWritingKeepsThePreviousFileIntact() throws IOException {
        Path target = dir.resolve("workspace.json");
        AtomicFiles.writeString(target, "previous");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new conte".getBytes());
            throw new IllegalStateException("crash in the middle of a save");
        }));
        assertThat(Files.readString(target)).isEqualTo("previous");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void unwritableDirectoryGivesAnErrorNamingTheFile() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a directory should be");
        Path target = blocker.resolve("x.json");
        InputException e = assertThrows(InputException.class, () -> AtomicFiles.writeString(target, "x"));
        assertThat(e.getMessage()).contains("x.json").contains("could not be saved");
    }
}
