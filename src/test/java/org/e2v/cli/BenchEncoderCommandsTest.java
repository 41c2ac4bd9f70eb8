package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.e2v.common.E2vException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchEncoderCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // the same mapping as Main: user errors -> message, exit code 2
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof E2vException) {
                c.getErr().println("e2v: " + ex.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Test
    void trainBenchReportsMedianStepTimePerModelDimAndPeakMemory() throws Exception {
        int code = run(new BenchTrainCommand(), "--model-dims", "4,8", "--gru", "4", "--heads", "2", "--ff", "8",
                "--classes", "2", "--per-class", "2", "--frames", "20", "--dims", "3", "--steps", "3", "--warmup", "1");
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.at("/results").size()).isEqualTo(2);
        assertThat(json.at("/results/0/model_dim").asInt()).isEqualTo(4);
        assertThat(json.at("/results/1/model_dim").asInt()).isEqualTo(8);
        assertThat(json.at("/results/0/step/count").asInt()).isEqualTo(3);
        assertThat(json.at("/results/0/step/median_s").asDouble()).isPositive();
        assertThat(json.at("/results/0/step/min_s").asDouble())
                .isLessThanOrEqualTo(json.at("/results/0/step/median_s").asDouble());
        assertThat(json.at("/results/0/last_loss").asDouble()).isFinite();
        assertThat(json.at("/results/0/step_thread_cpu/count").asInt()).isEqualTo(3);
        assertThat(json.at("/results/0/step_thread_cpu/median_s").asDouble()).isPositive();
        assertThat(json.at("/peak_rss_mb").asDouble()).isPositive();
        assertThat(json.at("/config/frames_T").asInt()).isEqualTo(20);
    }

    @Test
    void embedBenchReportsOneUtteranceAndBatchedTimes() throws Exception {
        int code = run(new BenchEmbedCommand(), "--model-dim", "4", "--gru", "4", "--heads", "1", "--ff", "8",
                "--frames", "30", "--dims", "3", "--runs", "4", "--warmup", "1", "--batch", "3");
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.at("/one_utterance/count").asInt()).isEqualTo(4);
        assertThat(json.at("/one_utterance/median_s").asDouble()).isPositive();
        assertThat(json.at("/per_utterance_in_batch_of_3/median_s").asDouble()).isPositive();
        assertThat(json.at("/one_utterance_thread_cpu/median_s").asDouble()).isPositive();
        assertThat(json.at("/config/embedding_dims").asInt()).isEqualTo(4);
    }

    @Test
    void impossibleHeadCountIsAUserError() {
        int code = run(new BenchEmbedCommand(), "--model-dim", "6", "--heads", "4", "--frames", "10", "--dims", "3");
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("heads (4) must divide modelDim (6)");
    }
}
