package org.e2v.experiment.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.e2v.common.CancellationToken;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Utterance;
import org.e2v.experiment.enroll.EnrollFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingBundleTest {
    @TempDir
    static Path dir;
    static Path corpusDir;
    static Path model;
    static List<Utterance> utterances;
    static EmbeddingResult fresh;

    @BeforeAll
    static void setUp() throws IOException {
        corpusDir = dir.resolve("c");
        Path manifest = EnrollFixtures.corpus(corpusDir, List.of("neutral", "sad"), 3, 2);
        model = EnrollFixtures.model(dir.resolve("m.e2vm"), 7);
        utterances = CorpusLoaders.load(manifest, "manifest", LoaderOptions.defaults()).utterances();
        fresh = new EmbeddingService(null, null).embed(model, utterances, ProgressSink.NONE, CancellationToken.NONE);
        assertThat(EmbeddingBundle.write(model, fresh, utterances)).isEqualTo(utterances.size());
    }

    private static EmbeddingResult withCache(Path cache, Path modelFile, List<Utterance> us) {
        return new EmbeddingService(cache, null).embed(modelFile, us, ProgressSink.NONE, CancellationToken.NONE);
    }

    private static void assertSameVectors(EmbeddingResult r, List<Utterance> us) {
        for (Utterance u : us) {
            assertThat(r.embeddings().get(u.id())).as(u.id()).containsExactly(fresh.embeddings().get(u.id()));
        }
    }

    @Test
    void aCopiedCorpusIsServedFromTheBundleWithTheModelsClassesAndDims() throws IOException {
        // a copy has other paths and time stamps: only content keys can find it
        Path copy = dir.resolve("copy");
        try (var files = Files.walk(corpusDir)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(corpusDir.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        List<Utterance> copied = CorpusLoaders.load(copy.resolve("manifest.csv"), "manifest", LoaderOptions.defaults()).utterances();
        EmbeddingResult r = withCache(dir.resolve("cache-copy"), model, copied);
        assertThat(r.cacheHits()).isEqualTo(copied.size());
        assertThat(r.classNames()).isEqualTo(fresh.classNames());
        assertThat(r.dims()).isEqualTo(fresh.dims());
        assertThat(r.modelHash()).isEqualTo(fresh.modelHash());
        assertSameVectors(r, copied);
        // the user's cache learned them: one cache file for the model
        try (var cached = Files.list(dir.resolve("cache-copy"))) {
            assertThat(cached.toList()).hasSize(1);
        }
    }

    @Test
    void audioTheBundleLacksIsEmbeddedAndTheRestComesFromIt() throws IOException {
        List<Utterance> mixed = new java.util.ArrayList<>(utterances.subList(0, 3));
        Path extra = EnrollFixtures.corpus(dir.resolve("extra"), List.of("angry", "happy", "fear"), 3, 1);
        List<Utterance> others = CorpusLoaders.load(extra, "manifest", LoaderOptions.defaults()).utterances();
        mixed.addAll(others);
        // the fixture generator starts each corpus with the same tone, so the bundle may know one of
        // the others too: that is content addressing at work
        EmbeddingBundle bundle = EmbeddingBundle.read(EmbeddingBundle.fileFor(model));
        long known = mixed.stream().filter(u -> bundle.get(u) != null).count();
        assertThat(known).isBetween(3L, 4L);
        EmbeddingResult r = withCache(dir.resolve("cache-mixed"), model, mixed);
        assertThat(r.embeddings()).hasSize(mixed.size());
        // the known utterances were found in the bundle (fed into the cache), the rest embedded
        assertThat(r.cacheHits()).isEqualTo((int) known);
        assertSameVectors(r, mixed.subList(0, 3));
    }

    @Test
    void withoutACacheOrForAnotherModelTheBundleIsNotUsed() throws IOException {
        assertThat(new EmbeddingService(null, null).embed(model, utterances, ProgressSink.NONE, CancellationToken.NONE)
                .cacheHits()).isZero();
        Path other = EnrollFixtures.model(dir.resolve("other.e2vm"), 8);
        Files.copy(EmbeddingBundle.fileFor(model), EmbeddingBundle.fileFor(other));
        EmbeddingResult r = withCache(dir.resolve("cache-other"), other, utterances);
        assertThat(r.cacheHits()).isZero();
        assertThat(r.embeddings().get(utterances.get(0).id())).isNotEqualTo(fresh.embeddings().get(utterances.get(0).id()));
    }

    @Test
    void aDamagedBundleIsIgnoredAndReadingItDirectlyNamesTheFile() throws IOException {
        Path m2 = dir.resolve("m2.e2vm");
        Files.copy(model, m2);
        byte[] b = Files.readAllBytes(EmbeddingBundle.fileFor(model));
        Files.write(EmbeddingBundle.fileFor(m2), Arrays.copyOf(b, b.length / 2));
        EmbeddingResult r = withCache(dir.resolve("cache-damaged"), m2, utterances);
        assertThat(r.cacheHits()).isZero();
        assertSameVectors(r, utterances);
        assertThatThrownBy(() -> EmbeddingBundle.read(EmbeddingBundle.fileFor(m2))).isInstanceOf(InputException.class)
                .hasMessageContaining("m2.e2vm.embeddings").hasMessageContaining("truncated");
        Files.writeString(EmbeddingBundle.fileFor(m2), "hello");
        assertThatThrownBy(() -> EmbeddingBundle.read(EmbeddingBundle.fileFor(m2))).isInstanceOf(InputException.class)
                .hasMessageContaining("not an e2v embedding bundle");
    }

    @Test
    void theBundleHoldsOneEntryPerAudioAndNamesItsModel() {
        EmbeddingBundle b = EmbeddingBundle.read(EmbeddingBundle.fileFor(model));
        assertThat(b.size()).isEqualTo(utterances.size());
        assertThat(b.modelHash()).isEqualTo(EmbeddingService.sha256(model));
        assertThat(b.dims()).isEqualTo(8);
        assertThat(b.classNames()).containsExactly("a", "b");
    }
}
