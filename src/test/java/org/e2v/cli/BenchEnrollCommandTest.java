package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchEnrollCommandTest {
    @Test
    void printsMedianAndP95ForTheRequestedShape() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BenchEnrollCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("--queries", "500", "--classes", "3", "--dims", "32", "--repeats", "20", "--warmup", "5");
        assertThat(code).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("queries").asInt()).isEqualTo(500);
        assertThat(json.get("classes").asInt()).isEqualTo(3);
        double median = json.at("/add_then_reverify_ms/median").asDouble();
        double p95 = json.at("/add_then_reverify_ms/p95").asDouble();
        assertThat(median).isPositive();
        assertThat(p95).isGreaterThanOrEqualTo(median);
        assertThat(json.at("/full_reverify_all_columns_ms/median").asDouble()).isPositive();
    }

    @Test
    void rejectsNonPositiveSizes() {
        CommandLine cl = new CommandLine(new BenchEnrollCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("--queries", "0")).isEqualTo(2);
    }
}
