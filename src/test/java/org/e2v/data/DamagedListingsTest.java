package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.e2v.domain.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regressions found by fuzzing (e2v bench fuzz): damaged listings are problems, not crashes. */
class DamagedListingsTest {
    @Test
    void manifestPathWithANulByteIsAProblemNamingTheLineNotACrash(@TempDir Path root) {
        Fixtures.wav(root.resolve("a.wav"), 100);
        Fixtures.text(root.resolve("manifest.csv"), "a.wav,s1,angry\nb\u0000.wav,s2,sad\n");
        Corpus c = ManifestLoader.load(root.resolve("manifest.csv"), LoaderOptions.defaults()).corpus();
        assertThat(c.utterances()).singleElement().satisfies(u -> assertThat(u.id()).isEqualTo("a"));
        assertThat(c.problems()).extracting(Object::toString).singleElement().asString()
                .contains("manifest.csv").contains("line 2").contains("b\\u0000.wav").contains("not a valid file name");
    }

    @Test
    void speakerSidecarWithANulByteIsAProblemAndOtherRowsStillApply(@TempDir Path root) {
        Fixtures.wav(root.resolve("calm/take7.wav"), 800);
        Fixtures.wav(root.resolve("calm/take8.wav"), 800);
        Fixtures.text(root.resolve("speakers.csv"), "file,speaker\ncalm/take\u00007.wav,bob\ncalm/take8.wav,alice\n");
        Corpus c = FolderLoader.load(root, LoaderOptions.defaults()).corpus();
        assertThat(c.utterances()).filteredOn(u -> u.id().equals("take8"))
                .singleElement().satisfies(u -> assertThat(u.speaker().id()).isEqualTo("alice"));
        assertThat(c.problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains("speakers.csv").contains("line 2").contains("not a valid file name"));
    }
}
