package org.e2v.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-wise layer norm and masked softmax for {@link TransformerBackprop}, forward and backward,
 * as single Java passes over host copies of the rows. As ND4J calls each of these was eight to
 * ten elementwise and reduction ops per layer norm, each waking the OpenMP team and walking the
 * whole block again; here each is one read, one pass per row and one write (decision 0134).
 * Arithmetic is in double whatever the model's type; float models round once when written back.
 * One owner, one thread; scratch arrays are kept between calls.
 */
final class RowKernels {
    private final HostCopy host = new HostCopy();
    /** Scratch arrays by slot: 0-2 hold [R, M] (or [R, T]) blocks, 3 one value per row. */
    private final double[][] scratch = {new double[0], new double[0], new double[0], new double[0]};

    /**
     * out = g * (u - mean) / sqrt(var) + b over each row of [R, M] (biased variance, no epsilon, as
     * the native layer_norm op; a variance below {@code floor}, e.g. a constant row, is raised to
     * it so that row normalises to 0 instead of NaN). Writes the normalised rows and 1/sigma, which
     * {@link #layerNormBackward} needs.
     *
     * @param xhatOut [R, M], invOut [R, 1], out [R, M]: contiguous arrays at offset 0
     */
    void layerNorm(INDArray u, INDArray gain, INDArray bias, INDArray xhatOut, INDArray invOut, INDArray out,
                   int rows, int m, double floor) {
        int n = rows * m;
        double[] x = load(0, u, n);
        double[] g = new double[m];
        double[] bv = new double[m];
        host.read(gain, g, m);
        host.read(bias, bv, m);
        double[] y = scratch(1, n);
        double[] inv = scratch(3, rows);
        for (int r = 0; r < rows; r++) {
            int o = r * m;
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += x[o + j];
            }
            double mean = sum / m;
            double sq = 0;
            for (int j = 0; j < m; j++) {
                double v = x[o + j] - mean;
                x[o + j] = v;
                sq += v * v;
            }
            double s = 1 / Math.sqrt(Math.max(sq / m, floor));
            inv[r] = s;
            for (int j = 0; j < m; j++) {
                double h = x[o + j] * s;
                x[o + j] = h;
                y[o + j] = h * g[j] + bv[j];
            }
        }
        host.write(x, xhatOut, n);
        host.write(inv, invOut, rows);
        host.write(y, out, n);
    }

    /**
     * Backward of {@link #layerNorm}: du = (1/sigma) (dxhat - mean(dxhat) - xhat mean(dxhat xhat))
     * per row with dxhat = dOut g; dg = column sums of dOut xhat, db = column sums of dOut.
     *
     * @param du [R, M], dg [M], db [M]: contiguous arrays at offset 0 (written)
     */
    void layerNormBackward(INDArray dOut, INDArray xhatIn, INDArray invIn, INDArray gain, INDArray du,
                           INDArray dg, INDArray db, int rows, int m) {
        int n = rows * m;
        double[] dy = load(0, dOut, n);
        double[] xh = load(1, xhatIn, n);
        double[] dx = scratch(2, n);
        double[] inv = load(3, invIn, rows);
        double[] g = new double[m];
        host.read(gain, g, m);
        double[] sumG = new double[m];
        double[] sumB = new double[m];
        for (int r = 0; r < rows; r++) {
            int o = r * m;
            double meanD = 0;
            double meanDx = 0;
            for (int j = 0; j < m; j++) {
                double v = dy[o + j];
                double h = xh[o + j];
                sumG[j] += v * h;
                sumB[j] += v;
                double dh = v * g[j];
                dx[o + j] = dh;
                meanD += dh;
                meanDx += dh * h;
            }
            meanD /= m;
            meanDx /= m;
            double s = inv[r];
            for (int j = 0; j < m; j++) {
                dx[o + j] = (dx[o + j] - xh[o + j] * meanDx - meanD) * s;
            }
        }
        host.write(dx, du, n);
        host.write(sumG, dg, m);
        host.write(sumB, db, m);
    }

    /**
     * In place on [B, H, T, T] scores: softmax over the last axis of each row, keys whose
     * {@code keyMask[i * T + s]} is 0 getting weight exactly 0 (what adding -1e9 to their scores
     * gives, as exp underflows; every item has at least one valid key).
     */
    void maskedSoftmax(INDArray scores, double[] keyMask, int b, int heads, int t) {
        int n = b * heads * t * t;
        double[] s = load(0, scores, n);
        for (int i = 0; i < b; i++) {
            int maskRow = i * t;
            for (int row = 0; row < heads * t; row++) {
                int o = (i * heads * t + row) * t;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < t; k++) {
                    if (keyMask[maskRow + k] != 0 && s[o + k] > max) {
                        max = s[o + k];
                    }
                }
                double sum = 0;
                for (int k = 0; k < t; k++) {
                    double e = keyMask[maskRow + k] != 0 ? Math.exp(s[o + k] - max) : 0;
                    s[o + k] = e;
                    sum += e;
                }
                double scale = 1 / sum;
                for (int k = 0; k < t; k++) {
                    s[o + k] *= scale;
                }
            }
        }
        host.write(s, scores, n);
    }

    /** In place: dScores = A * (dA - sum_k dA_k A_k) per row of [rowCount, T] (softmax backward). */
    void softmaxBackward(INDArray dAtt, INDArray att, int rowCount, int t) {
        int n = rowCount * t;
        double[] g = load(0, dAtt, n);
        double[] p = load(1, att, n);
        for (int r = 0; r < rowCount; r++) {
            int o = r * t;
            double dot = 0;
            for (int k = 0; k < t; k++) {
                dot += g[o + k] * p[o + k];
            }
            for (int k = 0; k < t; k++) {
                g[o + k] = p[o + k] * (g[o + k] - dot);
            }
        }
        host.write(g, dAtt, n);
    }

    /** Scratch array {@code slot} with room for {@code n} values (contents left over from earlier use). */
    private double[] scratch(int slot, int n) {
        if (scratch[slot].length < n) {
            scratch[slot] = new double[n];
        }
        return scratch[slot];
    }

    /** The first {@code n} values of {@code src}, read into scratch array {@code slot}. */
    private double[] load(int slot, INDArray src, int n) {
        double[] x = scratch(slot, n);
        host.read(src, x, n);
        return x;
    }
}
