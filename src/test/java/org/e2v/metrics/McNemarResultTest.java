package org.e2v.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class McNemarResultTest {
    @Test
    void smallTableByHand() {
        McNemarResult m = McNemarResult.of(4, 0);
        // 2 * C(4,0) / 2^4 = 1/8
        assertThat(m.pExact()).isCloseTo(0.125, within(1e-16));
        // (4 - 1)^2 / 4
        assertThat(m.chi2Cc()).isEqualTo(2.25);
        assertThat(m.pChi2Cc()).isCloseTo(SpecialFunctions.erfc(Math.sqrt(1.125)), within(0.0));
    }

    @Test
    void equalCountsGiveUnclampedStatistic() {
        McNemarResult m = McNemarResult.of(5, 5);
        assertThat(m.chi2Cc()).isCloseTo(0.1, within(1e-16));
        assertThat(m.pExact()).isEqualTo(1.0);
    }

    @Test
    void noDiscordantItemsMeansNoEvidence() {
        McNemarResult m = McNemarResult.of(0, 0);
        assertThat(m.pExact()).isEqualTo(1.0);
        assertThat(m.chi2Cc()).isZero();
        assertThat(m.pChi2Cc()).isEqualTo(1.0);
        assertThat(m.significantAt(0.05)).isFalse();
    }

    @Test
    void exactPValueMatchesBigIntegerArithmeticForLargeCounts() {
        // 2^n and C(n, i) overflow doubles from n ~ 1030 on: the log-space sum must not.
        int[][] tables = {{520, 480}, {5400, 4600}, {20, 1980}, {7000, 6990}};
        for (int[] t : tables) {
            double expected = exactReference(Math.min(t[0], t[1]), t[0] + t[1]);
            double actual = McNemarResult.of(t[0], t[1]).pExact();
            assertThat(actual).as("b=%d c=%d", t[0], t[1]).isCloseTo(expected, within(1e-10 * expected + 1e-300));
        }
    }

    @Test
    void largeCountsAgreeWithTheChiSquareApproximation() {
        McNemarResult m = McNemarResult.of(5400, 4600);
        assertThat(m.pExact()).isBetween(0.0, 1e-12);
        assertThat(m.pExact() / m.pChi2Cc()).isBetween(0.8, 1.25);
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> McNemarResult.of(-1, 2)).hasMessageContaining("b=-1");
    }

    private static double exactReference(int k, int n) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger binom = BigInteger.ONE;
        for (int i = 0; i <= k; i++) {
            sum = sum.add(binom);
            binom = binom.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), new MathContext(30));
        return Math.min(1.0, p.doubleValue());
    }
}
