package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.common.CancellationToken;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.enroll.EnrollmentSetFiles;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.enroll.EnrollFixtures;
import org.e2v.experiment.enroll.QuerySplit;
import org.e2v.experiment.enroll.VerifyRequest;
import org.e2v.experiment.enroll.VerifyResult;
import org.e2v.experiment.enroll.VerifyService;
import org.e2v.metrics.Metrics;
import org.e2v.metrics.PredictionFiles;
import org.e2v.metrics.Predictions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    static Path dir;
    static Path manifest;
    static Path model;
    static Path setFile;

    @BeforeAll
    static void setUp() throws IOException {
        manifest = EnrollFixtures.corpus(dir.resolve("c"), List.of("neutral", "sad", "angry"), 4, 3);
        model = EnrollFixtures.model(dir.resolve("m.e2vm"), 5);
        Map<String, List<String>> enrolled = new LinkedHashMap<>();
        enrolled.put("neutral", List.of("spk2_neutral_0", "spk2_neutral_1"));
        enrolled.put("sad", List.of("spk2_sad_0", "spk2_sad_2"));
        setFile = dir.resolve("set.json");
        EnrollmentSetFiles.save(setFile, new EnrollmentSet(1, List.of("neutral", "sad"), enrolled, "m",
                VerifyService.HASH_PREFIX + EmbeddingService.sha256(model), null));
    }

    @Test
    void printsTheServicesMetricsAndWritesPredictionsThatMetricsReads() throws IOException {
        Path predictions = dir.resolve("pred.csv");
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new VerifyCommand(), "--model", model.toString(), "--corpus", manifest.toString(),
                "--enrollment", setFile.toString(), "--predictions", predictions.toString(), "--no-cache");
        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(cli.err.toString()).doesNotContain("warning");
        JsonNode json = new ObjectMapper().readTree(cli.out.toString());

        VerifyResult expected = new VerifyService(new EmbeddingService(null, null)).verify(new VerifyRequest(model,
                CorpusLoaders.load(manifest, "auto", LoaderOptions.defaults()), EnrollmentSetFiles.load(setFile), setFile,
                QuerySplit.TEST, false, null), ProgressSink.NONE, CancellationToken.NONE);
        assertThat(json.get("uar").asDouble()).isEqualTo(expected.scored().report().uar());
        assertThat(json.get("weighted_f1").asDouble()).isEqualTo(expected.scored().report().weightedF1());
        assertThat(json.get("n").asInt()).isEqualTo(6);
        assertThat(json.get("model_matches_set").asBoolean()).isTrue();
        assertThat(json.get("classes").toString()).isEqualTo("[\"neutral\",\"sad\"]");
        assertThat(json.at("/counts/enrolled/sad").asInt()).isEqualTo(2);
        int[][] confusion = expected.scored().report().confusion();
        assertThat(json.at("/confusion/0/0").asInt()).isEqualTo(confusion[0][0]);
        assertThat(json.at("/confusion/1/0").asInt()).isEqualTo(confusion[1][0]);

        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("id,y_true,y_pred,d_neutral,d_sad");
        assertThat(lines).hasSize(7);
        Predictions read = PredictionFiles.read(predictions);
        assertThat(Metrics.evaluate(read.yTrue(), read.yPred()).uar()).isCloseTo(json.get("uar").asDouble(), within(1e-12));
        // each row's prediction is the class with the smaller written distance
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[2]).isEqualTo(Double.parseDouble(f[3]) <= Double.parseDouble(f[4]) ? "neutral" : "sad");
        }
    }

    @Test
    void allLabelsWithAThresholdReportsUnknownPredictions() throws IOException {
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new VerifyCommand(), "--model", model.toString(), "--corpus", manifest.toString(),
                "--enrollment", setFile.toString(), "--queries", "test", "--all-labels", "--threshold", "0", "--no-cache");
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out.toString());
        assertThat(json.get("n").asInt()).isEqualTo(9);
        assertThat(json.get("threshold").asDouble()).isZero();
        assertThat(json.get("labels").toString()).isEqualTo("[\"angry\",\"neutral\",\"sad\",\"unknown\"]");
        assertThat(json.get("accuracy").asDouble()).isZero();
    }

    @Test
    void aSetFromAnotherEncoderWarnsOnStderr() throws IOException {
        Path other = dir.resolve("other-set.json");
        EnrollmentSetFiles.save(other, new EnrollmentSet(1, List.of("neutral", "sad"),
                Map.of("neutral", List.of("spk2_neutral_0"), "sad", List.of("spk2_sad_0")), "x", "sha256:feed", null));
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new VerifyCommand(), "--model", model.toString(), "--corpus", manifest.toString(),
                "--enrollment", other.toString(), "--no-cache");
        assertThat(code).isZero();
        assertThat(cli.err.toString()).contains("warning").contains("another encoder").contains("sha256:feed");
        assertThat(new ObjectMapper().readTree(cli.out.toString()).get("model_matches_set").asBoolean()).isFalse();
    }

    @Test
    void aFileThatIsNoEnrollmentSetExitsWithTwoAndNamesIt() throws IOException {
        Path bad = dir.resolve("notes.json");
        Files.writeString(bad, "{\"hello\": 1}");
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new VerifyCommand(), "--model", model.toString(), "--corpus", manifest.toString(),
                "--enrollment", bad.toString(), "--no-cache");
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cli.err.toString()).contains("notes.json").contains("is not an e2v enrollment set");
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void anUnknownUtteranceIdExitsWithTwo() throws IOException {
        Path bad = dir.resolve("typo-set.json");
        EnrollmentSetFiles.save(bad, new EnrollmentSet(1, List.of("neutral"), Map.of("neutral", List.of("spk2_neutral_9")),
                null, null, null));
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new VerifyCommand(), "--model", model.toString(), "--corpus", manifest.toString(),
                "--enrollment", bad.toString(), "--no-cache");
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cli.err.toString()).contains("typo-set.json").contains("spk2_neutral_9").contains("has no utterance with that id");
    }

    @Test
    void anEncoderForOtherFeaturesExitsWithTwo() {
        Path wrong = EnrollFixtures.model(dir.resolve("wrong-dims.e2vm"), 5, 40);
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new VerifyCommand(), "--model", wrong.toString(), "--corpus", manifest.toString(),
                "--enrollment", setFile.toString(), "--no-cache");
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cli.err.toString()).contains("wrong-dims.e2vm").contains("expects 40-dimensional features but the features have 16");
    }

    @Test
    void aThresholdOutsideZeroToTwoIsAUsageError() {
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new VerifyCommand(), "--model", model.toString(), "--corpus", manifest.toString(),
                "--enrollment", setFile.toString(), "--threshold", "2.5", "--no-cache");
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cli.err.toString()).contains("--threshold must be a cosine distance in [0, 2], got 2.5");
    }
}
