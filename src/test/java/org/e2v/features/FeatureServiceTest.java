package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.e2v.features.FeatureImporterTest.utterance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.e2v.common.CancellationToken;
import org.e2v.common.CancelledException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.FeatureMatrix;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureServiceTest {
    private static final int SR = 16_000;

    private static List<Utterance> writeCorpus(Path dir, int count, double seconds) throws IOException {
        List<Utterance> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path wav = dir.resolve("utt" + i + ".wav");
            TestAudio.writeWav(wav, SyntheticSpeech.generate(seconds, SR, i), SR);
            list.add(utterance("utt" + i, wav, i % 2 == 0 ? "even" : "odd"));
        }
        return list;
    }

    @Test
    void secondRunReadsEverythingFromTheCacheWithIdenticalValues(@TempDir Path dir) throws IOException {
        List<Utterance> corpus = writeCorpus(dir, 4, 0.5);
        Path cache = dir.resolve("cache");
        FeatureResult first = new FeatureService(cache, 2).extract(corpus, MfccSpec.defaults(), ProgressSink.NONE, CancellationToken.NONE);
        assertThat(first.summary().cacheHits()).isZero();
        assertThat(first.summary().utterances()).isEqualTo(4);
        assertThat(first.summary().frames()).isEqualTo(4 * 48L); // 8000 samples: 1 + (8000 - 400) / 160
        assertThat(first.summary().audioSeconds()).isCloseTo(2.0, within(1e-6));
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(p -> p.toString().endsWith(".e2vf")).count()).isEqualTo(4);
        }
        FeatureResult second = new FeatureService(cache, 2).extract(corpus, MfccSpec.defaults(), ProgressSink.NONE, CancellationToken.NONE);
        assertThat(second.summary().cacheHits()).isEqualTo(4);
        assertThat(second.summary().audioSeconds()).isCloseTo(2.0, within(1e-6));
        for (Utterance u : corpus) {
            assertThat(second.get(u.id()).data()).containsExactly(first.get(u.id()).data());
        }
        // Another spec misses; normalisation alone does not.
        FeatureResult logmel = new FeatureService(cache, 1).extract(corpus, LogMelSpec.defaults(), ProgressSink.NONE, CancellationToken.NONE);
        assertThat(logmel.summary().cacheHits()).isZero();
        FeatureResult normalised = new FeatureService(cache, 1).extract(corpus,
                MfccSpec.defaults().withNormalisation(Normalisation.UTTERANCE), ProgressSink.NONE, CancellationToken.NONE);
        assertThat(normalised.summary().cacheHits()).isEqualTo(4);
    }

    @Test
    void damagedCacheEntryIsRecomputedAndRewritten(@TempDir Path dir) throws IOException {
        List<Utterance> corpus = writeCorpus(dir, 1, 0.3);
        Path cache = dir.resolve("cache");
        FeatureService service = new FeatureService(cache, 1);
        FeatureResult first = service.extract(corpus, LogMelSpec.defaults(), ProgressSink.NONE, CancellationToken.NONE);
        Path entry;
        try (Stream<Path> files = Files.walk(cache)) {
            entry = files.filter(p -> p.toString().endsWith(".e2vf")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        bytes[40] ^= 0x55; // flip bits in the data: the CRC no longer matches
        Files.write(entry, bytes);
        FeatureResult second = service.extract(corpus, LogMelSpec.defaults(), ProgressSink.NONE, CancellationToken.NONE);
        assertThat(second.summary().cacheHits()).isZero();
        assertThat(second.get("utt0").data()).containsExactly(first.get("utt0").data());
        assertThat(service.extract(corpus, LogMelSpec.defaults(), ProgressSink.NONE, CancellationToken.NONE)
                .summary().cacheHits()).isEqualTo(1);
    }

    @Test
    void unwritableCacheKeepsTheFeaturesAndReportsTheCacheProblem(@TempDir Path dir) throws IOException {
        List<Utterance> corpus = writeCorpus(dir, 1, 0.3);
        Path notAFolder = Files.writeString(dir.resolve("cache-is-a-file"), "x");
        FeatureResult r = new FeatureService(notAFolder, 1).extract(corpus, LogMelSpec.defaults(), ProgressSink.NONE,
                CancellationToken.NONE);
        assertThat(r.features()).containsOnlyKeys("utt0");
        assertThat(r.summary().problems()).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("computed but not cached"));
    }

    @Test
    void unreadableFileIsCollectedAsAProblemAndTheRestIsExtracted(@TempDir Path dir) throws IOException {
        List<Utterance> corpus = new ArrayList<>(writeCorpus(dir, 2, 0.3));
        Path broken = dir.resolve("broken.wav");
        Files.writeString(broken, "not audio at all");
        corpus.add(utterance("broken", broken, "x"));
        corpus.add(utterance("missing", dir.resolve("missing.wav"), "x"));
        FeatureResult r = new FeatureService(null, 2).extract(corpus, EmobaseSpec.defaults(), ProgressSink.NONE, CancellationToken.NONE);
        assertThat(r.features()).containsOnlyKeys("utt0", "utt1");
        assertThat(r.summary().problems()).hasSize(2);
        assertThat(r.summary().problems().get(0).file()).endsWith("broken.wav");
        assertThat(r.summary().problems().get(1).file()).endsWith("missing.wav");
        assertThat(r.summary().problems().get(1).problem()).contains("does not exist");
    }

    @Test
    void cancellationStopsTheRunAndLeavesNoWorkerThreads(@TempDir Path dir) throws IOException, InterruptedException {
        List<Utterance> corpus = writeCorpus(dir, 12, 1.0);
        CancellationToken cancel = new CancellationToken();
        List<Long> reports = new ArrayList<>();
        ProgressSink sink = p -> {
            reports.add(p.done());
            cancel.cancel();
        };
        assertThrows(CancelledException.class, () -> new FeatureService(null, 2).extract(corpus, EmobaseSpec.defaults(), sink, cancel));
        assertThat(reports).hasSizeLessThan(corpus.size());
        long deadline = System.currentTimeMillis() + 5000;
        while (workerThreads() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(workerThreads()).isZero();
    }

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("e2v-features-")).count();
    }

    @Test
    void perSpeakerNormalisationGivesZeroMeanUnitVariancePerSpeaker(@TempDir Path dir) throws IOException {
        List<Utterance> corpus = writeCorpus(dir, 4, 0.5);
        FeatureResult r = new FeatureService(null, 2).extract(corpus,
                MfccSpec.defaults().withNormalisation(Normalisation.SPEAKER), ProgressSink.NONE, CancellationToken.NONE);
        for (String speaker : List.of("even", "odd")) {
            double sum = 0;
            double squares = 0;
            long n = 0;
            for (Utterance u : corpus) {
                if (!u.speaker().id().equals(speaker)) {
                    continue;
                }
                FeatureMatrix m = r.get(u.id());
                for (int t = 0; t < m.frames(); t++) {
                    double v = m.get(t, 1);
                    sum += v;
                    squares += v * v;
                    n++;
                }
            }
            assertThat(sum / n).isCloseTo(0.0, within(1e-4));
            assertThat(squares / n).isCloseTo(1.0, within(1e-3));
        }
    }

    @Test
    void perUtteranceNormalisationCentresEachUtterance() {
        FeatureMatrix a = new FeatureMatrix("a", 3, 2, new float[] {1, 5, 2, 5, 3, 5});
        Map<String, FeatureMatrix> out = Normaliser.apply(Normalisation.UTTERANCE, Map.of("a", a), id -> "s");
        // column 0: mean 2, population std sqrt(2/3); column 1 constant: only centred
        double s = Math.sqrt(2.0 / 3);
        assertThat(out.get("a").data()).containsExactly((float) (-1 / s), 0f, 0f, 0f, (float) (1 / s), 0f);
        assertThat(a.data()[0]).isEqualTo(1f);
    }
}
