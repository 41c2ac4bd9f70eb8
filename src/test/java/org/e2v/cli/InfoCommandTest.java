package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
    @Test
    void infoPrintsVersionsBackendThreadsAndDevices() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"info"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("java").asText()).startsWith(System.getProperty("java.version"));
        assertThat(json.at("/nd4j/kind").asText()).isEqualTo("cpu");
        assertThat(json.at("/nd4j/devices").size()).isPositive();
        assertThat(json.at("/threads/OMP_NUM_THREADS").asText()).isEqualTo("1");
        // the CPU build names the JavaCPP OpenBLAS it runs (decision 0137), e.g. "OPENBLAS 0.3.21-1.5.8"
        assertThat(json.at("/nd4j/blas").asText()).matches("OPENBLAS \\d+\\.\\d+\\.\\d+-\\d+\\.\\d+\\.\\d+");
        assertThat(json.get("microphone").isBoolean()).isTrue();
        assertThat(json.has("ffmpeg")).isTrue();
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitCode2() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"no-such-command"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no-such-command");
    }
}
