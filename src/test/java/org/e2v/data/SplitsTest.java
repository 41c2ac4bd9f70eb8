package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.e2v.common.E2vException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;

class SplitsTest {
    private static Set<String> speakers(List<Utterance> us) {
        return us.stream().map(u -> u.speaker().id()).collect(Collectors.toSet());
    }

    private static Corpus synthetic(int speakers, boolean dyads) {
        List<Utterance> us = new ArrayList<>();
        for (int s = 0; s < speakers; s++) {
            for (int i = 0; i < 3; i++) {
                Speaker sp = new Speaker("spk" + s, dyads ? "pair" + s / 2 : null);
                us.add(new Utterance("u" + s + "_" + i, Path.of("x.wav"), null, sp, EmotionLabel.NEUTRAL, Split.UNASSIGNED,
                        Double.NaN));
            }
        }
        return new Corpus("synthetic", Path.of("."), "manifest", us, List.of());
    }

    @Test
    void leaveOneSpeakerOutOnIemocapValidatesOnDyadPartner() {
        Corpus c = IemocapLoader.load(Fixtures.iemocap(), LoaderOptions.defaults()).corpus();
        SplitPlan plan = Splits.plan(c, SplitStrategy.LEAVE_ONE_SPEAKER_OUT, 7);
        assertThat(plan.folds()).extracting(Fold::name)
                .containsExactly("test-Ses01F", "test-Ses01M", "test-Ses02F", "test-Ses02M");
        Fold first = plan.folds().get(0);
        assertThat(speakers(first.test())).containsExactly("Ses01F");
        assertThat(speakers(first.validation())).containsExactly("Ses01M");
        assertThat(speakers(first.train())).containsExactlyInAnyOrder("Ses02F", "Ses02M");
        assertThat(first.test()).hasSize(2);
        assertThat(first.validation()).hasSize(5);
        assertThat(first.train()).hasSize(7);
        Fold last = plan.folds().get(3);
        assertThat(speakers(last.validation())).containsExactly("Ses02F");
        assertThat(last.train()).hasSize(7);
    }

    @Test
    void everyFoldPartitionsTheCorpusAndEachSpeakerIsTestedOnce() {
        Corpus c = synthetic(7, false);
        SplitPlan plan = Splits.leaveOneSpeakerOut(c, 3, 2);
        List<String> tested = new ArrayList<>();
        for (Fold f : plan.folds()) {
            List<Utterance> all = Stream.of(f.train(), f.validation(), f.test()).flatMap(List::stream).toList();
            assertThat(all).hasSize(c.utterances().size());
            assertThat(new HashSet<>(all)).hasSize(c.utterances().size());
            assertThat(speakers(f.validation())).hasSize(1).doesNotContainAnyElementsOf(speakers(f.test()));
            tested.addAll(speakers(f.test()));
        }
        assertThat(tested).containsExactly("spk0", "spk1", "spk2", "spk3", "spk4", "spk5", "spk6");
        // A rotation is a permutation: every speaker validates exactly once.
        assertThat(plan.folds().stream().map(f -> speakers(f.validation()).iterator().next()).distinct().count())
                .isEqualTo(7);
    }

    @Test
    void rotationIsDeterministicPerSeedAndChangesWithIt() {
        Corpus c = synthetic(8, false);
        SplitPlan a = Splits.leaveOneSpeakerOut(c, 11, 1);
        assertThat(Splits.leaveOneSpeakerOut(c, 11, 1)).isEqualTo(a);
        boolean anyDiffers = Stream.of(12L, 13L, 14L)
                .anyMatch(seed -> !Splits.leaveOneSpeakerOut(c, seed, 1).folds().equals(a.folds()));
        assertThat(anyDiffers).isTrue();
        assertThat(a.seed()).isEqualTo(11);
    }

    @Test
    void dyadPartnersIgnoreTheSeed() {
        Corpus c = synthetic(6, true);
        assertThat(Splits.leaveOneSpeakerOut(c, 1, 1).folds()).isEqualTo(Splits.leaveOneSpeakerOut(c, 99, 1).folds());
        assertThat(speakers(Splits.leaveOneSpeakerOut(c, 1, 1).folds().get(3).validation())).containsExactly("spk2");
    }

    @Test
    void leaveOneDyadOutTestsWholeDyadAndValidatesOnAnother() {
        Corpus c = synthetic(8, true);
        SplitPlan plan = Splits.leaveOneDyadOut(c, 5);
        assertThat(plan.folds()).extracting(Fold::name).containsExactly("test-pair0", "test-pair1", "test-pair2", "test-pair3");
        for (Fold f : plan.folds()) {
            assertThat(f.test()).hasSize(6);
            assertThat(f.validation()).hasSize(6);
            assertThat(f.train()).hasSize(12);
            Set<String> testDyads = f.test().stream().map(u -> u.speaker().dyad()).collect(Collectors.toSet());
            Set<String> valDyads = f.validation().stream().map(u -> u.speaker().dyad()).collect(Collectors.toSet());
            assertThat(testDyads).hasSize(1).doesNotContainAnyElementsOf(valDyads);
            assertThat(valDyads).hasSize(1);
        }
    }

    @Test
    void corpusDefinedUsesMeldOfficialSplits() {
        Corpus c = MeldLoader.load(Fixtures.meld(), LoaderOptions.defaults()).corpus();
        SplitPlan plan = Splits.plan(c, SplitStrategy.parse("fixed"), 0);
        assertThat(plan.folds()).singleElement().satisfies(f -> {
            assertThat(f.train()).hasSize(7).allMatch(u -> u.split() == Split.TRAIN);
            assertThat(f.validation()).hasSize(3).allMatch(u -> u.split() == Split.VALIDATION);
            assertThat(f.test()).hasSize(3).allMatch(u -> u.split() == Split.TEST);
        });
    }

    @Test
    void impossibleSplitsFailClearly() {
        assertThatThrownBy(() -> Splits.corpusDefined(synthetic(3, false)))
                .isInstanceOf(E2vException.class).hasMessageContaining("9 of 9 utterances have no split");
        assertThatThrownBy(() -> Splits.leaveOneSpeakerOut(synthetic(2, false), 0, 1))
                .isInstanceOf(E2vException.class).hasMessageContaining("at least 3 speakers");
        assertThatThrownBy(() -> Splits.leaveOneDyadOut(synthetic(4, true), 0))
                .isInstanceOf(E2vException.class).hasMessageContaining("at least 3 dyads");
        assertThatThrownBy(() -> Splits.leaveOneSpeakerOut(synthetic(4, false), 0, 4))
                .isInstanceOf(E2vException.class).hasMessageContaining("its own validation speaker");
        assertThatThrownBy(() -> SplitStrategy.parse("random")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SplitStrategy.parse("LEAVE_ONE_DYAD_OUT")).isEqualTo(SplitStrategy.LEAVE_ONE_DYAD_OUT);
    }
}
