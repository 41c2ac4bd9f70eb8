package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void checkPrintsTheResolvedTask() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "name: x\ntask: {classes: [neutral, surprised]}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "task", "check", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("surprised").contains("enroll_count: 10").contains("margin: -0.3");
    }

    @Test
    void badTaskExitsWith2AndNamesFileAndKeyWithoutStackTrace() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "task: {enrol_count: 3}\n");
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "task", "check", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad.yaml").contains("unknown key 'enrol_count'").doesNotContain("at org.");
    }

    @Test
    void docsMatchTheGeneratedReference() {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "task", "docs")).isZero();
        assertThat(out.toString()).isEqualTo(org.e2v.experiment.task.TaskDocs.markdown());
    }
}
