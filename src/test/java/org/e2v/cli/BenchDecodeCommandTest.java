package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchDecodeCommandTest {
    @Test
    void shortBenchmarkReportsLengthsAndTheToneAmplitude() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BenchDecodeCommand());
        cl.setOut(new PrintWriter(out));

        int code = cl.execute("--seconds", "2", "--rate", "44100", "--channels", "2", "--format", "PCM_S16");

        assertThat(code).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("audioSeconds").asDouble()).isEqualTo(2.0);
        assertThat(json.get("fileMegabytes").asDouble()).isCloseTo((44 + 2 * 44_100 * 4) / 1e6, within(1e-9));
        assertThat(json.get("outputMegabytes").asDouble()).isCloseTo(32_000 * 4 / 1e6, within(1e-9));
        assertThat(json.get("amplitude440").asDouble()).isCloseTo(0.5, within(0.01));
        assertThat(json.get("realtimeFactor").asDouble()).isPositive();
    }
}
