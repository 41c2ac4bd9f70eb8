package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.e2v.common.InputException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Segment;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericLoadersTest {
    private static Map<String, Utterance> byId(Corpus c) {
        return c.utterances().stream().collect(Collectors.toMap(Utterance::id, Function.identity()));
    }

    @Test
    void labelFoldersGiveLabelsAndSpeakerPrefixesAndSidecarOverrides(@TempDir Path root) throws Exception {
        Fixtures.wav(root.resolve("Anger/spk1_001.wav"), 800);
        Fixtures.wav(root.resolve("Anger/spk2_001.wav"), 800);
        Fixtures.wav(root.resolve("calm/take7.wav"), 800);
        Fixtures.wav(root.resolve("calm/sub/spk1_002.wav"), 800);
        Fixtures.wav(root.resolve("calm/._take7.wav"), 10);
        Fixtures.wav(root.resolve(".cache/spk9_001.wav"), 10);
        Fixtures.wav(root.resolve("stray.wav"), 800);
        Files.createFile(root.resolve("calm/empty.wav"));
        Fixtures.text(root.resolve("calm/notes.txt"), "not audio");
        Fixtures.text(root.resolve("speakers.csv"), "file,speaker,dyad\ncalm/take7.wav,alice,pairA\n");

        Corpus c = FolderLoader.load(root, LoaderOptions.defaults()).corpus();
        Map<String, Utterance> u = byId(c);
        assertThat(u).containsOnlyKeys("spk1_001", "spk2_001", "take7", "spk1_002");
        assertThat(u.get("spk1_001").label()).isEqualTo(EmotionLabel.ANGRY);
        assertThat(u.get("spk1_002").label()).isEqualTo(EmotionLabel.of("calm"));
        assertThat(u.get("spk2_001").speaker()).isEqualTo(Speaker.of("spk2"));
        assertThat(u.get("take7").speaker()).isEqualTo(new Speaker("alice", "pairA"));
        assertThat(c.problems()).extracting(Object::toString).containsExactly(
                "calm/empty.wav: is empty (0 bytes); utterance dropped",
                "stray.wav: audio file is not inside a label folder; ignored");
    }

    @Test
    void folderFilesWithoutPrefixOrSidecarHaveUnknownSpeakerAndDuplicateStemsAreProblems(@TempDir Path root) {
        Fixtures.wav(root.resolve("sad/clip.wav"), 100);
        Fixtures.wav(root.resolve("happy/clip.wav"), 100);
        Corpus c = FolderLoader.load(root, LoaderOptions.defaults()).corpus();
        assertThat(c.utterances()).singleElement().satisfies(u -> {
            assertThat(u.speaker().id()).isEqualTo("unknown");
            assertThat(u.label()).isEqualTo(EmotionLabel.HAPPY);
        });
        assertThat(c.problems()).extracting(Object::toString)
                .containsExactly("sad/clip.wav: utterance id 'clip' appears more than once; later copy ignored");
    }

    @Test
    void manifestWithHeaderReadsColumnsByNameAndAppliesConfidenceThreshold(@TempDir Path root) {
        Fixtures.wav(root.resolve("audio/a.wav"), 100);
        Fixtures.wav(root.resolve("audio/b.wav"), 100);
        Fixtures.wav(root.resolve("audio/c.wav"), 100);
        Fixtures.wav(root.resolve("audio/d.wav"), 100);
        Path manifest = Fixtures.text(root.resolve("lists/manifest.csv"),
                "path,label,speaker,split,confidence,dyad\r\n"
                        + "../audio/a.wav,joy,s1,train,1.0,d1\r\n"
                        + "../audio/b.wav,sad,s2,dev,0.3,d1\r\n"
                        + "../audio/c.wav,neutral,s3,test,,\r\n"
                        + "../audio/d.wav,neutral,s3,later,,\r\n"
                        + "../audio/missing.wav,neutral,s3,test,,\r\n"
                        + "../audio/a.wav,neutral,s3,test,high,\r\n");
        LoadedCorpus loaded = ManifestLoader.load(manifest, LoaderOptions.defaults());
        Map<String, Utterance> u = byId(loaded.corpus());
        assertThat(u).containsOnlyKeys("a", "c");
        assertThat(u.get("a").label()).isEqualTo(EmotionLabel.HAPPY);
        assertThat(u.get("a").speaker()).isEqualTo(new Speaker("s1", "d1"));
        assertThat(u.get("a").split()).isEqualTo(Split.TRAIN);
        assertThat(u.get("a").confidence()).isEqualTo(1.0);
        assertThat(u.get("c").hasConfidence()).isFalse();
        assertThat(u.get("c").audio()).isEqualTo(root.resolve("audio/c.wav"));
        assertThat(loaded.excluded()).containsOnly(entry("agreement below 0.5", 1L));
        // Files outside the manifest's folder are named by their full path.
        assertThat(loaded.corpus().problems()).extracting(Object::toString).containsExactly(
                "manifest.csv: line 5: unknown split 'later' (expected train, dev/validation, test or empty); row skipped",
                root.resolve("audio/missing.wav") + ": missing audio/video file; utterance dropped",
                "manifest.csv: line 7: confidence 'high' is not a number in [0, 1]; row skipped");
    }

    @Test
    void manifestWithoutHeaderIsPositional(@TempDir Path root) {
        Fixtures.wav(root.resolve("x.wav"), 100);
        Fixtures.text(root.resolve("manifest.csv"), "x.wav,spk,Frustration,test,0.75\n,spk,sad\n");
        Corpus c = CorpusLoaders.load(root, "auto", LoaderOptions.defaults());
        assertThat(c.format()).isEqualTo("manifest");
        assertThat(c.utterances()).singleElement().satisfies(u -> {
            assertThat(u.label()).isEqualTo(LabelNames.FRUSTRATED);
            assertThat(u.split()).isEqualTo(Split.TEST);
            assertThat(u.confidence()).isEqualTo(0.75);
        });
        assertThat(c.problems()).extracting(Object::toString)
                .containsExactly("manifest.csv: line 2: path, speaker and label must not be empty; row skipped");
    }

    @Test
    void manifestHeaderWithoutLabelColumnIsAnError(@TempDir Path root) {
        Path m = Fixtures.text(root.resolve("m.csv"), "path,speaker\nx.wav,s\n");
        assertThatThrownBy(() -> ManifestLoader.load(m, LoaderOptions.defaults()))
                .isInstanceOf(InputException.class).hasMessageContaining("line 1: header has no 'label' column");
    }

    @Test
    void audacityLabelsCutSegmentsAndReportBadLines(@TempDir Path root) {
        Fixtures.wav(root.resolve("anna_session.wav"), 16000);
        Fixtures.text(root.resolve("anna_session.txt"),
                "0.100000\t0.600000\tangry\n"
                        + "\\\t100.0\t3000.0\n"
                        + "0,700000\t0,950000\tneutral\n"
                        + "0.960000\t0.960000\tsad\n"
                        + "oops\n"
                        + "1.0\t0.5\thappy\n");
        Fixtures.text(root.resolve("orphan.txt"), "0\t1\tsad\n");
        LoadedCorpus loaded = CorpusLoaders.loadDetailed(root, "auto", LoaderOptions.defaults());
        Corpus c = loaded.corpus();
        assertThat(c.format()).isEqualTo("audacity");
        assertThat(c.utterances()).extracting(Utterance::id).containsExactly("anna_session_000", "anna_session_001");
        Utterance second = c.utterances().get(1);
        assertThat(second.segment()).isEqualTo(new Segment(0.7, 0.95));
        assertThat(second.label()).isEqualTo(EmotionLabel.NEUTRAL);
        assertThat(second.speaker().id()).isEqualTo("anna");
        assertThat(c.problems()).extracting(Object::toString).containsExactly(
                "anna_session.txt: line 4: region 0.960000-0.960000 s is empty or negative (point labels cannot be utterances)",
                "anna_session.txt: line 5: expected start<TAB>end<TAB>label",
                "anna_session.txt: line 6: region 1.0-0.5 s is empty or negative (point labels cannot be utterances)",
                "orphan.txt: no recording with the same name next to it (orphan.wav or another audio type); labels ignored");
    }

    @Test
    void autoDetectionRecognisesEachFormat(@TempDir Path tmp) {
        assertThat(CorpusLoaders.detect(Fixtures.iemocap())).isEqualTo("iemocap");
        assertThat(CorpusLoaders.detect(Fixtures.iemocap().getParent())).isEqualTo("iemocap");
        assertThat(CorpusLoaders.detect(Fixtures.meld())).isEqualTo("meld");
        Fixtures.wav(tmp.resolve("folders/sad/a.wav"), 10);
        assertThat(CorpusLoaders.detect(tmp.resolve("folders"))).isEqualTo("folder");
        Path csv = Fixtures.text(tmp.resolve("list.csv"), "path,speaker,label\n");
        assertThat(CorpusLoaders.detect(csv)).isEqualTo("manifest");
        assertThatThrownBy(() -> CorpusLoaders.detect(Fixtures.text(tmp.resolve("empty/readme.md"), "hi").getParent()))
                .isInstanceOf(InputException.class).hasMessageContaining("cannot tell the corpus format");
    }

    @Test
    void unknownFormatAndMissingRootAreClearErrors(@TempDir Path tmp) {
        assertThatThrownBy(() -> CorpusLoaders.load(tmp, "wav2vec", LoaderOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown corpus format 'wav2vec' (expected one of auto, folder, manifest, iemocap, meld, audacity)");
        assertThatThrownBy(() -> CorpusLoaders.load(tmp.resolve("nope"), "auto", LoaderOptions.defaults()))
                .isInstanceOf(InputException.class).hasMessageEndingWith("nope: does not exist");
    }

    @Test
    void corpusWithNothingUsableFailsListingItsProblems(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("sad"));
        Files.createFile(root.resolve("sad/a.wav"));
        assertThatThrownBy(() -> CorpusLoaders.load(root, "folder", LoaderOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no usable utterances found for format 'folder' (1 problems)")
                .hasMessageContaining("sad/a.wav: is empty (0 bytes); utterance dropped");
    }
}
