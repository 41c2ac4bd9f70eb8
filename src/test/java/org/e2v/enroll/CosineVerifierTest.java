package org.e2v.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineVerifierTest {
    @Test
    void prototypeIsTheComponentwiseMean() {
        assertThat(CosineVerifier.prototype(new double[][] {{1, 2}, {3, -2}, {2, 3}})).containsExactly(2, 1);
        assertThatThrownBy(() -> CosineVerifier.prototype(new double[0][])).hasMessageContaining("at least one");
    }

    @Test
    void nearestBreaksTiesTowardsTheLowerIndexAndRejectsBeyondTheThreshold() {
        double[][] d = {{0.3, 0.3, 0.9}, {0.8, 0.6, 0.7}, {1.2, 1.1, 1.5}};
        assertThat(CosineVerifier.nearest(d, Double.POSITIVE_INFINITY)).containsExactly(0, 1, 1);
        assertThat(CosineVerifier.nearest(d, 1.0)).containsExactly(0, 1, CosineVerifier.UNKNOWN_INDEX);
    }

    @Test
    void polarAngleIsBelowNinetyExactlyWhenCloserToTheFirstClass() {
        assertThat(CosineVerifier.polarAngleDeg(0.2, 0.6)).isCloseTo(45, within(1e-12));
        assertThat(CosineVerifier.polarAngleDeg(0.6, 0.2)).isCloseTo(135, within(1e-12));
        assertThat(CosineVerifier.polarAngleDeg(0, 0)).isEqualTo(90);
    }

    @Test
    void zeroVectorIsAtDistanceOneFromEverything() {
        assertThat(CosineVerifier.cosine(new double[] {0, 0}, new double[] {1, 1})).isZero();
    }
}
