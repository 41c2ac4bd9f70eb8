package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.e2v.audio.Ffmpeg;
import org.e2v.common.InputException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeldLoaderTest {
    private static Map<String, Utterance> byId(Corpus c) {
        return c.utterances().stream().collect(Collectors.toMap(Utterance::id, Function.identity()));
    }

    /** label -> split -> count, the shape of Table 2's MELD columns. */
    private static Map<String, Map<String, Long>> table(Corpus c) {
        return c.utterances().stream().collect(Collectors.groupingBy(u -> u.label().name(), TreeMap::new,
                Collectors.groupingBy(u -> u.split().id(), TreeMap::new, Collectors.counting())));
    }

    @Test
    void officialSplitsGiveTable2ShapedCounts() {
        Corpus c = MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults()).corpus();
        assertThat(c.utterances()).hasSize(13);
        assertThat(table(c)).containsOnly(
                entry("angry", Map.of("train", 1L, "test", 1L)),
                entry("disgust", Map.of("train", 1L)),
                entry("fear", Map.of("validation", 1L)),
                entry("happy", Map.of("train", 1L, "validation", 1L)),
                entry("neutral", Map.of("train", 2L, "validation", 1L, "test", 1L)),
                entry("sad", Map.of("train", 1L)),
                entry("surprised", Map.of("train", 1L, "test", 1L)));
    }

    @Test
    void idsSpeakersAndEmotionNamesFollowMeld() {
        Map<String, Utterance> u = byId(MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults()).corpus());
        Utterance first = u.get("train_dia0_utt0");
        assertThat(first.speaker()).isEqualTo(new Speaker("Chandler", "Chandler"));
        assertThat(first.split()).isEqualTo(Split.TRAIN);
        assertThat(first.audio()).isEqualTo(Fixtures.meld().resolve("train_splits/dia0_utt0.mp4"));
        assertThat(u.get("train_dia0_utt1").speaker().id()).isEqualTo("The Interviewer");
        assertThat(u.get("train_dia0_utt2").label()).isEqualTo(EmotionLabel.HAPPY);
        assertThat(u.get("train_dia1_utt1").label()).isEqualTo(LabelNames.SURPRISED);
        assertThat(u.get("dev_dia0_utt0").split()).isEqualTo(Split.VALIDATION);
        assertThat(u.get("test_dia1_utt0").split()).isEqualTo(Split.TEST);
        assertThat(u.values()).allMatch(x -> !x.hasConfidence() && x.segment() == null);
    }

    @Test
    void quotedMultilineRowKeepsLaterRowsAligned() {
        Map<String, Utterance> u = byId(MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults()).corpus());
        // Row 5 of train spans two physical lines; rows 6 and 7 must still parse as their own utterances.
        assertThat(u.get("train_dia125_utt3").speaker().id()).isEqualTo("Ross");
        assertThat(u.get("train_dia2_utt0").label()).isEqualTo(LabelNames.DISGUST);
    }

    @Test
    void testMediaWithFinalVideosPrefixIsFoundInNestedFolder() {
        Utterance u = byId(MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults()).corpus()).get("test_dia0_utt0");
        assertThat(u.audio().getFileName().toString()).isEqualTo("final_videos_testdia0_utt0.mp4");
        assertThat(u.audio().getParent().getFileName().toString()).isEqualTo("output_repeated_splits_test");
    }

    @Test
    void devUtteranceWithoutMediaIsReportedAndDropped() {
        Corpus c = MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults()).corpus();
        assertThat(c.problems()).extracting(Object::toString)
                .containsExactly("dev_splits_complete/dia110_utt7.mp4: missing audio/video file; utterance dropped");
        assertThat(byId(c)).doesNotContainKey("dev_dia110_utt7");
    }

    @Test
    void corruptTrainMediaIsKeptByDefaultAndReportedWhenVerified() {
        assumeTrue(Ffmpeg.find().isPresent(), "ffmpeg not installed: the readable MP4 fixtures would be dropped too");
        assertThat(byId(MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults()).corpus()))
                .containsKey("train_dia125_utt3");
        Corpus verified = MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults().withVerifyMedia(true)).corpus();
        assertThat(verified.problems()).hasSize(2);
        assertThat(verified.problems().get(0).file()).isEqualTo("train_splits/dia125_utt3.mp4");
        assertThat(verified.problems().get(0).problem()).startsWith("unreadable: ").endsWith("; utterance dropped");
        assertThat(verified.problems().get(1).file()).isEqualTo("dev_splits_complete/dia110_utt7.mp4");
        assertThat(verified.utterances()).hasSize(12).noneMatch(u -> u.id().equals("train_dia125_utt3"));
    }

    @Test
    void durationsComeFromStartAndEndTimes() {
        LoadedCorpus loaded = MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults());
        assertThat(loaded.durationSeconds().get("train_dia0_utt0")).isCloseTo(5.672, within(1e-9));
        assertThat(loaded.durationSeconds().get("test_dia0_utt1")).isCloseTo(6.756, within(1e-9));
        assertThat(loaded.durationSeconds()).hasSize(13);
        assertThat(MeldLoader.parseTime("00:16:16,059")).isCloseTo(976.059, within(1e-9));
        assertThat(MeldLoader.parseTime("1:02:03.5")).isCloseTo(3723.5, within(1e-9));
        assertThat(MeldLoader.parseTime("soon")).isNaN();
    }

    @Test
    void brokenCsvIsAProblemWhileOtherSplitsLoad(@TempDir Path tmp) throws Exception {
        Path root = Fixtures.copyTree(Fixtures.meld(), tmp.resolve("meld"));
        Files.writeString(root.resolve("test_sent_emo.csv"),
                "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID\r\n1,\"never closed,Ross,anger\r\n");
        Files.writeString(root.resolve("dev_sent_emo.csv"),
                "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID\r\n"
                        + "1,Hi,Joey,joy,positive,0,0\r\n2,Eh,Joey,boredom,neutral,0,1\r\n3,Yo,,joy,positive,1,0\r\n"
                        + "4,Ha,Joey,joy,positive,x,1\r\n");
        Corpus c = MeldLoader.load(root, LoaderOptions.defaults()).corpus();
        assertThat(c.problems()).extracting(Object::toString).containsExactly(
                "dev_sent_emo.csv: line 3: unknown emotion 'boredom' (expected neutral, joy, sadness, anger, surprise, "
                        + "fear, disgust); row skipped",
                "dev_sent_emo.csv: line 4: no speaker; row skipped",
                "dev_sent_emo.csv: line 5: Dialogue_ID 'x' / Utterance_ID '1' are not whole numbers; row skipped",
                "test_sent_emo.csv: line 2: quoted field is never closed (missing '\"')");
        assertThat(table(c).get("happy")).containsOnly(entry("train", 1L), entry("validation", 1L));
        assertThat(c.utterances()).hasSize(8);
    }

    @Test
    void missingMediaFolderIsOneProblem(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("meld");
        Files.createDirectories(root);
        Files.copy(Fixtures.meld().resolve("dev_sent_emo.csv"), root.resolve("dev_sent_emo.csv"));
        assertThatThrownBy(() -> MeldLoader.load(root, LoaderOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no usable utterances")
                .hasMessageContaining("dev_splits_complete: media folder not found; all 4 validation utterances dropped");
    }
}
