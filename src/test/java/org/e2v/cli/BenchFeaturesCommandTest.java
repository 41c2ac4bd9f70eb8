package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.features.SyntheticSpeech;
import org.e2v.features.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchFeaturesCommandTest {
    @Test
    void syntheticBenchReportsARealTimeFactorPerExtractor() throws Exception {
        CommandRunner r = new CommandRunner();
        int code = r.run(new BenchFeaturesCommand(), "--synthetic", "--seconds", "3", "--repeats", "1");
        assertThat(code).as(r.err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out.toString());
        assertThat(json.get("audio_seconds").asDouble()).isEqualTo(3.0);
        assertThat(json.get("results")).hasSize(3);
        for (JsonNode result : json.get("results")) {
            double rtf = result.get("realtime_factor_per_core").asDouble();
            double cpu = result.get("cpu_seconds").asDouble();
            assertThat(rtf).isPositive();
            // The factor is audio seconds over CPU seconds (rounded to 0.1 and 1e-4 s).
            assertThat(Math.abs(rtf * cpu - 3.0)).isLessThan(0.05 * 3.0 + 1e-4 * rtf);
            assertThat(result.get("frames").asLong()).isEqualTo(298);
        }
    }

    @Test
    void folderOfWavsIsMeasured(@TempDir Path dir) throws Exception {
        TestAudio.writeWav(dir.resolve("x.wav"), SyntheticSpeech.generate(1.0, 16_000, 3), 16_000);
        Files.createDirectories(dir.resolve("sub"));
        CommandRunner r = new CommandRunner();
        assertThat(r.run(new BenchFeaturesCommand(), "--dir", dir.toString(), "--features", "mfcc", "--repeats", "1")).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out.toString());
        assertThat(json.get("clips").asInt()).isEqualTo(1);
        assertThat(json.at("/results/0/features").asText()).isEqualTo("mfcc");
        assertThat(json.at("/results/0/frames").asLong()).isEqualTo(98);
    }
}
