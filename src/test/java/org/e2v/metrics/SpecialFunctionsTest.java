package org.e2v.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {
    /** Reference values: high-precision tables (20 digits) and, for 1.9999, the C library erfc via CPython (about 1 ulp). */
    private static final double[][] ERFC = {
        {0.1, 0.88753708398171510961},
        {0.5, 0.47950012218695346232},
        {1.0, 0.15729920705028513066},
        {1.9999, 0.004679802092970608},
        {2.0, 0.0046777349810472658379},
        {3.0, 2.2090496998585441373e-5},
        {5.0, 1.5374597944280348502e-12},
        {10.0, 2.0884875837625447570e-45},
    };

    @Test
    void erfcMatchesReferenceValuesToFullRelativePrecision() {
        for (double[] row : ERFC) {
            assertThat(SpecialFunctions.erfc(row[0])).as("erfc(%s)", row[0]).isCloseTo(row[1], within(1e-13 * row[1]));
        }
    }

    @Test
    void erfcIsContinuousWhereTheMethodSwitches() {
        double below = SpecialFunctions.erfc(Math.nextDown(2.0));
        double at = SpecialFunctions.erfc(2.0);
        assertThat(Math.abs(below - at) / at).isLessThan(1e-13);
    }

    @Test
    void symmetryAndLimits() {
        assertThat(SpecialFunctions.erfc(0)).isEqualTo(1.0);
        assertThat(SpecialFunctions.erfc(-1.0)).isCloseTo(2 - 0.15729920705028513066, within(1e-15));
        assertThat(SpecialFunctions.erf(-0.5)).isCloseTo(-(1 - 0.47950012218695346232), within(1e-15));
        assertThat(SpecialFunctions.erfc(30)).isZero();
        assertThat(SpecialFunctions.erfc(Double.POSITIVE_INFINITY)).isZero();
        assertThat(SpecialFunctions.erfc(Double.NaN)).isNaN();
    }
}
