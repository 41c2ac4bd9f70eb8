package org.e2v.enroll;

import java.util.SplittableRandom;

/**
 * Principal component analysis for 2-D views of embeddings (the scatter plot of the enrollment
 * screen). Components come from power iteration with deflation on the sample covariance, applied
 * implicitly as {@code C v = X^T (X v) / (n - 1)} on the centred data, so the E x E covariance is
 * never formed and each iteration costs O(n E).
 *
 * <p>Deterministic: the start vector comes from a fixed seed and each component's sign is chosen
 * so that its largest-magnitude coordinate is positive.
 */
public final class Pca {
    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-12;

    private final double[] mean;
    private final double[][] components;
    private final double[] explainedVariance;
    private final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] explainedVariance, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.explainedVariance = explainedVariance;
        this.totalVariance = totalVariance;
    }

    /**
     * Fits the leading {@code count} principal axes.
     *
     * @param data  rows = samples (at least 2), columns = dimensions
     * @param count number of components, 1 to the dimension
     */
    public static Pca fit(float[][] data, int count) {
        if (data.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 samples, got " + data.length);
        }
        int dims = data[0].length;
        if (count < 1 || count > dims) {
            throw new IllegalArgumentException("cannot fit " + count + " components in " + dims + " dimensions");
        }
        int n = data.length;
        double[] mean = new double[dims];
        for (float[] row : data) {
            if (row.length != dims) {
                throw new IllegalArgumentException("rows differ in dimension: " + row.length + " vs " + dims);
            }
            for (int e = 0; e < dims; e++) {
                mean[e] += row[e];
            }
        }
        for (int e = 0; e < dims; e++) {
            mean[e] /= n;
        }
        double[][] x = new double[n][dims];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < dims; e++) {
                x[i][e] = data[i][e] - mean[e];
                total += x[i][e] * x[i][e];
            }
        }
        total /= n - 1;
        double[][] comps = new double[count][];
        double[] variances = new double[count];
        SplittableRandom rng = new SplittableRandom(0x5eed_9ca_0001L);
        for (int k = 0; k < count; k++) {
            double[] v = new double[dims];
            for (int e = 0; e < dims; e++) {
                v[e] = rng.nextDouble() - 0.5;
            }
            orthogonalise(v, comps, k);
            normalise(v);
            double lambda = 0;
            for (int it = 0; it < MAX_ITERATIONS; it++) {
                double[] w = covarianceTimes(x, v);
                // Deflation: keep the iterate orthogonal to the components already found.
                orthogonalise(w, comps, k);
                lambda = norm(w);
                if (lambda == 0) {
                    break; // no variance left in the remaining directions
                }
                for (int e = 0; e < dims; e++) {
                    w[e] /= lambda;
                }
                double change = 0;
                for (int e = 0; e < dims; e++) {
                    change = Math.max(change, Math.abs(w[e] - v[e]));
                }
                v = w;
                if (change < TOLERANCE) {
                    break;
                }
            }
            fixSign(v);
            comps[k] = v;
            variances[k] = lambda;
        }
        return new Pca(mean, comps, variances, total);
    }

    /** Coordinates of {@code x} on the components. */
    public double[] project(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("vector has dimension " + x.length + ", PCA was fitted on " + mean.length);
        }
        double[] out = new double[components.length];
        for (int k = 0; k < components.length; k++) {
            double s = 0;
            for (int e = 0; e < mean.length; e++) {
                s += (x[e] - mean[e]) * components[k][e];
            }
            out[k] = s;
        }
        return out;
    }

    /** Projects every row. */
    public double[][] project(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = project(rows[i]);
        }
        return out;
    }

    /** Unit-length principal axis {@code k} (a copy). */
    public double[] component(int k) {
        return components[k].clone();
    }

    /** Variance of the data along axis {@code k} (eigenvalue of the sample covariance). */
    public double explainedVariance(int k) {
        return explainedVariance[k];
    }

    /** Fraction of the total variance along axis {@code k}. */
    public double explainedVarianceRatio(int k) {
        return totalVariance == 0 ? 0 : explainedVariance[k] / totalVariance;
    }

    public int componentCount() {
        return components.length;
    }

    private static double[] covarianceTimes(double[][] x, double[] v) {
        double[] w = new double[v.length];
        for (double[] row : x) {
            double s = 0;
            for (int e = 0; e < v.length; e++) {
                s += row[e] * v[e];
            }
            for (int e = 0; e < v.length; e++) {
                w[e] += s * row[e];
            }
        }
        double scale = 1.0 / (x.length - 1);
        for (int e = 0; e < w.length; e++) {
            w[e] *= scale;
        }
        return w;
    }

    private static void orthogonalise(double[] v, double[][] comps, int count) {
        for (int k = 0; k < count; k++) {
            double dot = 0;
            for (int e = 0; e < v.length; e++) {
                dot += v[e] * comps[k][e];
            }
            for (int e = 0; e < v.length; e++) {
                v[e] -= dot * comps[k][e];
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    private static void normalise(double[] v) {
        double n = norm(v);
        for (int e = 0; e < v.length; e++) {
            v[e] /= n;
        }
    }

    private static void fixSign(double[] v) {
        int arg = 0;
        for (int e = 1; e < v.length; e++) {
            if (Math.abs(v[e]) > Math.abs(v[arg])) {
                arg = e;
            }
        }
        if (v[arg] < 0) {
            for (int e = 0; e < v.length; e++) {
                v[e] = -v[e];
            }
        }
    }
}
