package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void twoMinutesAreSavedWhole() throws Exception {
        Path wav = dir.resolve("r.wav");
        CommandRunner cli = new CommandRunner();
        int code = cli.run(new BenchRecordCommand(), "--minutes", "2", "--out", wav.toString());
        assertThat(code).as(cli.err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(cli.out.toString());
        assertThat(json.get("recorded_seconds").asDouble()).isCloseTo(120.0, within(1e-6));
        assertThat(json.get("level_updates").asLong()).isEqualTo(120 * 20);
        assertThat(Files.size(wav)).isEqualTo(44 + 2L * 120 * 16_000);
        // one sample at the start and one per recorded minute
        assertThat(json.get("samples_minutes_rss_mb_heap_mb").size()).isBetween(2, 3);
        assertThat(json.get("heap_growth_mb").asDouble()).isLessThan(4.0);
    }

    @Test
    void aNonPositiveLengthIsRefused() {
        CommandRunner cli = new CommandRunner();
        assertThat(cli.run(new BenchRecordCommand(), "--minutes", "0")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cli.err.toString()).contains("--minutes must be in (0, 1440]");
    }
}
