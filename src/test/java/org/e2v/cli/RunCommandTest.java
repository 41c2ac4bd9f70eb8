package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argument rules of {@code e2v run}; the runs themselves are tested in ExperimentRunnerTest. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTaskFileAndResumeTogetherAreRefused() throws IOException {
        Path task = Files.writeString(dir.resolve("t.yaml"), "name: x\n");
        CommandRunner r = new CommandRunner();
        int code = r.run(new RunCommand(), task.toString(), "--resume", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(r.err.toString()).contains("give either a task file or --resume <run dir>");
    }

    @Test
    void neitherATaskFileNorResumeIsRefused() {
        CommandRunner r = new CommandRunner();
        assertThat(r.run(new RunCommand())).isEqualTo(2);
        assertThat(r.err.toString()).contains("give either a task file or --resume <run dir>");
    }

    @Test
    void resumingAFolderWithoutATaskFileNamesTheFolder() {
        CommandRunner r = new CommandRunner();
        int code = r.run(new RunCommand(), "--resume", dir.toString());
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err.toString()).contains(dir.toString()).contains("is not a run directory (it has no task.yaml)");
    }
}
