package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.common.E2vException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetricsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new MetricsCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // Same mapping as Main: user errors -> message on stderr, exit code 2.
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            if (ex instanceof E2vException) {
                c.getErr().println("e2v: " + ex.getMessage());
                c.getErr().flush();
                return Main.EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    private Path csv(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void scoresOneFileWithStringLabels() throws Exception {
        Path a = csv("a.csv", "id,y_true,y_pred\nu1,neu,neu\nu2,neu,fru\nu3,fru,fru\nu4,fru,fru\n");
        assertThat(run(a.toString())).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("n").asInt()).isEqualTo(4);
        assertThat(json.get("uar").asDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(json.get("accuracy").asDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(json.get("labels").toString()).isEqualTo("[\"fru\",\"neu\"]");
        assertThat(json.get("confusion").toString()).isEqualTo("[[2,0],[1,1]]");
        assertThat(json.at("/per_class/1/recall").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(json.has("mcnemar")).isFalse();
    }

    @Test
    void againstPairsItemsByIdAndRunsMcNemar() throws Exception {
        Path a = csv("a.csv", "id,y_true,y_pred\nu1,x,x\nu2,x,x\nu3,y,y\nu4,y,x\n");
        // other column order and item order; right on u4 only where A was wrong, wrong on u1, u2
        Path b = csv("b.csv", "y_pred,id,y_true\ny,u4,y\ny,u1,x\ny,u2,x\ny,u3,y\n");
        assertThat(run(a.toString(), "--against", b.toString())).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.at("/mcnemar/b_first_right_second_wrong").asInt()).isEqualTo(2);
        assertThat(json.at("/mcnemar/c_first_wrong_second_right").asInt()).isEqualTo(1);
        assertThat(json.at("/against/uar").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(json.at("/mcnemar/p_exact").asDouble()).isEqualTo(1.0);
    }

    @Test
    void badFilesGiveExitCode2AndNameFileAndLine() throws Exception {
        Path empty = csv("empty.csv", "\n");
        assertThat(run(empty.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("empty.csv").contains("is empty");

        Path noPred = csv("nopred.csv", "id,y_true\nu1,a\n");
        err.getBuffer().setLength(0);
        assertThat(run(noPred.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("nopred.csv: line 1").contains("no column \"y_pred\"");

        Path shortRow = csv("short.csv", "id,y_true,y_pred\nu1,a,a\nu2,a\n");
        err.getBuffer().setLength(0);
        assertThat(run(shortRow.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("short.csv: line 3").contains("expected 3 fields");

        Path dup = csv("dup.csv", "id,y_true,y_pred\nu1,a,a\nu1,a,b\n");
        err.getBuffer().setLength(0);
        assertThat(run(dup.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("line 3").contains("already appeared on line 2");
    }

    @Test
    void differentIdsOrTruthBetweenTheFilesAreReported() throws Exception {
        Path a = csv("a.csv", "id,y_true,y_pred\nu1,x,x\nu2,x,y\n");
        Path b = csv("b.csv", "id,y_true,y_pred\nu1,x,x\nu9,x,y\n");
        assertThat(run(a.toString(), "--against", b.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("b.csv").contains("1 only in a.csv (e.g. u2)").contains("1 only in b.csv (e.g. u9)");

        Path c = csv("c.csv", "id,y_true,y_pred\nu2,y,y\nu1,x,x\n");
        err.getBuffer().setLength(0);
        assertThat(run(a.toString(), "--against", c.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("c.csv: line 2").contains("y_true \"y\" but \"x\"");
    }

    @Test
    void quotedFieldsMayHoldCommas() throws Exception {
        Path a = csv("q.csv", "\"id\",y_true,y_pred\n\"u,1\",\"a \"\"b\"\"\",\"a \"\"b\"\"\"\n");
        assertThat(run(a.toString())).as(err.toString()).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).get("labels").get(0).asText()).isEqualTo("a \"b\"");
    }
}
