package org.e2v.metrics;

/** Special functions the statistics need, accurate to a few ulps over the whole double range. */
public final class SpecialFunctions {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    /** Below this, 1 - erf(x) loses at most log10(1/erfc(2)) ~ 2.3 digits; above it the continued fraction converges fast. */
    private static final double SERIES_LIMIT = 2.0;

    private SpecialFunctions() {
    }

    /**
     * Complementary error function {@code erfc(x) = 1 - erf(x)}.
     *
     * <p>For |x| &lt; 2: erf from the all-positive series
     * {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))} (no cancellation
     * inside the sum). For x &gt;= 2: the Laplace continued fraction
     * {@code erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))},
     * evaluated with the modified Lentz method, which keeps full relative accuracy in the far
     * tail where 1 - erf(x) would round to 0. Negative x use erfc(-x) = 2 - erfc(x).
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < SERIES_LIMIT) {
            return 1.0 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0.0; // exp(-x^2) underflows below the smallest subnormal
        }
        return Math.exp(-x * x) * ONE_OVER_SQRT_PI * continuedFraction(x);
    }

    /** Error function; see {@link #erfc(double)} for the method. */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return -erf(-x);
        }
        return x < SERIES_LIMIT ? erfSeries(x) : 1.0 - erfc(x);
    }

    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** 1/(x + a1/(x + a2/(x + ...))) with a_k = k/2, modified Lentz. */
    private static double continuedFraction(double x) {
        final double tiny = 1e-300;
        double f = x;
        double cc = x;
        double d = 0;
        for (int k = 1; k < 5000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            cc = x + a / cc;
            cc = cc == 0 ? tiny : cc;
            d = 1 / d;
            double delta = cc * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / f;
    }
}
