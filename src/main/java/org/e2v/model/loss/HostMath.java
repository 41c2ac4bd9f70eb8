package org.e2v.model.loss;

/**
 * The pieces of the host losses (decision 0136) on row-major {@code double[]}: the head's cross-entropy, the
 * support/query split of an episode (Eq. (2)) and the mean cross-entropy of a K x K logit matrix against its
 * diagonal. Each forward piece also writes what its backward pass needs; gradients are ADDED into the given
 * arrays, so the terms of Eq. (5) accumulate into one set.
 */
final class HostMath {
    private HostMath() {
    }

    /**
     * L_ce of Eq. (5): mean over rows of CE(x_r W + bias, y_r), and {@code weight} times its gradients added
     * into {@code dX}, {@code dW}, {@code dBias}.
     *
     * @param x    [rows * dims]
     * @param w    [dims * classes], classes = bias.length
     * @return the mean cross-entropy (unweighted)
     */
    static double headCrossEntropy(double[] x, int rows, int dims, double[] w, double[] bias, int[] labels,
                                   double weight, double[] dX, double[] dW, double[] dBias) {
        int classes = bias.length;
        double[] z = new double[classes];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int xr = r * dims;
            System.arraycopy(bias, 0, z, 0, classes);
            for (int e = 0; e < dims; e++) {
                double xe = x[xr + e];
                int we = e * classes;
                for (int c = 0; c < classes; c++) {
                    z[c] += xe * w[we + c];
                }
            }
            // z becomes d CE_r / d z = softmax(z) - onehot(y_r)
            sum += softmaxCrossEntropy(z, 0, classes, labels[r]);
            double scale = weight / rows;
            for (int c = 0; c < classes; c++) {
                z[c] *= scale;
                dBias[c] += z[c];
            }
            for (int e = 0; e < dims; e++) {
                double xe = x[xr + e];
                int we = e * classes;
                double back = 0;
                for (int c = 0; c < classes; c++) {
                    dW[we + c] += xe * z[c];
                    back += z[c] * w[we + c];
                }
                dX[xr + e] += back;
            }
        }
        return sum / rows;
    }

    /**
     * Mean over the K rows of CE(logits_j, j) (the targets of queries are the diagonal), with the log-sum-exp
     * taken after subtracting the row maximum. {@code logits} [K * K] is replaced by d mean / d logits =
     * (softmax(logits_j) - [j = k]) / K.
     */
    static double diagonalCrossEntropy(double[] logits, int classes) {
        double sum = 0;
        for (int j = 0; j < classes; j++) {
            sum += softmaxCrossEntropy(logits, j * classes, classes, j);
            for (int k = 0; k < classes; k++) {
                logits[j * classes + k] /= classes;
            }
        }
        return sum / classes;
    }

    /**
     * CE(z, t) = log sum_c exp(z_c) - z_t of {@code z[from, from + n)}, which is replaced by softmax(z) -
     * onehot(t).
     */
    private static double softmaxCrossEntropy(double[] z, int from, int n, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            max = Math.max(max, z[from + c]);
        }
        double total = 0;
        for (int c = 0; c < n; c++) {
            total += Math.exp(z[from + c] - max);
        }
        double ce = Math.log(total) + max - z[from + target];
        for (int c = 0; c < n; c++) {
            z[from + c] = Math.exp(z[from + c] - max) / total;
        }
        z[from + target] -= 1;
        return ce;
    }

    /** [K * E] centroids c_k = (1/(N-1)) sum_{i<N-1} e_{k,i} (Eq. (2)), from the raw embeddings. */
    static double[] centroids(double[] x, int classes, int perClass, int dims) {
        double[] c = new double[classes * dims];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < perClass - 1; i++) {
                int from = (k * perClass + i) * dims;
                for (int e = 0; e < dims; e++) {
                    c[k * dims + e] += x[from + e];
                }
            }
            for (int e = 0; e < dims; e++) {
                c[k * dims + e] /= perClass - 1;
            }
        }
        return c;
    }

    /** [K * E] queries q_j = e_{j,N-1}, the last utterance of each class. */
    static double[] queries(double[] x, int classes, int perClass, int dims) {
        double[] q = new double[classes * dims];
        for (int j = 0; j < classes; j++) {
            System.arraycopy(x, (j * perClass + perClass - 1) * dims, q, j * dims, dims);
        }
        return q;
    }

    /**
     * Adds the gradients of centroids and queries into the embedding rows they came from: every support row
     * of class k gets d/dc_k / (N-1), the query row of class j gets d/dq_j.
     */
    static void scatterEpisode(double[] dCentroids, double[] dQueries, int classes, int perClass, int dims,
                               double[] dX) {
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < perClass - 1; i++) {
                int to = (k * perClass + i) * dims;
                for (int e = 0; e < dims; e++) {
                    dX[to + e] += dCentroids[k * dims + e] / (perClass - 1);
                }
            }
            int to = (k * perClass + perClass - 1) * dims;
            for (int e = 0; e < dims; e++) {
                dX[to + e] += dQueries[k * dims + e];
            }
        }
    }

    /** sum_e a[ai + e] * b[bi + e]. */
    static double dot(double[] a, int ai, double[] b, int bi, int dims) {
        double s = 0;
        for (int e = 0; e < dims; e++) {
            s += a[ai + e] * b[bi + e];
        }
        return s;
    }
}
