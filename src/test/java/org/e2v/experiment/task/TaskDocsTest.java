package org.e2v.experiment.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskDocsTest {
    private static final Path DOC = Path.of("docs", "task-file.md");

    @Test
    void referenceListsEveryKeyWithItsDefault() {
        String md = TaskDocs.markdown();
        assertThat(md).contains("| `pretrain.loss.margin` | number | `-0.3` |")
                .contains("| `task.enroll_count` | integer | `10` |")
                .contains("| `pretrain.training.learning_rate` | number | `0.001` |");
    }

    @Test
    void committedReferenceMatchesTheCode() throws IOException {
        String md = TaskDocs.markdown();
        if (Boolean.getBoolean("e2v.writeDocs")) {
            Files.writeString(DOC, md);
        }
        assertThat(Files.readString(DOC))
                .as("docs/task-file.md is out of date: run mvn test -Dtest=TaskDocsTest -De2v.writeDocs=true")
                .isEqualTo(md);
    }
}
