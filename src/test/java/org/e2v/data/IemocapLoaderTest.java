package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.e2v.common.InputException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IemocapLoaderTest {
    private static Map<String, Utterance> byId(Corpus c) {
        return c.utterances().stream().collect(Collectors.toMap(Utterance::id, Function.identity()));
    }

    private static Map<String, Long> labelCounts(Corpus c) {
        return c.countsByLabel().entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    }

    @Test
    void defaultLoadReproducesFixtureCountsPerClassLikeTable2() {
        LoadedCorpus loaded = IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults());
        Corpus c = loaded.corpus();
        assertThat(c.format()).isEqualTo("iemocap");
        assertThat(c.problems()).isEmpty();
        assertThat(c.utterances()).hasSize(14);
        assertThat(labelCounts(c)).containsOnly(entry("angry", 2L), entry("happy", 2L), entry("neutral", 3L),
                entry("sad", 2L), entry("frustrated", 2L), entry("surprised", 1L), entry("fear", 1L),
                entry("disgust", 1L));
        assertThat(loaded.excluded()).containsOnly(entry("label xxx", 1L), entry("label oth", 1L),
                entry("agreement below 0.5", 1L));
    }

    @Test
    void speakerIsSessionPlusGenderOfLastIdFieldAndDyadIsSession() {
        Corpus c = IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults()).corpus();
        Map<String, Utterance> u = byId(c);
        // The dialog prefix "Ses01M" names who wears the mocap markers, not the speaker of F000.
        assertThat(u.get("Ses01M_script01_1_F000").speaker()).isEqualTo(new Speaker("Ses01F", "Ses01"));
        assertThat(u.get("Ses01F_impro01_M000").speaker()).isEqualTo(new Speaker("Ses01M", "Ses01"));
        Map<String, Long> perSpeaker = c.utterances().stream()
                .collect(Collectors.groupingBy(x -> x.speaker().id(), Collectors.counting()));
        assertThat(perSpeaker).containsOnly(entry("Ses01F", 2L), entry("Ses01M", 5L), entry("Ses02F", 4L),
                entry("Ses02M", 3L));
    }

    @Test
    void audioPathFollowsSessionSentencesWavDialogLayout() {
        Utterance u = byId(IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults()).corpus())
                .get("Ses01M_script01_1_M001");
        assertThat(u.audio()).isEqualTo(Fixtures.iemocap()
                .resolve("Session1/sentences/wav/Ses01M_script01_1/Ses01M_script01_1_M001.wav"));
        assertThat(u.segment()).isNull();
    }

    @Test
    void confidenceIsShareOfEvaluatorsVotingForFinalLabel() {
        Map<String, Utterance> u = byId(IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults()).corpus());
        assertThat(u.get("Ses01F_impro01_F000").confidence()).isEqualTo(1.0);
        // "Frustration; Anger;" votes for both labels: 2 of 3 evaluators said frustration.
        assertThat(u.get("Ses01F_impro01_M000").confidence()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(u.get("Ses01F_impro01_M002").confidence()).isEqualTo(0.75);
        // Exactly 0.5 is kept ("smaller than 0.5 were not included").
        assertThat(u.get("Ses02F_impro02_M002").confidence()).isEqualTo(0.5);
        assertThat(u.get("Ses02F_impro02_M000").confidence()).isEqualTo(1.0);
        // 1 of 4 evaluators agreed: excluded.
        assertThat(u).doesNotContainKey("Ses01F_impro01_F002");
    }

    @Test
    void selfRatingsOfTheActorsAreNotEvaluators() {
        Map<String, Utterance> u = byId(IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults()).corpus());
        // C-F2 said Neutral on this sad utterance; counting it would give 3/4.
        assertThat(u.get("Ses02F_impro02_F000").confidence()).isEqualTo(1.0);
        // C-M1 said Frustration on this neutral one; counting it would give 2/4.
        assertThat(u.get("Ses01M_script01_1_M000").confidence()).isCloseTo(2 / 3.0, within(1e-12));
    }

    @Test
    void excitedIsMergedIntoHappyAndCountsAsHappyVote() {
        Map<String, Utterance> u = byId(IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults()).corpus());
        assertThat(u.get("Ses01F_impro01_M001").label()).isEqualTo(EmotionLabel.HAPPY);
        // Excited + Happiness votes both count for happy: 2 of 3.
        assertThat(u.get("Ses01F_impro01_M001").confidence()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(u.get("Ses02F_impro02_F003").confidence()).isEqualTo(1.0);
    }

    @Test
    void keepingExcitedSeparateChangesLabelsAndAgreement() {
        LoadedCorpus loaded = IemocapLoader.load(Fixtures.iemocap(),
                LoaderOptions.defaults().withMergeExcitedIntoHappy(false));
        Map<String, Utterance> u = byId(loaded.corpus());
        assertThat(u.get("Ses02F_impro02_F003").label()).isEqualTo(LabelNames.EXCITED);
        assertThat(u.get("Ses02F_impro02_F003").confidence()).isCloseTo(2 / 3.0, within(1e-12));
        // Only 1 of 3 evaluators said Excited (the actor's C-M1 "Excited" does not count): excluded.
        assertThat(u).doesNotContainKey("Ses01F_impro01_M001");
        assertThat(loaded.excluded()).containsEntry("agreement below 0.5", 2L);
        assertThat(labelCounts(loaded.corpus())).containsEntry("excited", 1L).doesNotContainKey("happy");
    }

    @Test
    void dropListAndConfidenceThresholdAreConfigurable() {
        LoadedCorpus all = IemocapLoader.load(Fixtures.iemocap(),
                LoaderOptions.defaults().withDropLabels(Set.of("xxx")).withMinConfidence(0));
        Map<String, Utterance> u = byId(all.corpus());
        assertThat(u.get("Ses01F_impro01_F003").label()).isEqualTo(LabelNames.OTHER);
        assertThat(u.get("Ses01F_impro01_F002").confidence()).isEqualTo(0.25);
        assertThat(all.corpus().utterances()).hasSize(16);
        assertThat(all.excluded()).containsOnly(entry("label xxx", 1L));

        LoadedCorpus strict = IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults().withMinConfidence(1.0));
        assertThat(strict.corpus().utterances()).allMatch(x -> x.confidence() == 1.0).hasSize(6);
    }

    @Test
    void xxxWithoutDropHasNoLabelAndIsReportedPerUtterance() {
        Corpus c = IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults().withDropLabels(Set.of()))
                .corpus();
        assertThat(c.problems()).extracting(Object::toString).containsExactly(
                "Session1/dialog/EmoEvaluation/Ses01F_impro01.txt: line 20: code 'xxx' has no label; add it to the drop list");
    }

    @Test
    void appleDoubleFilesAndEvaluationSubfoldersAreIgnored() {
        assertThat(Fixtures.iemocap().resolve("Session2/dialog/EmoEvaluation/._Ses02F_impro02.txt")).isRegularFile();
        assertThat(Fixtures.iemocap().resolve("Session2/dialog/EmoEvaluation/Categorical")).isDirectory();
        Corpus c = IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults()).corpus();
        assertThat(c.problems()).isEmpty();
        assertThat(c.utterances()).noneMatch(x -> x.id().startsWith("._"));
    }

    @Test
    void damagedReleaseReportsEachProblemByFileAndKeepsTheRest(@TempDir Path tmp) throws Exception {
        Path root = Fixtures.copyTree(Fixtures.iemocap(), tmp.resolve("IEMOCAP_full_release"));
        Files.delete(root.resolve("Session2/sentences/wav/Ses02F_impro02/Ses02F_impro02_F001.wav"));
        Files.write(root.resolve("Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav"), new byte[0]);
        Path labels = root.resolve("Session2/dialog/EmoEvaluation/Ses02F_impro02.txt");
        String text = Files.readString(labels)
                .replace("Ses02F_impro02_M001\tneu", "Ses02F_impro02_M001\tzzz")
                .replace("[9.1000 - 11.0000]", "[9.1000 11.0000]");
        Files.writeString(labels, text);

        Corpus c = IemocapLoader.load(tmp, LoaderOptions.defaults()).corpus();
        assertThat(c.problems()).extracting(Object::toString).containsExactlyInAnyOrder(
                "Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav: is empty (0 bytes); utterance dropped",
                "Session2/sentences/wav/Ses02F_impro02/Ses02F_impro02_F001.wav: missing audio/video file; utterance dropped",
                "Session2/dialog/EmoEvaluation/Ses02F_impro02.txt: line 23: unknown emotion code 'zzz' for "
                        + "Ses02F_impro02_M001 (expected one of neu hap exc sad ang fru sur fea dis oth xxx)",
                "Session2/dialog/EmoEvaluation/Ses02F_impro02.txt: line 28: malformed summary line "
                        + "'[9.1000 11.0000]\tSes02F_impro02_F002\tfea\t[2.0000, 4.0000, 2.0000]'",
                "Session2/dialog/EmoEvaluation/Ses02F_impro02.txt: line 29: rater line outside an utterance block",
                "Session2/dialog/EmoEvaluation/Ses02F_impro02.txt: line 30: rater line outside an utterance block",
                "Session2/dialog/EmoEvaluation/Ses02F_impro02.txt: line 31: rater line outside an utterance block",
                "Session2/dialog/EmoEvaluation/Ses02F_impro02.txt: line 32: rater line outside an utterance block");
        assertThat(c.utterances()).hasSize(10);
    }

    @Test
    void folderWithoutSessionsIsRejected(@TempDir Path tmp) {
        assertThatThrownBy(() -> IemocapLoader.load(tmp, LoaderOptions.defaults()))
                .isInstanceOf(InputException.class).hasMessageContaining("no Session*/dialog/EmoEvaluation");
    }
}
