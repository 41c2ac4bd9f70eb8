package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.experiment.embed.EmbeddingBundle;
import org.e2v.experiment.enroll.EnrollFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheCsvAndTheBundleThatVerifyThenUses() throws Exception {
        Path manifest = EnrollFixtures.corpus(dir.resolve("c"), List.of("neutral", "sad"), 3, 2);
        Path model = EnrollFixtures.model(dir.resolve("m.e2vm"), 3);
        Path csv = dir.resolve("emb.csv");
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new EmbedCommand(), "--model", model.toString(), "--corpus", manifest.toString(),
                "--out", csv.toString(), "--bundle");
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(cli.out.toString());
        assertThat(json.get("embedded").asInt()).isEqualTo(12);
        assertThat(json.get("dims").asInt()).isEqualTo(8);
        assertThat(json.get("bundle_entries").asInt()).isEqualTo(12);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(13);
        assertThat(lines.get(0)).isEqualTo("id,speaker,label,split,e0,e1,e2,e3,e4,e5,e6,e7");
        assertThat(lines.get(1)).startsWith("spk0_neutral_0,spk0,neutral,train,");
        assertThat(lines.get(1).split(",")).hasSize(12);
        assertThat(EmbeddingBundle.read(EmbeddingBundle.fileFor(model)).size()).isEqualTo(12);
    }

    @Test
    void aDamagedModelExitsTwoNamingIt() throws Exception {
        Path manifest = EnrollFixtures.corpus(dir.resolve("c"), List.of("neutral"), 3, 1);
        Path bad = Files.writeString(dir.resolve("bad.e2vm"), "nope");
        CommandRunner cli = new CommandRunner();
        assertThat(cli.run(new EmbedCommand(), "--model", bad.toString(), "--corpus", manifest.toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cli.err.toString()).contains("bad.e2vm").doesNotContain("\tat ");
    }
}
