package org.e2v.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class EnrollmentSetFilesTest {
    @TempDir
    Path dir;

    private static EnrollmentSet sample(Double threshold) {
        Map<String, List<String>> enrolled = new LinkedHashMap<>();
        enrolled.put("neutral", List.of("u1", "u2"));
        enrolled.put("frustrated", List.of("u3"));
        return new EnrollmentSet(EnrollmentSet.SCHEMA_VERSION, List.of("neutral", "frustrated", "sad"), enrolled,
                "namp-m-0.3", "sha256:0123", threshold);
    }

    @Test
    void saveThenLoadGivesTheSameSetAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("task.enroll.json");
        EnrollmentSetFiles.save(file, sample(0.7));
        EnrollmentSet loaded = EnrollmentSetFiles.load(file);
        assertThat(loaded).isEqualTo(sample(0.7));
        assertThat(loaded.enrolled()).containsEntry("sad", List.of());
        assertThat(loaded.allEnrolledIds()).containsExactly("u1", "u2", "u3");
        EnrollmentSetFiles.save(file, sample(null));
        assertThat(EnrollmentSetFiles.load(file).maxDistance()).isNull();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void brokenFilesNameTheFileAndTheProblem() throws IOException {
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> EnrollmentSetFiles.load(missing)).isInstanceOf(InputException.class)
                .hasMessageContaining("none.json").hasMessageContaining("not found");
        assertProblem("{ nope", "not valid JSON");
        assertProblem("{\"classes\": []}", "not an e2v enrollment set");
        assertProblem("{\"format\": \"e2v-enrollment-set\", \"schema_version\": 9, \"classes\": [], \"enrolled\": {}}",
                "schema version 9");
        assertProblem("{\"format\": \"e2v-enrollment-set\", \"schema_version\": 1, \"classes\": [\"a\"],"
                + " \"enrolled\": {\"b\": [\"u1\"]}}", "not one of the classes");
        assertProblem("{\"format\": \"e2v-enrollment-set\", \"schema_version\": 1, \"classes\": [\"a\", \"b\"],"
                + " \"enrolled\": {\"a\": [\"u1\"], \"b\": [\"u1\"]}}", "enrolled twice");
        assertProblem("{\"format\": \"e2v-enrollment-set\", \"schema_version\": 1, \"classes\": [\"a\"],"
                + " \"enrolled\": {}, \"max_distance\": 3}", "[0, 2]");
        assertProblem("{\"format\": \"e2v-enrollment-set\", \"schema_version\": 1, \"classes\": [\"a\", 3],"
                + " \"enrolled\": {}}", "only strings");
    }

    private void assertProblem(String json, String problem) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        assertThatThrownBy(() -> EnrollmentSetFiles.load(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(problem);
    }
}
