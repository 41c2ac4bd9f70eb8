package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.e2v.features.NpyTest.fixture;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.FeatureMatrix;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureImporterTest {
    static Utterance utterance(String id, Path audio, String speaker) {
        return new Utterance(id, audio, null, Speaker.of(speaker), EmotionLabel.NEUTRAL, Split.UNASSIGNED, Double.NaN);
    }

    private static FeatureResult importFrom(Path source, List<Utterance> utterances) {
        return new FeatureService(null, 1).extract(utterances, new ImportedFeatureSpec(source, Normalisation.NONE),
                ProgressSink.NONE, CancellationToken.NONE);
    }

    @Test
    void folderOfNpyAndNpzIsMatchedByIdOrAudioStem() {
        FeatureImporter importer = FeatureImporter.open(fixture("corpus"));
        assertThat(importer.ids()).containsExactlyInAnyOrder("spk1_a", "spk1_b", "spk2_a");
        FeatureResult r = importFrom(fixture("corpus"), List.of(
                utterance("spk1_a", null, "s1"),
                utterance("renamed", Path.of("/audio/spk1_b.wav"), "s1"),
                utterance("spk2_a", null, "s2")));
        assertThat(r.features()).containsOnlyKeys("spk1_a", "renamed", "spk2_a");
        FeatureMatrix b = r.get("renamed");
        assertThat(b.utteranceId()).isEqualTo("renamed");
        assertThat(b.frames()).isEqualTo(5);
        assertThat(b.get(4, 3)).isEqualTo(4.3f + 1f);
        assertThat(r.get("spk2_a").get(0, 0)).isEqualTo(2f);
        assertThat(r.summary().frames()).isEqualTo(3 + 5 + 4);
        assertThat(r.summary().dims()).isEqualTo(4);
        assertThat(r.summary().audioSeconds()).isNaN();
    }

    @Test
    void utteranceWithoutFeaturesIsAProblemNotAnAbort() {
        FeatureResult r = importFrom(fixture("corpus"), List.of(utterance("spk1_a", null, "s"), utterance("ghost", null, "s")));
        assertThat(r.features()).containsOnlyKeys("spk1_a");
        assertThat(r.summary().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("ghost");
            assertThat(p.problem()).contains("no features").contains("'ghost'");
        });
    }

    @Test
    void differingDimensionsNameBothFilesAndDims() {
        InputException e = assertThrows(InputException.class, () -> importFrom(fixture("mixed_dims"),
                List.of(utterance("a", null, "s"), utterance("b", null, "s"))));
        assertThat(e.problem()).contains("a.npy has 4 dims").contains("b.npy has 6");
    }

    @Test
    void nanValueNamesFileAndFrame() {
        FeatureResult r = importFrom(fixture("with_nan"), List.of(utterance("good", null, "s"), utterance("bad", null, "s")));
        assertThat(r.features()).containsOnlyKeys("good");
        assertThat(r.summary().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("bad.npy");
            assertThat(p.problem()).contains("NaN value at frame 2, dimension 1");
        });
        InputException inf = assertThrows(InputException.class, () -> FeatureImporter.open(fixture("inf.npy")).load("inf"));
        assertThat(inf.problem()).contains("infinite value at frame 1, dimension 3");
    }

    @Test
    void shapesOtherThanTimeByDimsAreHandledOrRejected() {
        assertThat(FeatureImporter.open(fixture("vector.npy")).load("vector").frames()).isEqualTo(1);
        FeatureMatrix squeezed = FeatureImporter.open(fixture("batch1.npy")).load("batch1");
        assertThat(squeezed.frames()).isEqualTo(3);
        assertThat(squeezed.dims()).isEqualTo(4);
        assertThat(assertThrows(InputException.class, () -> FeatureImporter.open(fixture("empty.npy")).load("empty")).problem())
                .contains("empty array of shape (0, 4)");
        assertThat(assertThrows(InputException.class, () -> FeatureImporter.open(fixture("cube.npy")).load("cube")).problem())
                .contains("shape (2, 3, 4)");
    }

    @Test
    void nothingUsableFailsTheWholeCall() {
        E2vException e = assertThrows(E2vException.class, () -> importFrom(fixture("corpus"), List.of(utterance("x", null, "s"))));
        assertThat(e.getMessage()).contains("no utterance yielded npy features").contains("x: no features");
    }

    @Test
    void csvLongFormatIsReadPerUtterance(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("features.csv");
        Files.writeString(csv, """
                utterance_id,frame,f0,f1
                u1,0,1.5,2
                u1,1,3,4
                u2,0,-1,0.25
                """);
        FeatureResult r = importFrom(csv, List.of(utterance("u1", null, "s"), utterance("u2", null, "s")));
        assertThat(r.get("u1").data()).containsExactly(1.5f, 2f, 3f, 4f);
        assertThat(r.get("u2").frames()).isEqualTo(1);
    }

    @Test
    void malformedCsvNamesTheLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("f.csv");
        Files.writeString(csv, "utterance_id,frame,f0\nu1,0,1\nu1,2,1\n");
        assertThat(assertThrows(InputException.class, () -> FeatureImporter.open(csv)).problem())
                .contains("line 3").contains("frame 2 where frame 1 was expected");
        Files.writeString(csv, "utterance_id,frame,f0\nu1,0,abc\n");
        assertThat(assertThrows(InputException.class, () -> FeatureImporter.open(csv)).problem())
                .contains("line 2").contains("'abc'");
        Files.writeString(csv, "id,f0\nu1,1\n");
        assertThat(assertThrows(InputException.class, () -> FeatureImporter.open(csv)).problem()).contains("header");
    }

    @Test
    void sameUtteranceInTwoFilesIsAnError(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("u1.npy"), Npy.toBytes(new int[] {1, 2}, new float[] {1, 2}));
        Files.writeString(dir.resolve("more.csv"), "utterance_id,frame,a,b\nu1,0,1,2\n");
        InputException e = assertThrows(InputException.class, () -> FeatureImporter.open(dir));
        assertThat(e.file().getFileName().toString()).isEqualTo("u1.npy");
        assertThat(e.problem()).contains("'u1'").contains("more.csv");
    }

    @Test
    void missingOrEmptySourceIsAClearError(@TempDir Path dir) {
        assertThat(assertThrows(InputException.class, () -> FeatureImporter.open(dir.resolve("nope"))).problem())
                .contains("does not exist");
        assertThat(assertThrows(InputException.class, () -> FeatureImporter.open(dir)).problem())
                .contains("no .npy, .npz or .csv");
    }
}
