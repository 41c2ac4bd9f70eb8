package org.e2v.metrics;

/**
 * McNemar's test between two systems A and B evaluated on the same items (the test behind the
 * paper's "p-value &lt; 0.05 in McNemar's test", Sec. 4.2).
 *
 * @param b           items A got right and B got wrong
 * @param c           items A got wrong and B got right
 * @param nDiscordant {@code b + c}
 * @param pExact      exact two-sided binomial p-value, {@code min(1, 2 * P(X <= min(b, c)))}, X ~ Bin(b + c, 1/2)
 * @param chi2Cc      continuity-corrected statistic {@code (|b - c| - 1)^2 / (b + c)}, not clamped at 0
 * @param pChi2Cc     upper tail of chi-square with 1 degree of freedom at {@code chi2Cc}
 */
public record McNemarResult(int b, int c, int nDiscordant, double pExact, double chi2Cc, double pChi2Cc) {
    private static final double LN2 = Math.log(2);

    /**
     * The test from the discordant counts. With {@code b = c = 0} there is no evidence either
     * way: both p-values are 1 and the statistic is 0.
     */
    public static McNemarResult of(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got b=" + b + " c=" + c);
        }
        int n = b + c;
        if (n == 0) {
            return new McNemarResult(0, 0, 0, 1.0, 0.0, 1.0);
        }
        double d = Math.abs(b - c) - 1.0;
        // No clamp at 0 (statsmodels convention): b = c gives 1/(b+c), see docs/decisions/0061.
        double chi2 = d * d / n;
        double pChi2 = SpecialFunctions.erfc(Math.sqrt(chi2 / 2));
        return new McNemarResult(b, c, n, exactTwoSided(Math.min(b, c), n), chi2, pChi2);
    }

    /** True when the exact test rejects equal error rates at level {@code alpha}. */
    public boolean significantAt(double alpha) {
        return pExact < alpha;
    }

    /**
     * {@code min(1, 2 * sum_{i<=k} C(n, i) / 2^n)} summed in log space: the binomial
     * coefficients and 2^n overflow a double from n ~ 1030 on, their logs never do.
     */
    static double exactTwoSided(int k, int n) {
        double logTerm = -n * LN2; // log(C(n,0) / 2^n)
        double[] logs = new double[k + 1];
        logs[0] = logTerm;
        for (int i = 0; i < k; i++) {
            logTerm += Math.log((double) (n - i) / (i + 1));
            logs[i + 1] = logTerm;
        }
        // k <= n/2, so the last term is the largest: factor it out (log-sum-exp).
        double max = logs[k];
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(logs[i] - max);
        }
        double logP = LN2 + max + Math.log(sum);
        return logP >= 0 ? 1.0 : Math.exp(logP);
    }
}
