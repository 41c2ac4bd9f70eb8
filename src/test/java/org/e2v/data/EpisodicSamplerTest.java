package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.e2v.common.E2vException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;

class EpisodicSamplerTest {
    private static final List<EmotionLabel> FOUR = List.of(EmotionLabel.ANGRY, EmotionLabel.HAPPY,
            EmotionLabel.NEUTRAL, EmotionLabel.SAD);

    private static List<Utterance> pool(EmotionLabel label, int n) {
        List<Utterance> us = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            us.add(new Utterance(label.name() + i, Path.of("x.wav"), null, Speaker.of("s"), label, Split.TRAIN, Double.NaN));
        }
        return us;
    }

    private static List<Utterance> training(int angry, int happy, int neutral, int sad) {
        List<Utterance> us = new ArrayList<>();
        us.addAll(pool(EmotionLabel.ANGRY, angry));
        us.addAll(pool(EmotionLabel.HAPPY, happy));
        us.addAll(pool(EmotionLabel.NEUTRAL, neutral));
        us.addAll(pool(EmotionLabel.SAD, sad));
        us.addAll(pool(LabelNames.FRUSTRATED, 5));
        return us;
    }

    @Test
    void rowsAreInEpisodicOrderClassByClass() {
        EpisodicSampler sampler = new EpisodicSampler(training(23, 30, 41, 12), FOUR, 10, 42);
        for (Episode e : sampler.epoch(0)) {
            assertThat(e.rows()).hasSize(40);
            for (int row = 0; row < 40; row++) {
                assertThat(e.rows().get(row).label()).isEqualTo(FOUR.get(row / 10));
                assertThat(e.classIndexOfRow(row)).isEqualTo(row / 10);
            }
            assertThat(e.utterance(2, 3)).isSameAs(e.rows().get(23));
        }
    }

    @Test
    void epochHasCeilOfLargestClassOverNEpisodesAndCoversEveryUtterance() {
        List<Utterance> train = training(23, 30, 41, 12);
        EpisodicSampler sampler = new EpisodicSampler(train, FOUR, 10, 42);
        assertThat(sampler.episodesPerEpoch()).isEqualTo(5);
        List<Episode> epoch = sampler.epoch(3);
        assertThat(epoch).hasSize(5).extracting(Episode::index).containsExactly(0, 1, 2, 3, 4);
        Set<String> seen = new HashSet<>();
        epoch.forEach(e -> e.rows().forEach(u -> seen.add(u.id())));
        // Everything of the four classes is drawn; the frustrated utterances are not among the classes.
        assertThat(seen).hasSize(23 + 30 + 41 + 12).noneMatch(id -> id.startsWith("frustrated"));
    }

    @Test
    void classBlockNeverRepeatsAnUtteranceWhenClassHasAtLeastN() {
        EpisodicSampler sampler = new EpisodicSampler(training(11, 10, 13, 17), FOUR, 10, 1);
        for (int epoch = 0; epoch < 5; epoch++) {
            for (Episode e : sampler.epoch(epoch)) {
                for (int k = 0; k < 4; k++) {
                    Set<String> ids = new HashSet<>();
                    for (int i = 0; i < 10; i++) {
                        ids.add(e.utterance(k, i).id());
                    }
                    assertThat(ids).hasSize(10);
                }
            }
        }
    }

    @Test
    void classWithFewerThanNUsesAllOfThemThenDrawsWithReplacement() {
        EpisodicSampler sampler = new EpisodicSampler(training(20, 20, 20, 3), FOUR, 10, 9);
        for (Episode e : sampler.epoch(0)) {
            List<Utterance> sad = e.rows().subList(30, 40);
            assertThat(sad).allMatch(u -> u.label().equals(EmotionLabel.SAD));
            assertThat(sad.stream().map(Utterance::id).distinct()).containsExactlyInAnyOrder("sad0", "sad1", "sad2");
        }
    }

    @Test
    void sameSeedAndEpochGiveSameEpisodesOtherEpochsDiffer() {
        List<Utterance> train = training(30, 30, 30, 30);
        List<Episode> a = new EpisodicSampler(train, FOUR, 10, 5).epoch(2);
        assertThat(new EpisodicSampler(train, FOUR, 10, 5).epoch(2)).isEqualTo(a);
        assertThat(new EpisodicSampler(train, FOUR, 10, 5).epoch(3).get(0).rows()).isNotEqualTo(a.get(0).rows());
        assertThat(new EpisodicSampler(train, FOUR, 10, 6).epoch(2).get(0).rows()).isNotEqualTo(a.get(0).rows());
    }

    @Test
    void classWithoutUtterancesIsAClearError() {
        assertThatThrownBy(() -> new EpisodicSampler(training(5, 5, 5, 0), FOUR, 10, 0))
                .isInstanceOf(E2vException.class)
                .hasMessageStartingWith("class 'sad' has no training utterances");
        assertThatThrownBy(() -> new EpisodicSampler(training(5, 5, 5, 5), FOUR, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EpisodicSampler(training(5, 5, 5, 5), List.of(EmotionLabel.SAD, EmotionLabel.SAD), 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
