package org.e2v.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void binaryTaskByHand() {
        // neutral: 3 of 4 right; frustrated: 1 of 2 right.
        List<String> truth = List.of("neutral", "neutral", "neutral", "neutral", "frustrated", "frustrated");
        List<String> pred = List.of("neutral", "neutral", "neutral", "frustrated", "frustrated", "neutral");
        ClassificationReport<String> r = Metrics.evaluate(truth, pred);
        assertThat(r.labels()).containsExactly("frustrated", "neutral");
        assertThat(r.confusion()).isEqualTo(new int[][] {{1, 1}, {1, 3}});
        assertThat(r.recall()).containsExactly(0.5, 0.75);
        assertThat(r.precision()).containsExactly(0.5, 0.75);
        assertThat(r.uar()).isCloseTo(0.625, within(1e-15));
        // F1 = (0.5, 0.75), weights (2, 4) / 6
        assertThat(r.weightedF1()).isCloseTo((2 * 0.5 + 4 * 0.75) / 6, within(1e-15));
        assertThat(r.accuracy()).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(r.count()).isEqualTo(6);
        assertThat(r.perClass().get(1)).isEqualTo(new ClassificationReport.ClassMetrics<>("neutral", 4, 0.75, 0.75, 0.75));
    }

    @Test
    void labelPredictedButNeverTrueIsInTheMatrixButNotInTheUar() {
        List<String> truth = List.of("a", "a", "b", "b");
        List<String> pred = List.of("a", "unknown", "b", "b");
        ClassificationReport<String> r = Metrics.evaluate(truth, pred);
        assertThat(r.labels()).containsExactly("a", "b", "unknown");
        assertThat(r.trueClasses()).containsExactly("a", "b");
        assertThat(r.support()).containsExactly(2, 2, 0);
        assertThat(r.recall()).containsExactly(0.5, 1.0, 0.0);
        assertThat(r.precision()[2]).isZero();
        assertThat(r.uar()).isCloseTo(0.75, within(1e-15));
        assertThat(r.uarAllLabels()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void trueClassNeverPredictedHasZeroPrecisionAndF1() {
        ClassificationReport<Integer> r = Metrics.evaluate(List.of(0, 1, 1), List.of(0, 0, 0));
        assertThat(r.precision()).containsExactly(1.0 / 3, 0.0);
        assertThat(r.f1()[1]).isZero();
        assertThat(r.uar()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void integerLabelsSortNumericallyNotAsText() {
        ClassificationReport<Integer> r = Metrics.evaluate(List.of(10, 9, 2), List.of(10, 9, 2));
        assertThat(r.labels()).containsExactly(2, 9, 10);
        assertThat(r.uar()).isEqualTo(1.0);
    }

    @Test
    void mismatchedLengthsAndEmptyInputAreRejected() {
        assertThatThrownBy(() -> Metrics.evaluate(List.of("a", "b"), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 true labels but 1 predictions");
        assertThatThrownBy(() -> Metrics.evaluate(List.<String>of(), List.<String>of()))
                .hasMessageContaining("at least one item");
        assertThatThrownBy(() -> ClassificationReport.fromConfusion(List.of("a", "b"), new int[][] {{1, 2}}))
                .hasMessageContaining("1 rows for 2 labels");
    }

    @Test
    void reportArraysCannotBeChangedFromOutside() {
        int[][] confusion = {{2, 0}, {1, 1}};
        ClassificationReport<String> r = ClassificationReport.fromConfusion(List.of("a", "b"), confusion);
        confusion[0][0] = 99;
        r.confusion()[0][0] = 99;
        r.recall()[0] = 99;
        assertThat(r.confusion()[0][0]).isEqualTo(2);
        assertThat(r.recall()[0]).isEqualTo(1.0);
    }

    @Test
    void mcNemarCountsOnlyDiscordantItems() {
        List<String> truth = List.of("a", "a", "b", "b", "a");
        List<String> sysA = List.of("a", "a", "a", "b", "b"); // right on 0, 1, 3
        List<String> sysB = List.of("a", "b", "b", "a", "b"); // right on 0, 2
        McNemarResult m = Metrics.mcNemar(truth, sysA, sysB);
        assertThat(m.b()).isEqualTo(2); // items 1, 3
        assertThat(m.c()).isEqualTo(1); // item 2
        // exact: 2 * (C(3,0) + C(3,1)) / 8 = 1 -> min(1, 1)
        assertThat(m.pExact()).isEqualTo(1.0);
        assertThat(m.chi2Cc()).isEqualTo(0.0);
    }
}
