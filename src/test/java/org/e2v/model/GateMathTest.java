package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GateMathTest {
    @Test
    void tanhAgreesWithMathTanhToDoublePrecision() {
        Random rng = new Random(3);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            // gate pre-activations: mostly small, some far into saturation
            double v = rng.nextGaussian() * (i % 10 == 0 ? 30 : 2);
            worst = Math.max(worst, Math.abs(GateMath.tanh(v) - Math.tanh(v)));
        }
        assertThat(worst).isLessThan(1e-15);
    }

    @Test
    void tanhIsOddExactAtZeroAndSaturatesWithoutOverflow() {
        assertThat(GateMath.tanh(0.0)).isEqualTo(0.0);
        assertThat(GateMath.tanh(-0.3)).isEqualTo(-GateMath.tanh(0.3));
        assertThat(GateMath.tanh(1e-9)).isCloseTo(1e-9, org.assertj.core.data.Offset.offset(1e-16));
        assertThat(GateMath.tanh(800.0)).isEqualTo(1.0);
        assertThat(GateMath.tanh(-800.0)).isEqualTo(-1.0);
        assertThat(GateMath.tanh(Double.NaN)).isNaN();
    }

    @Test
    void sigmoidMatchesItsDefinition() {
        assertThat(GateMath.sigmoid(0)).isEqualTo(0.5);
        assertThat(GateMath.sigmoid(2.0)).isCloseTo(1 / (1 + Math.exp(-2.0)), org.assertj.core.data.Offset.offset(1e-16));
        assertThat(GateMath.sigmoid(-800)).isEqualTo(0.0);
    }
}
