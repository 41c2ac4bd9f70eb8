package org.e2v.experiment.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped task files load without problems and carry the paper's hyperparameters (Sec. 4.1, Table 3). */
class SampleTasksTest {
    private static final Path DIR = Path.of("sample-tasks");

    @Test
    void everySampleTaskLoadsAndValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("iemocap-paper.yaml", "meld-paper.yaml");
        for (Path f : files) {
            TaskSpec t = TaskFiles.load(f);
            assertThat(TaskFiles.validate(t)).as(f.toString()).isEmpty();
        }
    }

    @Test
    void iemocapSetupIsLeaveOneSpeakerOutWithThePapersEncoderAndSchedule() {
        TaskSpec t = TaskFiles.load(DIR.resolve("iemocap-paper.yaml"));
        assertThat(t.corpus().format()).isEqualTo("iemocap");
        assertThat(t.splits().scheme()).isEqualTo("loso");
        assertThat(t.splits().folds()).isZero();
        assertPaperTraining(t);
        assertThat(t.pretrain().encoder().modelDim()).isEqualTo(512);
        assertThat(t.task().classes()).containsExactly("neutral", "frustrated");
        assertThat(t.analyses().baselineAll()).isTrue();
    }

    @Test
    void meldSetupUsesTheOfficialSplitsAndVerifiesEachUnseenClassAgainstNeutral() {
        TaskSpec t = TaskFiles.load(DIR.resolve("meld-paper.yaml"));
        assertThat(t.corpus().format()).isEqualTo("meld");
        assertThat(t.splits().scheme()).isEqualTo("corpus");
        assertPaperTraining(t);
        assertThat(t.pretrain().encoder().modelDim()).isEqualTo(128);
        assertThat(t.analyses().taskPairs()).containsExactly("neutral,surprised", "neutral,fear", "neutral,disgust");
        assertThat(t.analyses().baselineAll()).isTrue();
    }

    private static void assertPaperTraining(TaskSpec t) {
        assertThat(t.pretrain().classes()).containsExactly("angry", "happy", "neutral", "sad");
        assertThat(t.pretrain().encoder().type()).isEqualTo("gru-transformer");
        assertThat(t.pretrain().encoder().gruHidden()).isEqualTo(256);
        assertThat(t.pretrain().encoder().layers()).isEqualTo(1);
        assertThat(t.pretrain().encoder().heads()).isEqualTo(2);
        assertThat(t.pretrain().loss().name()).isEqualTo("namp");
        assertThat(t.pretrain().loss().margin()).isEqualTo(-0.3);
        assertThat(t.pretrain().training().epochs()).isEqualTo(100);
        assertThat(t.pretrain().training().learningRate()).isEqualTo(0.001);
        assertThat(t.pretrain().training().lrStepEpochs()).isEqualTo(20);
        assertThat(t.pretrain().training().lrStepFactor()).isEqualTo(0.1);
        assertThat(t.pretrain().training().perClass()).isEqualTo(10);
        assertThat(t.task().enrollCount()).isEqualTo(10);
        assertThat(t.task().enrollSplit()).isEqualTo("validation");
        assertThat(t.task().querySplit()).isEqualTo("test");
    }
}
