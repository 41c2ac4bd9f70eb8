package org.e2v.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.e2v.domain.FeatureMatrix;
import org.junit.jupiter.api.Test;

class EpisodePlanTest {
    private static final List<int[]> BY_CLASS = List.of(
            new int[] {0, 1, 2, 3, 4, 5}, new int[] {6, 7, 8, 9, 10, 11}, new int[] {12, 13, 14});

    @Test
    void rowsAreInEpisodicOrderByClass() {
        int[][] plan = EpisodePlan.forEpoch(BY_CLASS, 3, 4, 7L, 0);
        for (int[] episode : plan) {
            assertThat(episode).hasSize(9);
            for (int r = 0; r < 9; r++) {
                int cls = r / 3;
                assertThat(BY_CLASS.get(cls)).contains(episode[r]);
            }
        }
    }

    @Test
    void anEpochCoversEveryUtteranceOfAClassBeforeRepeatingOne() {
        int[][] plan = EpisodePlan.forEpoch(BY_CLASS, 3, 2, 7L, 0);
        Set<Integer> firstClass = new HashSet<>();
        for (int[] episode : plan) {
            for (int i = 0; i < 3; i++) {
                firstClass.add(episode[i]);
            }
        }
        assertThat(firstClass).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aClassWithAtLeastNSamplesNeverRepeatsOneWithinAnEpisode() {
        // 7 and 5 samples with N = 3 (and 4): passes run out mid-episode again and again
        for (int perClass : new int[] {3, 4}) {
            List<int[]> byClass = List.of(new int[] {0, 1, 2, 3, 4, 5, 6}, new int[] {10, 11, 12, 13, 14});
            for (long seed = 0; seed < 40; seed++) {
                for (int[] episode : EpisodePlan.forEpoch(byClass, perClass, 9, seed, (int) seed % 3)) {
                    assertThat(Arrays.stream(episode).distinct().count()).as("seed %d, N %d", seed, perClass)
                            .isEqualTo(episode.length);
                }
            }
        }
    }

    @Test
    void aClassWithFewerThanNSamplesGivesEachOnceBeforeRepeating() {
        List<int[]> byClass = List.of(new int[] {0, 1}, new int[] {5, 6, 7, 8, 9});
        for (int[] episode : EpisodePlan.forEpoch(byClass, 3, 6, 3L, 0)) {
            assertThat(Arrays.copyOfRange(episode, 0, 3)).contains(0, 1);
            assertThat(Arrays.stream(episode, 3, 6).distinct().count()).isEqualTo(3);
        }
    }

    @Test
    void planIsAPureFunctionOfSeedAndEpochSoResumeRedrawsTheSameEpisodes() {
        assertThat(EpisodePlan.forEpoch(BY_CLASS, 3, 5, 11L, 3)).isDeepEqualTo(EpisodePlan.forEpoch(BY_CLASS, 3, 5, 11L, 3));
        assertThat(Arrays.deepEquals(EpisodePlan.forEpoch(BY_CLASS, 3, 5, 11L, 3), EpisodePlan.forEpoch(BY_CLASS, 3, 5, 11L, 4)))
                .isFalse();
    }

    @Test
    void centreCropKeepsTheMiddleFrames() {
        float[] data = new float[10 * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        FeatureMatrix m = new FeatureMatrix("u", 10, 2, data);
        FeatureMatrix c = Frames.centreCrop(m, 4);
        assertThat(c.frames()).isEqualTo(4);
        assertThat(c.get(0, 0)).isEqualTo(6f); // frames 3..6
        assertThat(Frames.centreCrop(m, 0)).isSameAs(m);
    }

    @Test
    void stepScheduleDividesByTenEveryTwentyEpochs() {
        TrainingSpec s = new TrainingSpec(100, 1e-3, 20, 0.1, 10, 0, 0, 1, true, 300, 1, 2);
        assertThat(s.learningRateAt(0)).isEqualTo(1e-3);
        assertThat(s.learningRateAt(39)).isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(s.learningRateAt(99)).isCloseTo(1e-7, org.assertj.core.api.Assertions.within(1e-18));
    }
}
