package org.e2v.experiment.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void minimalTaskTakesThePapersDefaults() throws IOException {
        TaskSpec t = TaskFiles.load(write("t.yaml", "name: demo\n"));
        assertThat(t.seed()).isEqualTo(42L);
        assertThat(t.pretrain().classes()).containsExactly("angry", "happy", "neutral", "sad");
        assertThat(t.pretrain().loss().name()).isEqualTo("namp");
        assertThat(t.pretrain().loss().margin()).isEqualTo(-0.3);
        assertThat(t.pretrain().training().epochs()).isEqualTo(100);
        assertThat(t.pretrain().training().perClass()).isEqualTo(10);
        assertThat(t.task().enrollCount()).isEqualTo(10);
        assertThat(t.task().enrollSplit()).isEqualTo("validation");
        assertThat(t.task().querySplit()).isEqualTo("test");
    }

    @Test
    void learningRateIsDividedByTenEveryTwentyEpochs() throws IOException {
        TrainingSettings tr = TaskFiles.load(write("t.yaml", "name: x\n")).pretrain().training();
        assertThat(tr.learningRateAt(0)).isEqualTo(1e-3);
        assertThat(tr.learningRateAt(19)).isEqualTo(1e-3);
        assertThat(tr.learningRateAt(20)).isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-18));
        assertThat(tr.learningRateAt(45)).isCloseTo(1e-5, org.assertj.core.api.Assertions.within(1e-18));
    }

    @Test
    void unknownKeyIsReportedWithItsSectionAndTheKnownKeys() throws IOException {
        Path f = write("t.yaml", "pretrain:\n  training:\n    epoch: 5\n");
        InputException e = assertThrows(InputException.class, () -> TaskFiles.load(f));
        assertThat(e.getMessage()).contains("t.yaml").contains("unknown key 'epoch'")
                .contains("pretrain.training").contains("epochs").contains("near line");
    }

    @Test
    void wrongTypeNamesTheKey() throws IOException {
        Path f = write("t.yaml", "task:\n  enroll_count: ten\n");
        InputException e = assertThrows(InputException.class, () -> TaskFiles.load(f));
        assertThat(e.getMessage()).contains("task.enroll_count").contains("whole number");
    }

    @Test
    void marginWithTheWrongSignForTheLossIsRejected() throws IOException {
        Path f = write("t.yaml", "pretrain:\n  loss:\n    name: namp\n    margin: 0.2\n");
        InputException e = assertThrows(InputException.class, () -> TaskFiles.load(f));
        assertThat(e.getMessage()).contains("margin must be negative for namp");
    }

    @Test
    void impossibleSettingsAreAllListedAtOnce() throws IOException {
        Path f = write("t.yaml", """
                pretrain:
                  encoder: {type: lstm9, model_dim: 100, heads: 3}
                  training: {per_class: 1}
                task: {classes: [neutral], enroll_count: 0}
                """);
        InputException e = assertThrows(InputException.class, () -> TaskFiles.load(f));
        assertThat(e.getMessage()).contains("pretrain.encoder.type 'lstm9'")
                .contains("divisible by heads").contains("per_class must be >= 2")
                .contains("task.classes needs at least 2").contains("task.enroll_count must be >= 1");
    }

    @Test
    void invalidYamlAndEmptyAndMissingFilesGiveClearErrors() throws IOException {
        assertThat(assertThrows(InputException.class, () -> TaskFiles.load(write("a.yaml", "name: \"unterminated\nseed: 1\n"))).getMessage())
                .contains("a.yaml").contains("not valid YAML");
        assertThat(assertThrows(InputException.class, () -> TaskFiles.load(write("b.yaml", "  \n"))).getMessage())
                .contains("empty");
        assertThat(assertThrows(InputException.class, () -> TaskFiles.load(dir.resolve("none.yaml"))).getMessage())
                .contains("does not exist");
    }

    @Test
    void jsonTaskFilesWorkToo() throws IOException {
        TaskSpec t = TaskFiles.load(write("t.json", "{\"name\": \"j\", \"task\": {\"classes\": [\"neutral\", \"surprised\"]}}"));
        assertThat(t.task().classes()).containsExactly("neutral", "surprised");
    }

    @Test
    void savedTaskReadsBackEqual() throws IOException {
        TaskSpec t = TaskFiles.load(write("t.yaml", "name: round\nseed: 7\nanalyses:\n  margin_sweep: [-0.4, -0.2, 0.0]\n"));
        Path out = dir.resolve("saved.yaml");
        TaskFiles.save(t, out);
        assertThat(TaskFiles.load(out)).isEqualTo(t);
        Path json = dir.resolve("saved.json");
        TaskFiles.save(t, json);
        assertThat(TaskFiles.load(json)).isEqualTo(t);
    }

    @Test
    void fileThatIsNotUtf8IsRejectedAsSuchNamingTheFile() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        InputException e = assertThrows(InputException.class, () -> TaskFiles.load(f));
        assertThat(e.getMessage()).contains("latin1.yaml").contains("not valid UTF-8");
    }
}
