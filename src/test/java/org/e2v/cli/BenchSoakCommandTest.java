package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchSoakCommandTest {
    @Test
    void shortSoakReportsBothPhasesWithTheirSamplesAndTheModelsCollections() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BenchSoakCommand());
        cl.setOut(new PrintWriter(out));

        int code = cl.execute("--steps", "4", "--embeddings", "150", "--embed-batch", "40", "--sample-every", "2",
                "--model-dim", "16", "--dims", "8");

        assertThat(code).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        JsonNode training = json.get("training");
        assertThat(training.get("step").asInt()).isEqualTo(4);
        assertThat(training.get("samples_x_rss_mb_heap_used_mb").size()).isEqualTo(3); // steps 0, 2, 4
        assertThat(training.get("full_gcs_by_the_model").asLong()).isPositive(); // the first step collects
        JsonNode embedding = json.get("embedding");
        assertThat(embedding.get("embeddings").asInt()).isEqualTo(150);
        // samples every 20 utterances, taken after whole batches of 40, and at the end: 0, 40, 80, 120, 150
        assertThat(embedding.get("samples_x_rss_mb_heap_used_mb").size()).isEqualTo(5);
        assertThat(embedding.get("full_gcs_by_the_model").asLong()).isNotNegative();
        assertThat(json.get("peak_rss_mb").asDouble()).isGreaterThanOrEqualTo(embedding.get("rss_max_mb").asDouble());
    }
}
