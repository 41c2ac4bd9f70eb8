package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.audio.WavWriter;
import org.e2v.common.E2vException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingStoreTest {
    @TempDir
    Path dir;

    private Path resources() throws Exception {
        return Files.createDirectories(dir.resolve("resources"));
    }

    private Path user() {
        return dir.resolve("home");
    }

    private static void wav(Path file, double seconds) {
        WavWriter.write16kMono(file, new float[(int) Math.round(seconds * 16_000)]);
    }

    /** A manifest corpus of two 0.5 s files, header as given. */
    private Corpus manifestCorpus(Path folder, String header, String... rows) throws Exception {
        Files.createDirectories(folder.resolve("wav"));
        wav(folder.resolve("wav/a.wav"), 0.5);
        wav(folder.resolve("wav/b.wav"), 0.5);
        StringBuilder text = new StringBuilder(header.isEmpty() ? "" : header + "\n");
        for (String r : rows) {
            text.append(r).append('\n');
        }
        Files.writeString(folder.resolve("manifest.csv"), text);
        return CorpusLoaders.load(folder.resolve("manifest.csv"), "manifest", LoaderOptions.defaults());
    }

    @Test
    void aRecordingJoinsAWritableManifestCorpusAndIsReadBackByTheLoader() throws Exception {
        Path folder = dir.resolve("mine");
        Corpus corpus = manifestCorpus(folder, "path,speaker,label,split,confidence",
                "wav/a.wav,s1,angry,train,0.5", "wav/b.wav,s2,sad,test,1");
        RecordingStore.Target t = RecordingStore.plan(corpus, resources(), user(), "rec-1", EmotionLabel.of("calm"));
        assertThat(t.kind()).isEqualTo(RecordingStore.Kind.CORPUS_MANIFEST);
        assertThat(t.wavFile()).isEqualTo(folder.resolve("recordings/rec-1.wav").toAbsolutePath());
        wav(t.wavFile(), 1.0);
        Utterance u = RecordingStore.list(t, Speaker.of("me"), EmotionLabel.of("calm"), Split.TEST);
        assertThat(u.id()).isEqualTo("rec-1");

        Corpus reopened = CorpusLoaders.load(folder.resolve("manifest.csv"), "manifest", LoaderOptions.defaults());
        assertThat(reopened.utterances()).hasSize(3);
        Utterance back = reopened.utterances().get(2);
        assertThat(back).isEqualTo(u);
        assertThat(Files.readString(folder.resolve("manifest.csv")))
                .endsWith("wav/b.wav,s2,sad,test,1\nrecordings/rec-1.wav,me,calm,test,\n");
        assertThat(reopened.problems()).isEmpty();
    }

    @Test
    void aPositionalManifestWithoutFinalNewlineGetsARowInItsOwnColumnOrder() throws Exception {
        Path folder = dir.resolve("positional");
        manifestCorpus(folder, "", "wav/a.wav,s1,angry", "wav/b.wav,s2,sad");
        Path manifest = folder.resolve("manifest.csv");
        Files.writeString(manifest, Files.readString(manifest).stripTrailing()); // no newline at the end
        Corpus corpus = CorpusLoaders.load(manifest, "manifest", LoaderOptions.defaults());
        RecordingStore.Target t = RecordingStore.plan(corpus, resources(), user(), "take_2", EmotionLabel.ANGRY);
        wav(t.wavFile(), 0.6);
        RecordingStore.list(t, Speaker.of("speaker, with comma"), EmotionLabel.ANGRY, Split.UNASSIGNED);
        assertThat(Files.readString(manifest)).isEqualTo(
                "wav/a.wav,s1,angry\nwav/b.wav,s2,sad\nrecordings/take_2.wav,\"speaker, with comma\",angry,\n");
        Corpus reopened = CorpusLoaders.load(manifest, "manifest", LoaderOptions.defaults());
        assertThat(reopened.utterances()).extracting(Utterance::id).containsExactly("a", "b", "take_2");
        assertThat(reopened.utterances().get(2).speaker().id()).isEqualTo("speaker, with comma");
    }

    @Test
    void aLabelFolderCorpusGetsTheFileInItsLabelFolderAndTheSpeakerInSpeakersCsv() throws Exception {
        Path root = dir.resolve("folders");
        Files.createDirectories(root.resolve("Angry"));
        Files.createDirectories(root.resolve("sad"));
        wav(root.resolve("Angry/x1.wav"), 0.5);
        wav(root.resolve("sad/x2.wav"), 0.5);
        Corpus corpus = CorpusLoaders.load(root, "folder", LoaderOptions.defaults());
        RecordingStore.Target t = RecordingStore.plan(corpus, resources(), user(), "mine", EmotionLabel.ANGRY);
        assertThat(t.kind()).isEqualTo(RecordingStore.Kind.CORPUS_FOLDER);
        assertThat(t.wavFile()).isEqualTo(root.resolve("Angry/mine.wav").toAbsolutePath());
        wav(t.wavFile(), 0.7);
        Utterance u = RecordingStore.list(t, Speaker.of("ann"), EmotionLabel.ANGRY, Split.TEST);
        assertThat(u.split()).as("folder corpora have no splits").isEqualTo(Split.UNASSIGNED);
        Corpus reopened = CorpusLoaders.load(root, "folder", LoaderOptions.defaults());
        Utterance back = reopened.utterances().stream().filter(x -> x.id().equals("mine")).findFirst().orElseThrow();
        assertThat(back.speaker().id()).isEqualTo("ann");
        assertThat(back.label()).isEqualTo(EmotionLabel.ANGRY);
        assertThat(reopened.utterances()).hasSize(3);
    }

    @Test
    void theShippedCorpusIsNeverWrittenToRecordingsGoToTheUserFolder() throws Exception {
        Path demo = resources().resolve("demo");
        Corpus corpus = manifestCorpus(demo, "path,speaker,label", "wav/a.wav,s1,angry", "wav/b.wav,s2,sad");
        String before = Files.readString(demo.resolve("manifest.csv"));
        RecordingStore.Target t = RecordingStore.plan(corpus, resources(), user(), "r1", EmotionLabel.HAPPY);
        assertThat(t.kind()).isEqualTo(RecordingStore.Kind.USER_RECORDINGS);
        assertThat(t.reason()).contains("shipped with e2v");
        assertThat(t.wavFile()).isEqualTo(user().resolve("recordings/r1.wav"));
        wav(t.wavFile(), 0.5);
        RecordingStore.list(t, Speaker.of("me"), EmotionLabel.HAPPY, Split.TRAIN);
        RecordingStore.Target t2 = RecordingStore.plan(corpus, resources(), user(), "r2", EmotionLabel.HAPPY);
        wav(t2.wavFile(), 0.5);
        RecordingStore.list(t2, Speaker.of("me"), EmotionLabel.HAPPY, Split.TRAIN);

        assertThat(Files.readString(demo.resolve("manifest.csv"))).isEqualTo(before);
        assertThat(Files.readString(user().resolve("recordings/manifest.csv"))).isEqualTo(
                "path,speaker,label,split,id\nr1.wav,me,happy,train,r1\nr2.wav,me,happy,train,r2\n");
        Corpus mine = CorpusLoaders.load(user().resolve("recordings/manifest.csv"), "manifest", LoaderOptions.defaults());
        assertThat(mine.utterances()).extracting(Utterance::id).containsExactly("r1", "r2");
    }

    @Test
    void namesThatAreNotFileNamesOrAlreadyTakenAreRefused() throws Exception {
        Corpus corpus = manifestCorpus(dir.resolve("c"), "path,speaker,label", "wav/a.wav,s1,angry", "wav/b.wav,s2,sad");
        for (String bad : List.of("", "../up", "a b", ".hidden", "x/y")) {
            assertThat(assertThrows(E2vException.class,
                    () -> RecordingStore.plan(corpus, resources(), user(), bad, EmotionLabel.SAD)).getMessage())
                    .contains("not usable as a file name");
        }
        assertThat(assertThrows(E2vException.class,
                () -> RecordingStore.plan(corpus, resources(), user(), "a", EmotionLabel.SAD)).getMessage())
                .contains("already has an utterance named 'a'");
        assertThat(RecordingStore.checkName(" take1.wav ")).isEqualTo("take1");
    }
}
