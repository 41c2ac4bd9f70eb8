package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.domain.Corpus;
import org.e2v.features.AudioFolder;
import org.e2v.features.Npy;
import org.e2v.features.SyntheticSpeech;
import org.e2v.features.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCommandTest {
    @TempDir
    Path dir;

    private Path wavFolder() throws Exception {
        Path wavs = Files.createDirectories(dir.resolve("wavs"));
        TestAudio.writeWav(wavs.resolve("a.wav"), SyntheticSpeech.generate(1.0, 16_000, 1), 16_000);
        TestAudio.writeWav(wavs.resolve("b.wav"), SyntheticSpeech.generate(0.5, 16_000, 2), 16_000);
        return wavs;
    }

    @Test
    void folderOfWavsIsExtractedAndTheSecondRunHitsTheCache() throws Exception {
        Path wavs = wavFolder();
        Path cache = dir.resolve("cache");
        CommandRunner first = new CommandRunner();
        int code = first.run(new ExtractCommand(), wavs.toString(), "--features", "emobase", "--out", cache.toString());
        assertThat(code).as(first.err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(first.out.toString());
        assertThat(json.get("utterances").asInt()).isEqualTo(2);
        // 1 + (16000 - 400) / 160 = 98 and 1 + (8000 - 400) / 160 = 48
        assertThat(json.get("frames").asLong()).isEqualTo(98 + 48);
        assertThat(json.get("dims").asInt()).isEqualTo(54);
        assertThat(json.get("audio_seconds").asDouble()).isCloseTo(1.5, within(1e-3));
        assertThat(json.get("cache_hits").asInt()).isZero();
        assertThat(json.get("problems")).isEmpty();
        assertThat(json.at("/spec/kind").asText()).isEqualTo("emobase");

        CommandRunner second = new CommandRunner();
        assertThat(second.run(new ExtractCommand(), wavs.toString(), "--features", "emobase", "--out", cache.toString())).isZero();
        assertThat(Json.MAPPER.readTree(second.out.toString()).get("cache_hits").asInt()).isEqualTo(2);
    }

    @Test
    void parametersAndNormalisationReachTheSpec() throws Exception {
        CommandRunner r = new CommandRunner();
        int code = r.run(new ExtractCommand(), wavFolder().toString(), "--features", "mfcc", "-P", "coefficients=20",
                "--normalise", "utterance", "--no-cache");
        assertThat(code).as(r.err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out.toString());
        assertThat(json.get("dims").asInt()).isEqualTo(40);
        assertThat(json.at("/spec/normalisation").asText()).isEqualTo("utterance");
        assertThat(json.get("cache").isNull()).isTrue();
    }

    @Test
    void npyFeaturesAreImportedByFileStem() throws Exception {
        Path wavs = wavFolder();
        Path npy = Files.createDirectories(dir.resolve("vq"));
        Files.write(npy.resolve("a.npy"), Npy.toBytes(new int[] {3, 512}, new float[3 * 512]));
        Files.write(npy.resolve("b.npy"), Npy.toBytes(new int[] {2, 512}, new float[2 * 512]));
        CommandRunner r = new CommandRunner();
        int code = r.run(new ExtractCommand(), wavs.toString(), "--features", "npy:" + npy);
        assertThat(code).as(r.err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out.toString());
        assertThat(json.get("dims").asInt()).isEqualTo(512);
        assertThat(json.get("frames").asInt()).isEqualTo(5);
        assertThat(json.get("audio_seconds").isNull()).isTrue();
    }

    @Test
    void manifestCorporaGoThroughTheCorpusLoaders() throws Exception {
        Path wavs = wavFolder();
        Path manifest = wavs.resolve("manifest.csv");
        Files.writeString(manifest, "path,speaker,label\na.wav,s1,neutral\n");
        CommandRunner r = new CommandRunner();
        assertThat(r.run(new ExtractCommand(), manifest.toString(), "--features", "logmel", "--no-cache")).as(r.err.toString()).isZero();
        assertThat(Json.MAPPER.readTree(r.out.toString()).get("utterances").asInt()).isEqualTo(1);
    }

    @Test
    void badInputGivesExitCode2AndAPlainMessage() throws Exception {
        CommandRunner unknownSet = new CommandRunner();
        assertThat(unknownSet.run(new ExtractCommand(), wavFolder().toString(), "--features", "plp")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(unknownSet.err.toString()).contains("unknown feature set 'plp'");

        CommandRunner noWavs = new CommandRunner();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(noWavs.run(new ExtractCommand(), empty.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(noWavs.err.toString()).contains("contains no .wav files");
    }

    @Test
    void fieldsListsDefaultsAndDescriptions() throws Exception {
        CommandRunner r = new CommandRunner();
        assertThat(r.run(new ExtractCommand(), "unused", "--features", "logmel", "--fields")).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out.toString());
        assertThat(json.get(4).get("name").asText()).isEqualTo("melBands");
        assertThat(json.get(4).get("defaultValue").asText()).isEqualTo("64");
        assertThat(json.get(4).get("description").asText()).isNotBlank();
    }
}
