package org.e2v.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped demo corpus (resources/demo, made by installer/demo-corpus/make_demo_corpus.py) keeps its contract. */
class DemoCorpusTest {
    private static final Path DEMO = Path.of("resources", "demo");

    @Test
    void manifestListsSixteenKilohertzMonoClipsOfOneToThreeSecondsForEveryClassAndSpeaker() throws IOException {
        List<String> lines = Files.readAllLines(DEMO.resolve("manifest.csv"));
        assertThat(lines.get(0)).isEqualTo("path,speaker,label,split,confidence");
        Map<String, Integer> perClass = new HashMap<>();
        Map<String, Set<String>> splitsOfSpeaker = new HashMap<>();
        long bytes = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(5);
            Path wav = DEMO.resolve(f[0]);
            assertThat(f[0]).startsWith("wav/" + f[1] + "/");
            AudioInfo info = AudioFiles.probe(wav);
            assertThat(info.sampleRateHz()).isEqualTo(16_000);
            assertThat(info.channels()).isEqualTo(1);
            assertThat(info.bitsPerSample()).isEqualTo(16);
            assertThat(info.durationSeconds()).isBetween(1.0, 3.0);
            assertThat(Double.parseDouble(f[4])).isIn(0.5, 0.67, 0.75, 1.0);
            assertThat(f[3]).isIn("train", "dev", "test");
            perClass.merge(f[2], 1, Integer::sum);
            splitsOfSpeaker.computeIfAbsent(f[1], k -> new java.util.TreeSet<>()).add(f[3]);
            bytes += Files.size(wav);
        }
        assertThat(perClass).containsOnlyKeys("angry", "happy", "neutral", "sad", "frustrated", "surprised");
        assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(40));
        assertThat(splitsOfSpeaker).hasSizeGreaterThanOrEqualTo(8);
        assertThat(splitsOfSpeaker.values()).allSatisfy(s -> assertThat(s).hasSize(1)); // split by speaker
        Map<String, Long> speakersPerSplit = splitsOfSpeaker.values().stream()
                .collect(Collectors.groupingBy(s -> s.iterator().next(), Collectors.counting()));
        assertThat(speakersPerSplit).containsOnlyKeys("train", "dev", "test");
        assertThat(bytes).isLessThan(25L << 20);
    }
}
