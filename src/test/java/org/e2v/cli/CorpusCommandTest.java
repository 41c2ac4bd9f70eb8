package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.e2v.audio.Ffmpeg;
import org.e2v.common.E2vException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CorpusCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Path fixtures() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/fixtures");
    }

    /** The command with Main's exception mapping (E2vException -> message on stderr, exit 2). */
    private int run(String... args) {
        CommandLine cl = new CommandLine(new CorpusCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof E2vException) {
                commandLine.getErr().println("e2v: " + ex.getMessage());
                commandLine.getErr().flush();
                return Main.EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Test
    void printsIemocapSummaryAsJson() throws Exception {
        int code = run(fixtures().resolve("iemocap").toString());
        assertThat(code).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("format").asText()).isEqualTo("iemocap");
        assertThat(json.get("utterances").asInt()).isEqualTo(14);
        assertThat(json.get("countsByLabel").get("happy").asInt()).isEqualTo(2);
        assertThat(json.get("excluded").get("label xxx").asInt()).isEqualTo(1);
        assertThat(json.get("totalSeconds").asDouble()).isEqualTo(1.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void optionsReachTheLoader() throws Exception {
        int code = run(fixtures().resolve("iemocap").toString(), "--format", "iemocap", "--keep-excited",
                "--drop-labels=xxx", "--min-confidence", "0");
        assertThat(code).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("utterances").asInt()).isEqualTo(16);
        assertThat(json.get("countsByLabel").get("excited").asInt()).isEqualTo(2);
        assertThat(json.get("countsByLabel").get("other").asInt()).isEqualTo(1);
    }

    @Test
    void verifyMediaListsCorruptMeldFile() throws Exception {
        assumeTrue(Ffmpeg.find().isPresent(), "ffmpeg not installed: the readable MP4 fixtures would be listed too");
        int code = run(fixtures().resolve("meld").toString(), "--verify-media");
        assertThat(code).isZero();
        JsonNode problems = Json.MAPPER.readTree(out.toString()).get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("file").asText()).isEqualTo("train_splits/dia125_utt3.mp4");
        assertThat(problems.get(1).get("file").asText()).isEqualTo("dev_splits_complete/dia110_utt7.mp4");
    }

    @Test
    void unusableCorpusExitsWithTwoAndAPlainMessage(@TempDir Path tmp) {
        int code = run(tmp.toString());
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("e2v: " + tmp + ": cannot tell the corpus format");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void confidenceOutsideUnitIntervalIsAUsageError() {
        int code = run(fixtures().resolve("iemocap").toString(), "--min-confidence", "1.5");
        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--min-confidence must lie in [0, 1], got 1.5");
    }
}
